/**
 * Backups across a schema change. A start that will migrate a database with
 * data backs it up first (at its old level), and refuses to migrate when it
 * cannot. A backup older than the app restores at its own level and is
 * migrated forward in the same transaction, derived structures rebuilt.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBackupHead } from '../../src-main/core/backup/read';
import { startCore } from '../../src-main/core';
import { appTables, catalogFingerprint, exceptAllBothWays, queryValue } from '../helpers/backup';
import { call } from '../helpers/merges';
import { createTestDatabase } from '../helpers/database';
import { importFile, writeCsv } from '../helpers/imports';
import { ANALYZE_SKIP_LOCKED_MIGRATION, undoAnalyzeSkipLockedMigration, undoDerivedMigration } from '../helpers/older-schema';
import { makeTempDir } from '../helpers/temp';
import { shippedMigrations } from '../helpers/migrations';

const CSV = `occurred_at,action,source,email,display_name,campaign
2026-04-01T03:00:00Z,click,web,ann@example.com,Ann,Spring
2026-04-02T03:00:00Z,signup,console,ann@example.com,Ann,
2026-04-03T03:00:00Z,view,web,ben@example.com,Ben,Spring
`;

const dir = makeTempDir('backup-upgrade');
const databases: Awaited<ReturnType<typeof createTestDatabase>>[] = [];
let older: string;
let preMigration: string;

async function database(): Promise<string> {
  const db = await createTestDatabase();
  databases.push(db);
  return db.url;
}

/** A database with data, taken back to the schema before the derived migration, as derived-upgrade.test.ts does. */
async function databaseBeforeDerived(): Promise<string> {
  const url = await database();
  const core = await startCore({ databaseUrl: url, stateDir: join(dir.path, 'unused') });
  try {
    expect((await importFile(core, writeCsv(dir.path, 'a.csv', CSV), { type: 'activities' })).status).toBe('succeeded');
  } finally {
    await core.stop();
  }
  await undoDerivedMigration(url);
  return url;
}

beforeAll(async () => {
  older = await databaseBeforeDerived();
});

afterAll(async () => {
  for (const db of databases) await db.drop();
  dir.remove();
});

