/**
 * The parts of the backup file that are pure: header, trailer and the frame
 * reader's refusals on files written by hand (a real round trip is in the
 * integration tests).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  decodeTrailer,
  encodeTrailer,
  FORMAT_VERSION,
  frameHeader,
  FrameKind,
  header,
  MAGIC,
  TRAILER_BYTES,
} from '../../src-main/core/backup/format';
import { readBackupHead, verifyBackup } from '../../src-main/core/backup/read';
import { BackupSink } from '../../src-main/core/backup/sink';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('backup-format');
afterAll(() => dir.remove());

/** A valid file with the given tables' sections (no data) and manifest. */
async function writeFile(name: string, manifest: object, sections: { start: object; end: object }[] = []): Promise<string> {
  const file = join(dir.path, name);
  const sink = await BackupSink.open(file);
  await sink.write(header());
  for (const s of sections) {
    await sink.frame(FrameKind.table, Buffer.from(JSON.stringify(s.start)));
    await sink.frame(FrameKind.end, Buffer.from(JSON.stringify(s.end)));
  }
  const payload = Buffer.from(JSON.stringify(manifest));
  const manifestOffset = sink.offset;
  await sink.frame(FrameKind.manifest, payload);
  await sink.commit(encodeTrailer({ manifestOffset, manifestLength: payload.length, sha256: sink.digest() }));
  return file;
}

const EMPTY_SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const table = { schema: 'public', name: 't', columns: ['a'] };
const manifest = (tables: object[] = []) => ({
  format: FORMAT_VERSION,
  app: { name: 'DRM Desktop', version: '0.1.0' },
  createdAt: '2026-12-05T00:00:00.000Z',
  kind: 'manual',
  postgres: '18.4',
  migrations: [],
  compression: 'gzip',
  tables,
});

describe('header and trailer', () => {
  it('start with a PNG-style magic and the format version', () => {
    expect(header().subarray(0, MAGIC.length)).toEqual(MAGIC);
    expect(MAGIC[0]).toBe(0x89);
    expect(header().readUInt16BE(MAGIC.length)).toBe(FORMAT_VERSION);
    expect(frameHeader(FrameKind.data, 70_000)).toEqual(Buffer.from([0x44, 0, 1, 0x11, 0x70]));
  });

  it('a trailer decodes to what was encoded, and anything else is no trailer', () => {
    const trailer = { manifestOffset: 2 ** 40 + 3, manifestLength: 12345, sha256: Buffer.alloc(32, 7) };
    const bytes = encodeTrailer(trailer);
    expect(bytes).toHaveLength(TRAILER_BYTES);
    expect(decodeTrailer(bytes)).toEqual(trailer);
    expect(decodeTrailer(bytes.subarray(1))).toBeUndefined();
    const broken = Buffer.from(bytes);
    broken[TRAILER_BYTES - 1] = 0;
    expect(decodeTrailer(broken)).toBeUndefined();
  });
});

describe('reading', () => {
  it('reads the manifest of a sound file and walks its sections', async () => {
    const end = { rows: 0, bytes: 0, sha256: EMPTY_SHA };
    const file = await writeFile('ok.drmbackup', manifest([{ ...table, ...end, storedBytes: 0 }]), [{ start: table, end }]);
    expect((await verifyBackup(file)).manifest.tables[0]).toMatchObject({ name: 't', rows: 0 });
  });

  it('refuses a manifest it cannot parse', async () => {
    const file = await writeFile('bad-manifest.drmbackup', { format: 1 });
    await expect(readBackupHead(file)).rejects.toMatchObject({ reason: 'damaged' });
  });

  it('refuses a section that is not where the manifest says', async () => {
    const end = { rows: 0, bytes: 0, sha256: EMPTY_SHA };
    const listed = { ...table, name: 'other', ...end, storedBytes: 0 };
    const file = await writeFile('moved.drmbackup', manifest([listed]), [{ start: table, end }]);
    await expect(verifyBackup(file)).rejects.toThrow(/public\.other is not where the manifest says/);
  });

  it('refuses a section whose end disagrees with the manifest', async () => {
    const file = await writeFile('count.drmbackup', manifest([{ ...table, rows: 5, bytes: 0, sha256: EMPTY_SHA, storedBytes: 0 }]), [
      { start: table, end: { rows: 0, bytes: 0, sha256: EMPTY_SHA } },
    ]);
    await expect(verifyBackup(file)).rejects.toThrow(/does not match the manifest/);
  });

  it('refuses an empty file, a short one and a foreign one', async () => {
    const write = (name: string, bytes: Buffer) => {
      writeFileSync(join(dir.path, name), bytes);
      return join(dir.path, name);
    };
    await expect(readBackupHead(write('empty.drmbackup', Buffer.alloc(0)))).rejects.toMatchObject({ reason: 'truncated' });
    await expect(readBackupHead(write('magic-only.drmbackup', MAGIC.subarray(0, 5)))).rejects.toMatchObject({ reason: 'truncated' });
    await expect(readBackupHead(write('header-only.drmbackup', header()))).rejects.toMatchObject({ reason: 'truncated' });
    await expect(readBackupHead(write('zip.drmbackup', Buffer.from('PK\x03\x04 not ours')))).rejects.toMatchObject({ reason: 'foreign' });
  });
});
