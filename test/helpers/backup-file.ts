/**
 * Damaged and crafted backup files for the refusal tests: cut short, one bit
 * flipped, a newer format, and rewritten with edited rows but every checksum
 * made to match (so only the restore's own checks inside its transaction can
 * catch them).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { encodeTrailer, FrameKind, header, MAGIC, type Manifest, type ManifestTable } from '../../src-main/core/backup/format';
import { readBackupHead, walkSections } from '../../src-main/core/backup/read';
import { BackupSink } from '../../src-main/core/backup/sink';

export function truncateFile(file: string, out: string, keep: number): string {
  writeFileSync(out, readFileSync(file).subarray(0, keep));
  return out;
}

export function flipBit(file: string, out: string, offset: number): string {
  const bytes = readFileSync(file);
  bytes[offset] = bytes[offset]! ^ 0x10;
  writeFileSync(out, bytes);
  return out;
}

export function withFormatVersion(file: string, out: string, version: number): string {
  copyFileSync(file, out);
  const bytes = readFileSync(out);
  bytes.writeUInt16BE(version, MAGIC.length);
  writeFileSync(out, bytes);
  return out;
}

/**
 * Rewrites a (brotli) backup with `edit` applied to each table's COPY text and
 * `store` to its compressed bytes, every checksum recomputed.
 */
export async function rewriteBackup(
  file: string,
  out: string,
  edit: (table: ManifestTable, text: string) => string,
  store: (table: ManifestTable, compressed: Buffer) => Buffer = (_t, compressed) => compressed,
): Promise<string> {
  const head = await readBackupHead(file);
  const texts: string[] = [];
  await walkSections(head, async (_table, data) => {
    const chunks: Buffer[] = [];
    for await (const chunk of data) chunks.push(chunk);
    texts.push(brotliDecompressSync(Buffer.concat(chunks)).toString('utf8'));
  });
  const sink = await BackupSink.open(out);
  await sink.write(header());
  const tables: ManifestTable[] = [];
  for (const [i, table] of head.manifest.tables.entries()) {
    const text = Buffer.from(edit(table, texts[i]!), 'utf8');
    const stored = store(table, brotliCompressSync(text));
    const rows = text.length === 0 ? 0 : text.toString('utf8').split('\n').length - 1;
    const end = { rows, bytes: text.length, sha256: createHash('sha256').update(text).digest('hex') };
    await sink.frame(FrameKind.table, Buffer.from(JSON.stringify({ schema: table.schema, name: table.name, columns: table.columns })));
    await sink.frame(FrameKind.data, stored);
    await sink.frame(FrameKind.end, Buffer.from(JSON.stringify(end)));
    tables.push({ ...table, ...end, storedBytes: stored.length });
  }
  const manifest: Manifest = { ...head.manifest, tables };
  const payload = Buffer.from(JSON.stringify(manifest));
  const manifestOffset = sink.offset;
  await sink.frame(FrameKind.manifest, payload);
  await sink.commit(encodeTrailer({ manifestOffset, manifestLength: payload.length, sha256: sink.digest() }));
  return out;
}

/** The middle of the largest data frame's payload: a byte only the checksums cover. */
export function middleOfData(file: string): number {
  const bytes = readFileSync(file);
  let best = { at: 0, length: 0 };
  for (let at = header().length; at < bytes.length - 60;) {
    const kind = bytes.readUInt8(at);
    const length = bytes.readUInt32BE(at + 1);
    if (kind === FrameKind.manifest) break;
    if (kind === FrameKind.data && length > best.length) best = { at: at + 5, length };
    at += 5 + length;
  }
  return best.at + Math.floor(best.length / 2);
}
