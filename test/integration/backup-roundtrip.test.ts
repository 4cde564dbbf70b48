/**
 * A backup restored gives back the same data: every table row for row
 * (EXCEPT ALL both ways, across servers), the same catalog, and the same
 * funnel and ROI reports. Restoring over data needs --replace, which backs
 * up what it replaces first.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBackupHead } from '../../src-main/core/backup/read';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src-main/core/db/postgres';
import { startCore, type Core } from '../../src-main/core';
import { appTables, catalogFingerprint, exceptAllBothWays, loadSample, ok, queryValue, tableDigests } from '../helpers/backup';
import { drm } from '../helpers/cli';
import { createTestDatabase, useCoreOnTestDatabase } from '../helpers/database';
import { importFile, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';
import { shippedMigrations } from '../helpers/migrations';

const original = useCoreOnTestDatabase();
const dir = makeTempDir('backup-roundtrip');
const file = join(dir.path, 'everything.drmbackup');
let restoredServer: EmbeddedPostgres | undefined;
let restoredCore: Core | undefined;
let other: Awaited<ReturnType<typeof createTestDatabase>> | undefined;

beforeAll(async () => {
  const { core } = original;
  await loadSample(core);
  // Something in every kind of table: settings (schema app), a merge (its audit log).
  await ok(core.handlers['settings:update']({ timeZoneSetting: 'Asia/Tokyo', lookbackDays: 14, valuePerConversion: 5000 }));
  const [into, from] = (await ok(core.handlers['developers:list']({ page: 0 }))).rows;
  await ok(core.handlers['developers:merge']({ intoId: into!.developerId, fromId: from!.developerId, reason: 'same person' }));
});

afterAll(async () => {
  await restoredCore?.stop();
  await restoredServer?.stop();
  await other?.drop();
  dir.remove();
});

describe('drm backup, then drm restore into a fresh data folder', () => {
  it('writes one file and reports its tables', async () => {
    const backup = await drm(['backup', '--database-url', original.url, '--out', file, '--json']);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const printed = JSON.parse(backup.stdout) as { file: string; bytes: number; createdAt: string; tables: Record<string, number> };
    expect(printed.file).toBe(file);
    expect(printed.bytes).toBe(statSync(file).size);
    expect(Number.isNaN(Date.parse(printed.createdAt))).toBe(false);
    // Every table of public and app, none of derived.
    expect(Object.keys(printed.tables).sort()).toEqual(
      (await appTables(original.url, ['public', 'app'])).map((t) => t.replace(/^public\./, '')).sort(),
    );
    expect(printed.tables.activities).toBe(await queryValue<number>(original.url, 'select count(*)::int as value from activities'));
    expect(printed.tables.developer_merge_logs).toBe(1);
    expect(printed.tables['app.tenant_settings']).toBe(1);
    const { manifest } = await readBackupHead(file);
    expect(manifest.kind).toBe('manual');
    expect(manifest.migrations.map((m) => m.tag)).toEqual(shippedMigrations());
    expect(shippedMigrations().slice(0, 5)).toEqual([
      '0000_extensions',
      '0001_schema',
      '0002_derived',
      '0003_exchange_rates',
      '0004_derived_v2',
    ]);
    expect(manifest.tables.every((t) => /^[0-9a-f]{64}$/.test(t.sha256))).toBe(true);
  });

  it('restores every table row for row, with the same schema', async () => {
    const fresh = join(dir.path, 'fresh');
    const restore = await drm(['restore', file, '--data-dir', fresh, '--json']);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    const printed = JSON.parse(restore.stdout) as {
      file: string;
      tables: Record<string, number>;
      migrations: string[];
      derivedRebuilt: boolean;
    };
    expect(printed).toMatchObject({ file, migrations: [], derivedRebuilt: true });
    expect(printed.tables).toEqual(
      (await readBackupHead(file)).manifest.tables.reduce(
        (o, t) => ({ ...o, [t.schema === 'public' ? t.name : `${t.schema}.${t.name}`]: t.rows }),
        {},
      ),
    );

    restoredServer = await startEmbeddedPostgres({ dataDir: fresh });
    const tables = await appTables(original.url);
    expect(tables).toContain('derived.developer_search');
    // derived included: rebuilt on restore, it must equal what the original kept current.
    expect(await exceptAllBothWays(original.url, restoredServer.ownerUrl, tables)).toEqual({});
    expect(await catalogFingerprint(restoredServer.ownerUrl)).toEqual(await catalogFingerprint(original.url));
    const next = (url: string) => queryValue<number>(url, "select nextval('schema_migrations_id_seq')::int as value");
    expect(await next(restoredServer.ownerUrl)).toBe(await next(original.url));
  });

  it('gives the same funnel and ROI reports', async () => {
    restoredCore = await startCore({ databaseUrl: restoredServer!.ownerUrl });
    const period = { from: '2024-04-01', to: '2025-04-01' };
    for (const core of [original.core, restoredCore])
      expect((await ok(core.handlers['analytics:get-funnel'](period))).stages[0]!.reached).toBeGreaterThan(0);
    expect(await ok(restoredCore.handlers['analytics:get-funnel'](period))).toEqual(
      await ok(original.core.handlers['analytics:get-funnel'](period)),
    );
    for (const query of [{}, period, { model: 'first' as const, lookbackDays: 7 }]) {
      const roi = await ok(original.core.handlers['campaigns:get-roi'](query));
      expect(roi.rows.some((r) => r.conversions > 0)).toBe(true);
      expect(await ok(restoredCore.handlers['campaigns:get-roi'](query))).toEqual(roi);
    }
  });
});

describe('drm restore over a database that has data', () => {
  it('refuses without --replace and changes nothing', async () => {
    other = await createTestDatabase();
    const core = await startCore({ databaseUrl: other.url });
    try {
      const csv = 'occurred_at,action,source,email,display_name\n2026-01-05T10:00:00Z,signup,web,zoe@example.com,Zoe\n';
      expect((await importFile(core, writeCsv(dir.path, 'other.csv', csv), { type: 'activities' })).status).toBe('succeeded');
    } finally {
      await core.stop();
    }
    const before = await tableDigests(other.url);
    const refused = await drm(['restore', file, '--database-url', other.url]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/already holds data.*--replace/);
    expect(await tableDigests(other.url)).toEqual(before);
  });

  it('replaces it with --replace after backing it up, and that backup holds what was replaced', async () => {
    const before = await tableDigests(other!.url, ['public', 'app']);
    const replaced = await drm(['restore', file, '--database-url', other!.url, '--replace', '--json']);
    expect(replaced.code).toBe(0);
    const printed = JSON.parse(replaced.stdout) as { safetyBackup: string };
    expect(replaced.stderr).toContain(`backed up in ${printed.safetyBackup}`);
    expect(printed.safetyBackup).toMatch(/-pre-restore\.drmbackup$/);
    const safety = await readBackupHead(printed.safetyBackup);
    expect(safety.manifest.kind).toBe('pre-restore');
    expect(Object.fromEntries(safety.manifest.tables.map((t) => [`${t.schema}.${t.name}`, t.rows]))).toEqual(
      Object.fromEntries(Object.entries(before).map(([t, d]) => [t, d.rows])),
    );
    expect(await exceptAllBothWays(original.url, other!.url, await appTables(original.url))).toEqual({});

    // The safety backup brings the replaced data back, exactly.
    const back = await drm(['restore', printed.safetyBackup, '--database-url', other!.url, '--replace']);
    expect(back.code).toBe(0);
    expect(await tableDigests(other!.url, ['public', 'app'])).toEqual(before);
  });
});
