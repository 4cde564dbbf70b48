/**
 * A backup that is cut short, has one flipped bit, is not ours, comes from a
 * newer format or a newer app, or whose rows do not load, is refused with
 * exit 2 and a message naming the file; the database is left exactly as it
 * was (every table's full text compared) and a data folder made for the
 * restore is removed again.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBackupHead } from '../../src-main/core/backup/read';
import { writeBackup } from '../../src-main/core/backup/write';
import { resolveMigrationsDir } from '../../src-main/core/paths';
import { loadSample, tableDigests } from '../helpers/backup';
import { flipBit, middleOfData, rewriteBackup, truncateFile, withFormatVersion } from '../helpers/backup-file';
import { drm } from '../helpers/cli';
import { createTestDatabase, useCoreOnTestDatabase } from '../helpers/database';
import { makeTempDir } from '../helpers/temp';
import pg from 'pg';

const target = useCoreOnTestDatabase();
const dir = makeTempDir('backup-refusals');
const at = (name: string) => join(dir.path, name);
let good: string;

/** Each bad file, made from the good one, and what the refusal must say. */
const cases: Record<string, { make(good: string): Promise<string> | string; message: RegExp }> = {
  truncated: {
    make: async (g) => truncateFile(g, at('half.drmbackup'), Math.floor((await readBackupHead(g)).size / 2)),
    message: /is incomplete/,
  },
  'one byte short': {
    make: async (g) => truncateFile(g, at('short.drmbackup'), (await readBackupHead(g)).size - 1),
    message: /is incomplete/,
  },
  'a bit flipped in the data': { make: (g) => flipBit(g, at('flip-data.drmbackup'), middleOfData(g)), message: /is damaged.*checksum/ },
  'a bit flipped in the manifest': {
    make: async (g) => flipBit(g, at('flip-manifest.drmbackup'), (await readBackupHead(g)).trailer.manifestOffset + 40),
    message: /is damaged/,
  },
  'a bit flipped in the header': { make: (g) => flipBit(g, at('flip-header.drmbackup'), 3), message: /is not a DRM Desktop backup/ },
  foreign: {
    make: () => truncateFile(join(import.meta.dirname, '..', '..', 'resources', 'sample', 'activities.csv'), at('csv.drmbackup'), 100_000),
    message: /is not a DRM Desktop backup/,
  },
  'a newer format': { make: (g) => withFormatVersion(g, at('v2.drmbackup'), 2), message: /newer DRM Desktop.*format 2/ },
  'a newer app': { make: () => newerAppBackup(at('newer-app.drmbackup')), message: /newer DRM Desktop.*unknown-9999999999999.*Update/ },
  // Checksums all match: only the restore's checks inside its transaction catch these.
  'rows breaking a key': {
    make: (g) => rewriteBackup(g, at('duplicate-tenant.drmbackup'), (t, text) => (t.name === 'tenants' ? text + text : text)),
    message: /is damaged.*keys/,
  },
  'data that does not decompress': {
    make: (g) =>
      rewriteBackup(
        g,
        at('garbled.drmbackup'),
        (_t, text) => text,
        (t, compressed) => (t.name === 'developers' ? Buffer.alloc(compressed.length, 0x5a) : compressed),
      ),
    // Brotli has no checksum of its own: the decoder may fail, or decode garbage that the table's SHA-256 refuses.
    message: /is damaged.*developers (cannot be read|does not match its checksum)/,
  },
  'rows PostgreSQL rejects': {
    make: (g) =>
      rewriteBackup(g, at('bad-timestamp.drmbackup'), (t, text) =>
        t.name === 'activities' ? text.replace(/\t2024-/, '\tnot-a-date-') : text,
      ),
    message: /is damaged.*activities cannot be read/,
  },
};
const files: Record<string, string> = {};

beforeAll(async () => {
  await loadSample(target.core);
  good = (await target.core.backups.create({ out: at('good.drmbackup') })).file;
  for (const [name, c] of Object.entries(cases)) files[name] = await c.make(good);
});

afterAll(() => dir.remove());

/** A backup of a database that has applied a migration this app does not know. */
async function newerAppBackup(file: string): Promise<string> {
  const db = await createTestDatabase();
  try {
    const client = new pg.Client(db.url);
    await client.connect();
    await client.query("insert into drizzle.__drizzle_migrations (hash, created_at) values ('from-the-future', 9999999999999)");
    await client.end();
    await writeBackup({ url: db.url, file, kind: 'manual', migrationsDir: resolveMigrationsDir({ packaged: false }), appVersion: '9.0.0' });
    return file;
  } finally {
    await db.drop();
  }
}

describe('drm restore of a bad file', () => {
  it.each(Object.keys(cases))('refuses %s over existing data (--replace) and changes nothing', async (name) => {
    const before = await tableDigests(target.url);
    const result = await drm(['restore', files[name]!, '--database-url', target.url, '--replace']);
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(files[name]!);
    expect(result.stderr).toMatch(cases[name]!.message);
    expect(await tableDigests(target.url)).toEqual(before);
  });

  it.each(['truncated', 'a bit flipped in the data', 'rows breaking a key'])(
    'refuses %s into a new data folder and leaves no folder behind',
    async (name) => {
      const fresh = at(`fresh-${name.replaceAll(' ', '-')}`);
      const result = await drm(['restore', files[name]!, '--data-dir', fresh]);
      expect(result.code, result.stderr).toBe(2);
      expect(existsSync(fresh)).toBe(false);
    },
  );

  it('still restores the good file (the refusals came from the files, not the target)', async () => {
    const result = await drm(['restore', good, '--database-url', target.url, '--replace', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { derivedRebuilt: boolean }).derivedRebuilt).toBe(true);
  });
});
