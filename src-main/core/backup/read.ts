/**
 * Reading a backup file: its manifest (from the trailer, without reading the
 * rest: what the list shows), and a walk over its table sections in order,
 * checking each against the manifest and the whole file against its
 * SHA-256. A verify pass walks without loading; a restore walks once more,
 * loading as it goes, so a file changed in between is still caught.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import {
  decodeTrailer,
  FORMAT_VERSION,
  FRAME_HEADER_BYTES,
  FrameKind,
  HEADER_BYTES,
  MAGIC,
  manifestSchema,
  MAX_PAYLOAD,
  tableEnd,
  TRAILER_BYTES,
  type Manifest,
  type ManifestTable,
  type Trailer,
} from './format';
import { BackupRefusal } from './refusal';

export interface BackupHead {
  file: string;
  size: number;
  version: number;
  manifest: Manifest;
  trailer: Trailer;
}

const damaged = (file: string, what: string) =>
  new BackupRefusal('damaged', `${file} is damaged (${what}); nothing was restored from it. Restore another backup.`);

/** Header, trailer and manifest, checked for shape; the data is not read. */
export async function readBackupHead(file: string): Promise<BackupHead> {
  const handle = await open(file, 'r');
  try {
    const size = (await handle.stat()).size;
    const head = Buffer.alloc(Math.min(size, HEADER_BYTES));
    await handle.read(head, 0, head.length, 0);
    if (!head.subarray(0, MAGIC.length).equals(MAGIC.subarray(0, head.length))) {
      throw new BackupRefusal(
        'foreign',
        `${file} is not a DRM Desktop backup (it does not start with a backup header); nothing was restored.`,
      );
    }
    if (size < HEADER_BYTES + TRAILER_BYTES) throw truncated(file);
    const version = head.readUInt16BE(MAGIC.length);
    if (version > FORMAT_VERSION) {
      throw new BackupRefusal(
        'newer-format',
        `${file} was written by a newer DRM Desktop (backup format ${version}; this version reads format ${FORMAT_VERSION}). Update DRM Desktop to restore it.`,
      );
    }
    if (version < 1) throw damaged(file, `format version ${version}`);
    const tail = Buffer.alloc(TRAILER_BYTES);
    await handle.read(tail, 0, TRAILER_BYTES, size - TRAILER_BYTES);
    const trailer = decodeTrailer(tail);
    if (!trailer) throw truncated(file);
    if (
      trailer.manifestOffset + FRAME_HEADER_BYTES + trailer.manifestLength + TRAILER_BYTES !== size ||
      trailer.manifestLength > MAX_PAYLOAD[FrameKind.manifest]!
    ) {
      throw damaged(file, 'the trailer does not point at the manifest');
    }
    const frame = Buffer.alloc(FRAME_HEADER_BYTES + trailer.manifestLength);
    await handle.read(frame, 0, frame.length, trailer.manifestOffset);
    if (frame.readUInt8(0) !== FrameKind.manifest || frame.readUInt32BE(1) !== trailer.manifestLength)
      throw damaged(file, 'no manifest where the trailer says');
    return { file, size, version, manifest: parseManifest(file, frame.subarray(FRAME_HEADER_BYTES)), trailer };
  } finally {
    await handle.close();
  }
}

function truncated(file: string): BackupRefusal {
  return new BackupRefusal(
    'truncated',
    `${file} is incomplete: it ends before the end of a backup (a copy or a backup that was cut short); nothing was restored. Restore another backup.`,
  );
}

function parseManifest(file: string, bytes: Buffer): Manifest {
  try {
    return manifestSchema.parse(JSON.parse(bytes.toString('utf8')));
  } catch {
    throw damaged(file, 'its manifest cannot be read');
  }
}

interface Frame {
  kind: number;
  offset: number;
  payload: Buffer;
}

/** Buffers of a read stream, taken a frame at a time (zero-copy when a frame sits in one chunk). */
class ByteQueue {
  private chunks: Buffer[] = [];
  length = 0;
  push(chunk: Buffer) {
    this.chunks.push(chunk);
    this.length += chunk.length;
  }
  take(n: number): Buffer {
    const first = this.chunks[0]!;
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      out = Buffer.allocUnsafe(n);
      for (let at = 0; at < n;) {
        const chunk = this.chunks[0]!;
        const used = Math.min(chunk.length, n - at);
        chunk.copy(out, at, 0, used);
        at += used;
        if (used === chunk.length) this.chunks.shift();
        else this.chunks[0] = chunk.subarray(used);
      }
    }
    this.length -= n;
    return out;
  }
}

