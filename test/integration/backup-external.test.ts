/**
 * Backups on an external PostgreSQL (Debian's, ≥ 14) reached as a
 * non-superuser that owns its databases (BYPASSRLS and CREATEROLE, as README
 * "Tenants and row-level security" asks): a backup made there restores there,
 * over data with --replace, and a backup made on the embedded PostgreSQL 18
 * restores there too (COPY text carries across versions).
 */
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITEXT_EQUALITY_NOTICE } from '../../src-main/core/db/leakproof';
import { startCore } from '../../src-main/core';
import { appTables, catalogFingerprint, exceptAllBothWays, loadSample, tableDigests } from '../helpers/backup';
import { drm } from '../helpers/cli';
import { useCoreOnTestDatabase } from '../helpers/database';
import { startSystemPostgres, type SystemPostgres } from '../helpers/system-postgres';
import { makeTempDir } from '../helpers/temp';

const embedded = useCoreOnTestDatabase();
const dir = makeTempDir('backup-external');
let server: SystemPostgres;
const urls: Record<'a' | 'b', string> = { a: '', b: '' };

beforeAll(async () => {
  server = await startSystemPostgres();
  const admin = new pg.Client(server.url);
  await admin.connect();
  await admin.query("create role team_app login nosuperuser nocreatedb createrole bypassrls password 'team-secret'");
  for (const name of ['a', 'b'] as const) {
    await admin.query(`create database drm_${name} owner team_app`);
    urls[name] = server.url.replace('postgres@', 'team_app:team-secret@').replace(/\/postgres$/, `/drm_${name}`);
  }
  await admin.end();
});

afterAll(async () => {
  await server?.stop();
  dir.remove();
});

describe('backups on an external PostgreSQL', () => {
  it('backs up there and restores into another database, row for row', async () => {
    expect(server.major).toBeGreaterThanOrEqual(14);
    const core = await startCore({ databaseUrl: urls.a, stateDir: join(dir.path, 'state') });
    try {
      await loadSample(core);
      await core.backups.create({ out: join(dir.path, 'external.drmbackup') });
    } finally {
      await core.stop();
    }
    const restored = await drm(['restore', join(dir.path, 'external.drmbackup'), '--database-url', urls.b, '--json']);
    // Debian's PostgreSQL has not marked citext's equality: the start that migrated the new database says how.
    expect(restored.stderr).toBe(`drm: ${CITEXT_EQUALITY_NOTICE}\n`);
    expect(restored.code).toBe(0);
    expect(await exceptAllBothWays(urls.a, urls.b, await appTables(urls.a))).toEqual({});
    expect(await catalogFingerprint(urls.b)).toEqual(await catalogFingerprint(urls.a));
  }, 240_000);

  it('restores a backup of the embedded PostgreSQL 18 over data there with --replace', async () => {
    await loadSample(embedded.core);
    const file = join(dir.path, 'embedded.drmbackup');
    await embedded.core.backups.create({ out: file });
    const before = await tableDigests(urls.b);
    const replaced = await drm(['restore', file, '--database-url', urls.b, '--replace', '--json']);
    expect(replaced.code, replaced.stderr).toBe(0);
    expect((JSON.parse(replaced.stdout) as { safetyBackup: string | null }).safetyBackup).toMatch(/pre-restore/);
    expect(await tableDigests(urls.b)).not.toEqual(before);
    expect(await exceptAllBothWays(embedded.url, urls.b, await appTables(embedded.url))).toEqual({});
  }, 240_000);
});
