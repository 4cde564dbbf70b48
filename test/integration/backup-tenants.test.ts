/**
 * Backups of a database that holds several tenants. The app's own data
 * folder is one person's whatever tenants it holds (team mode needs a shared
 * database), so its backups and restores take every tenant: before session
 * 34 they were refused there, the daily backup failing every hour. On an
 * external database of several tenants they stay refused: a file of every
 * tenant's rows, or a restore over all of them, would cross tenants.
 */
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startCore } from '../../src-main/core/index';
import type { Core } from '../../src-main/core/types';
import { createTestDatabase } from '../helpers/database';
import { importFile, writeCsv } from '../helpers/imports';
import { call } from '../helpers/merges';
import { perTestCleanups } from '../helpers/per-test';
import { makeTempDir } from '../helpers/temp';

const { defer, tempDataDir } = perTestCleanups();

/** `n` activities of `n` people of `prefix`, one a day from 1 April 2026. */
function csv(dir: string, prefix: string, n: number): string {
  const lines = ['occurred_at,action,source,email'];
  for (let i = 1; i <= n; i++) lines.push(`2026-04-0${i}T03:00:00Z,click,web,${prefix}${i}@example.com`);
  return writeCsv(dir, `${prefix}.csv`, lines.join('\n') + '\n');
}

/** The activities the core's current tenant sees. */
function activities(core: Core): Promise<number> {
  return core.withDatabase(async (db) => Number((await db.execute<{ n: string }>(sql`select count(*) as n from activities`)).rows[0]!.n));
}

/** Two tenants with 3 and 2 activities, the core left on `acme`. */
async function twoTenants(core: Core, dir: string): Promise<void> {
  expect((await importFile(core, csv(dir, 'home', 3), { type: 'activities' })).status).toBe('succeeded');
  await call(core, 'tenants:create', { tenantId: 'acme', name: 'Acme' });
  await call(core, 'tenants:switch', { tenantId: 'acme' });
  expect((await importFile(core, csv(dir, 'acme', 2), { type: 'activities' })).status).toBe('succeeded');
}

describe('a database of several tenants', () => {
  it('in the app’s own data folder, is backed up and restored whole', { timeout: 120_000 }, async () => {
    const files = makeTempDir('backup-tenants-files');
    defer(() => files.remove());
    const core = await startCore({ dataDir: tempDataDir('backup-tenants') });
    defer(() => core.stop());
    await twoTenants(core, files.path);

    const backup = await core.backups.create();
    expect(backup.tables).toMatchObject({ tenants: 2, activities: 5 });

    // After the backup: one more activity in acme, which the restore takes back.
    expect((await importFile(core, csv(files.path, 'late', 1), { type: 'activities' })).status).toBe('succeeded');
    expect(await activities(core)).toBe(3);
    const restored = await core.backups.restore(backup.file, { replace: true });
    expect(restored.safetyBackup).toMatch(/-pre-restore\.drmbackup$/);
    expect(await activities(core)).toBe(2);
    await call(core, 'tenants:switch', { tenantId: 'default' });
    expect(await activities(core)).toBe(3);
  });

  it('on an external database, is refused both ways, and nothing changes', { timeout: 120_000 }, async () => {
    const files = makeTempDir('backup-tenants-external');
    defer(() => files.remove());
    const database = await createTestDatabase();
    defer(() => database.drop());
    const core = await startCore({ databaseUrl: database.url, stateDir: join(files.path, 'state') });
    defer(() => core.stop());
    await twoTenants(core, files.path);

    await expect(core.backups.create({ out: join(files.path, 'shared.drmbackup') })).rejects.toThrow(/holds 2 tenants/);
    // A file of this database made by its start before a migration (every tenant), brought back by hand.
    const own = await startCore({ dataDir: tempDataDir('backup-tenants-own') });
    defer(() => own.stop());
    await twoTenants(own, files.path);
    const file = (await own.backups.create()).file;
    await expect(core.backups.restore(file, { replace: true })).rejects.toThrow(/holds 2 tenants/);
    expect(await activities(core)).toBe(2);
  });
});