/** Frames from the header to the trailer, hashing every byte read into `hash`. */
async function* readFrames(head: BackupHead, hash: ReturnType<typeof createHash>): AsyncGenerator<Frame> {
  const end = head.size - TRAILER_BYTES;
  const stream = createReadStream(head.file, { start: 0, end: end - 1, highWaterMark: 1 << 20 });
  const source = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const queue = new ByteQueue();
  const fill = async (n: number): Promise<boolean> => {
    while (queue.length < n) {
      const next = await source.next();
      if (next.done) return false;
      hash.update(next.value);
      queue.push(next.value);
    }
    return true;
  };
  try {
    if (!(await fill(HEADER_BYTES)) || !queue.take(HEADER_BYTES).subarray(0, MAGIC.length).equals(MAGIC))
      throw damaged(head.file, 'its header changed');
    let offset = HEADER_BYTES;
    while (await fill(1)) {
      if (!(await fill(FRAME_HEADER_BYTES))) throw truncated(head.file);
      const frameHead = queue.take(FRAME_HEADER_BYTES);
      const kind = frameHead.readUInt8(0);
      const length = frameHead.readUInt32BE(1);
      const max = MAX_PAYLOAD[kind];
      if (max === undefined || length > max) throw damaged(head.file, `unreadable data at byte ${offset}`);
      if (!(await fill(length))) throw truncated(head.file);
      yield { kind, offset, payload: queue.take(length) };
      offset += FRAME_HEADER_BYTES + length;
    }
    if (offset !== end) throw truncated(head.file);
  } finally {
    stream.destroy();
  }
}

/**
 * Walks the table sections in file order, handing each table's (still
 * compressed) data to `onTable`, which must read it to the end. Checks every
 * section against the manifest and, at the end, the SHA-256 of the whole
 * file; throws a BackupRefusal('damaged') on any difference.
 */
export async function walkSections(
  head: BackupHead,
  onTable: (table: ManifestTable, data: AsyncIterable<Buffer>) => Promise<void>,
): Promise<void> {
  const { file, manifest } = head;
  const hash = createHash('sha256');
  const frames = readFrames(head, hash);
  const next = async (): Promise<Frame | undefined> => (await frames.next()).value ?? undefined;
  try {
    for (const table of manifest.tables) {
      const start = await next();
      const name = `${table.schema}.${table.name}`;
      if (start?.kind !== FrameKind.table || !sameTable(start.payload, table))
        throw damaged(file, `${name} is not where the manifest says`);
      let stored = 0;
      let end: Frame | undefined;
      const data = (async function* () {
        for (;;) {
          const frame = await next();
          if (frame?.kind === FrameKind.data) {
            stored += frame.payload.length;
            yield frame.payload;
          } else {
            end = frame;
            return;
          }
        }
      })();
      await onTable(table, data);
      while (!(await data.next()).done);
      if (end?.kind !== FrameKind.end || stored !== table.storedBytes || !sameEnd(end.payload, table))
        throw damaged(file, `${name} does not match the manifest`);
    }
    const last = await next();
    if (last?.kind !== FrameKind.manifest || last.offset !== head.trailer.manifestOffset || (await next()) !== undefined) {
      throw damaged(file, 'unexpected data after the tables');
    }
  } finally {
    await frames.return(undefined);
  }
  if (!hash.digest().equals(head.trailer.sha256)) throw damaged(file, 'its checksum does not match: some bytes changed');
}

function sameTable(payload: Buffer, table: ManifestTable): boolean {
  try {
    const start = JSON.parse(payload.toString('utf8')) as { schema?: unknown; name?: unknown; columns?: unknown };
    return start.schema === table.schema && start.name === table.name && JSON.stringify(start.columns) === JSON.stringify(table.columns);
  } catch {
    return false;
  }
}

function sameEnd(payload: Buffer, table: ManifestTable): boolean {
  try {
    const end = tableEnd.parse(JSON.parse(payload.toString('utf8')));
    return end.rows === table.rows && end.bytes === table.bytes && end.sha256 === table.sha256;
  } catch {
    return false;
  }
}

/** Reads the whole file once without loading it: structure, manifest and checksum. */
export async function verifyBackup(file: string): Promise<BackupHead> {
  const head = await readBackupHead(file);
  await walkSections(head, async (_table, data) => {
    for await (const chunk of data) void chunk;
  });
  return head;
}