describe('before a migration', () => {
  it('a start that cannot back up stops before migrating', async () => {
    const state = join(dir.path, 'blocked');
    const blocker = join(dir.path, 'a-file');
    writeFileSync(blocker, 'not a folder');
    mkdirSync(state);
    writeFileSync(join(state, 'backup-settings.json'), JSON.stringify({ folder: join(blocker, 'backups'), schedule: 'daily' }), {
      flag: 'w',
    });
    await expect(startCore({ databaseUrl: older, stateDir: state })).rejects.toThrow(
      new RegExp(`Before updating the database \\(${shippedMigrations().slice(2).join(', ')}\\).*backup failed.*Nothing was changed`, 's'),
    );
    expect(await queryValue<number>(older, 'select count(*)::int as value from drizzle.__drizzle_migrations')).toBe(2);
  });

  it('a start backs up a database with data first, at its old level', async () => {
    const state = join(dir.path, 'state');
    const core = await startCore({ databaseUrl: older, stateDir: state });
    try {
      expect(core.migrationsApplied).toEqual(shippedMigrations().slice(2));
      preMigration = core.preMigrationBackup!;
      expect(dirname(preMigration)).toBe(join(state, 'backups'));
      expect(preMigration).toMatch(/-pre-migration\.drmbackup$/);
    } finally {
      await core.stop();
    }
    const { manifest } = await readBackupHead(preMigration);
    expect(manifest.kind).toBe('pre-migration');
    expect(manifest.migrations.map((m) => m.tag)).toEqual(['0000_extensions', '0001_schema']);
    expect(manifest.tables.some((t) => t.schema === 'app')).toBe(false);
    expect(manifest.tables.find((t) => t.name === 'activities')?.rows).toBe(3);
  });

  it('a database of several tenants is backed up whole, then migrated', async () => {
    // Backups someone asks for are refused on it (refusal.ts); the start's own is the only way back from the change.
    const url = await database();
    const home = await startCore({ databaseUrl: url, stateDir: join(dir.path, 'unused') });
    try {
      await call(home, 'tenants:create', { tenantId: 'acme', name: 'Acme' });
      expect((await importFile(home, writeCsv(dir.path, 'home.csv', CSV), { type: 'activities' })).status).toBe('succeeded');
    } finally {
      await home.stop();
    }
    const acme = await startCore({ databaseUrl: url, stateDir: join(dir.path, 'unused'), tenant: 'acme' });
    try {
      expect((await importFile(acme, writeCsv(dir.path, 'acme.csv', CSV), { type: 'activities' })).status).toBe('succeeded');
      // Asked for, it is refused.
      await expect(acme.backups.create()).rejects.toThrow(/holds 2 tenants/);
    } finally {
      await acme.stop();
    }
    await undoAnalyzeSkipLockedMigration(url);

    const state = join(dir.path, 'tenants');
    const core = await startCore({ databaseUrl: url, stateDir: state });
    try {
      expect(core.migrationsApplied).toEqual([ANALYZE_SKIP_LOCKED_MIGRATION]);
      expect(core.preMigrationBackup).toMatch(/-pre-migration\.drmbackup$/);
    } finally {
      await core.stop();
    }
    const { manifest } = await readBackupHead(core.preMigrationBackup!);
    expect(manifest.migrations.map((m) => m.tag)).not.toContain(ANALYZE_SKIP_LOCKED_MIGRATION);
    expect(manifest.tables.find((t) => t.name === 'tenants')?.rows).toBe(2);
    expect(manifest.tables.find((t) => t.name === 'activities')?.rows).toBe(6);

    // The way back: restored into a new database, every tenant's rows, migrated forward.
    const fresh = await database();
    const restoring = await startCore({ databaseUrl: fresh, stateDir: join(dir.path, 'tenants-restore') });
    try {
      expect((await restoring.backups.restore(core.preMigrationBackup!, { replace: false })).migrations).toEqual([
        ANALYZE_SKIP_LOCKED_MIGRATION,
      ]);
    } finally {
      await restoring.stop();
    }
    expect(await queryValue<string[]>(fresh, 'select array_agg(tenant_id order by tenant_id) as value from tenants')).toEqual([
      'acme',
      'default',
    ]);
    expect(await queryValue<number>(fresh, "select count(*)::int as value from activities where tenant_id = 'acme'")).toBe(3);
  });

  it('a start on a current database, or on an empty one, makes no backup', async () => {
    const state = join(dir.path, 'quiet');
    for (const url of [older, await database()]) {
      const core = await startCore({ databaseUrl: url, stateDir: state });
      expect(core.preMigrationBackup).toBeNull();
      await core.stop();
    }
  });
});

describe('an older backup', () => {
  it('restores at its own level and is migrated forward, derived rebuilt', async () => {
    const url = await database();
    const core = await startCore({ databaseUrl: url, stateDir: join(dir.path, 'restore-state') });
    try {
      const restored = await core.backups.restore(preMigration, { replace: false });
      expect(restored.migrations).toEqual(shippedMigrations().slice(2));
      expect(restored.derivedRebuilt).toBe(true);
      const funnel = await core.handlers['analytics:get-funnel']({ from: '2026-03-01', to: '2026-05-01' });
      if (!funnel.ok) throw new Error(funnel.error.message);
      expect(funnel.value.stages.map((s) => [s.key, s.reached])).toEqual([
        ['awareness', 2],
        ['engagement', 0],
        ['adoption', 1],
        ['advocacy', 0],
      ]);
    } finally {
      await core.stop();
    }
    // The same schema as a database migrated the usual way, and the same rows as the database it came from
    // (whose derived tables the migrating start built; its stats' and migrations' timestamps are its own).
    expect(await catalogFingerprint(url)).toEqual(await catalogFingerprint(older));
    const skip = new Set(['public.schema_migrations', 'public.developer_stats', 'public.campaign_stats']);
    expect(
      await exceptAllBothWays(
        older,
        url,
        (await appTables(older)).filter((t) => !skip.has(t)),
      ),
    ).toEqual({});
    const names = await queryValue<string[]>(url, 'select array_agg(name order by id) as value from schema_migrations');
    expect(names).toEqual(shippedMigrations());
  });
});
