/**
 * The same migrations on an external PostgreSQL: the operating system's
 * server (Debian's `postgresql`), started here, reached only through
 * DATABASE_URL as `npm run db:migrate` reads it, as a non-superuser owner
 * with what README "Tenants and row-level security" asks of it: BYPASSRLS
 * (migrations and the cross-tenant lookups) and CREATEROLE (migration 0009
 * creates drm_app, the role the app's connections SET ROLE to).
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITEXT_EQUALITY_NOTICE } from '../../src-main/core/db/leakproof';
import { DEFAULT_ACTION_MAP } from '../../src-main/core/db/seed';
import { expectedSchema } from '../fixtures/expected-schema';
import { run } from '../helpers/cli';
import { expectedShape, readTable, readTableNames } from '../helpers/live-schema';
import { startSystemPostgres, type SystemPostgres } from '../helpers/system-postgres';
import { startCore } from '../../src-main/core';
import { loadCampaignData } from '../helpers/campaign-data';
import { call } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';
import { shippedMigrations } from '../helpers/migrations';

let server: SystemPostgres;
let appUrl: string;

beforeAll(async () => {
  server = await startSystemPostgres();
  const admin = new pg.Client(server.url);
  await admin.connect();
  await admin.query("create role team_app login nosuperuser bypassrls createrole password 'team-secret'");
  await admin.query('create database drm_team owner team_app');
  await admin.end();
  appUrl = server.url.replace('postgres@', 'team_app:team-secret@').replace(/\/postgres$/, '/drm_team');
});

afterAll(async () => {
  await server?.stop();
});

describe('external PostgreSQL through DATABASE_URL', () => {
  it('npm run db:migrate applies every migration, then finds nothing to do', async () => {
    expect(server.major).toBeGreaterThanOrEqual(14);
    const first = await run('npm', ['run', '-s', 'db:migrate'], { DATABASE_URL: appUrl });
    // Debian's PostgreSQL has not marked citext's equality: the start that migrated says how (db/leakproof.ts).
    expect(first.stderr).toBe(`drm: ${CITEXT_EQUALITY_NOTICE}\n`);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Applied ${shippedMigrations().length} migration(s): ${shippedMigrations().join(', ')}`);
    const again = await run('npm', ['run', '-s', 'db:migrate'], { DATABASE_URL: appUrl });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    expect(again.stdout).toContain('up to date');
  });

  it('leaves the same 25 tables the spec defines, seeded', async () => {
    const client = new pg.Client(appUrl);
    await client.connect();
    try {
      const tables = Object.keys(expectedSchema).sort();
      expect(await readTableNames(client)).toEqual(tables);
      for (const table of tables) expect(await readTable(client, table), table).toEqual(expectedShape(table));
      const seeded = await client.query<{ n: number }>("select count(*)::int as n from activity_funnel_map where tenant_id = 'default'");
      expect(seeded.rows).toEqual([{ n: Object.keys(DEFAULT_ACTION_MAP).length }]);
      const names = await client.query<{ name: string }>('select name from schema_migrations order by id');
      expect(names.rows.map((r) => r.name)).toEqual(shippedMigrations());
    } finally {
      await client.end();
    }
  });

  it('answers ROI under another model and lookback from the step arrays, as on the embedded server', async () => {
    const dir = makeTempDir('external-roi');
    const core = await startCore({ databaseUrl: appUrl });
    try {
      await loadCampaignData(core, dir.path);
      const roi = async (model: 'first' | 'linear') =>
        (await call(core, 'campaigns:get-roi', { model, lookbackDays: 31 })).campaigns.map((c) => [c.campaign, c.actions, c.conversions]);
      // Hand-computed (test/helpers/campaign-data.ts): bob's A, 30 days and 1 ms old, is in at 31 days.
      expect(await roi('linear')).toEqual([
        ['A', 7, 2],
        ['B', 4.5, 2.5],
        ['C', 3.5, 0.5],
        ['D', 0, 0],
      ]);
      expect(await roi('first')).toEqual([
        ['A', 8, 3],
        ['B', 4, 2],
        ['C', 3, 0],
        ['D', 0, 0],
      ]);
    } finally {
      await core.stop();
      dir.remove();
    }
  });
});
