/**
 * A first import large enough writes developer_stats, derived.funnel_bits
 * and derived.campaign_daily with their keys dropped and added back after
 * (imports/load/index-aware.ts, from DERIVED_DEFER_MIN_ROWS rows): the keys
 * come back exactly as they were — re-created, so under new oids, which is
 * how this test sees that the bulk path ran — and what the import stored is
 * what a rebuild stores. A second large import adds to campaign_daily with
 * its primary key kept for the upsert; a small one goes through the keys.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumDifferences, derivedChecksums } from '../../bench/checksums';
import { rebuiltChecksums } from '../../bench/merges-pairs';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { DERIVED_DEFER_MIN_ROWS } from '../../src-main/core/imports/load/index-aware';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const t = useCoreOnTestDatabase();
const dir = makeTempDir('derived-keys-deferred');
let client: pg.Client;

const CAMPAIGNS = 20;
const PEOPLE = 10_500;
const ACTIONS = ['click', 'signup'];
const SOURCES = ['web', 'connpass', 'GitHub', 'Slack', '勉強会'];

/**
 * `rows` activities of 10,500 people over a year, one campaign each from a name
 * with Japanese and mixed case, from five sources: 20 campaigns × 365 days
 * × 2 actions × 5 sources makes over 10k distinct campaign-days, and the
 * funnel's rows per dim (a campaign and a source: 100), stage, node and chunk
 * many more.
 */
function activities(rows: number, seed: number, year = 2025): string {
  const lines = ['occurred_at,action,source,email,campaign'];
  for (let i = 0; i < rows; i++) {
    const day = (i * 7 + seed) % 365;
    const when = new Date(Date.UTC(year, 0, 1) + day * 86_400_000 + (i % 24) * 3_600_000).toISOString();
    lines.push(
      `${when},${ACTIONS[Math.floor(i / 100 + seed) % 2]},${SOURCES[Math.floor(i / CAMPAIGNS) % SOURCES.length]},p${(i * 13 + seed) % PEOPLE}@example.com,Kampagne ${i % CAMPAIGNS} 春`,
    );
  }
  return `${lines.join('\n')}\n`;
}

type Keys = Record<string, { oid: number; def: string }>;

/** `table`'s primary and foreign keys and its indexes that back no constraint, by name. */
async function keysOf(table: string): Promise<Keys> {
  const { rows } = await client.query<{ name: string; oid: number; def: string }>(
    `select conname as name, oid::int as oid, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = $1::regclass and contype in ('p', 'f')
     union all
     select i.indexrelid::regclass::text, i.indexrelid::int, pg_get_indexdef(i.indexrelid) from pg_index i
      where i.indrelid = $1::regclass and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
      order by name`,
    [table],
  );
  return Object.fromEntries(rows.map((r) => [r.name, { oid: r.oid, def: r.def }]));
}

const defs = (keys: Keys) => Object.fromEntries(Object.entries(keys).map(([name, k]) => [name, k.def]));
const count = async (table: string) => (await client.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;

async function importActivities(name: string, text: string): Promise<void> {
  const job = await importFile(t.core, writeCsv(dir.path, name, text), { type: 'activities', options: { timezone: 'UTC' } });
  expect(job, JSON.stringify(job.errors)).toMatchObject({ status: 'succeeded', rejected: 0 });
}

beforeAll(async () => {
  client = new pg.Client(t.url);
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  dir.remove();
});

async function expectRebuildChangesNothing(): Promise<void> {
  expect(checksumDifferences(await rebuiltChecksums(client, DEFAULT_TENANT), await derivedChecksums(client, DEFAULT_TENANT))).toEqual([]);
}

const TABLES = ['developer_stats', 'derived.funnel_bits', 'derived.campaign_daily'] as const;
type Table = (typeof TABLES)[number];
type AllKeys = Record<Table, Keys>;

async function allKeys(): Promise<AllKeys> {
  return Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, await keysOf(t)] as const))) as AllKeys;
}

/** Which keys of `table` are new objects between `was` and `now` (same definitions required). */
function recreated(was: AllKeys, now: AllKeys, table: Table): string[] {
  expect(defs(now[table])).toEqual(defs(was[table]));
  return Object.keys(now[table]).filter((name) => now[table][name]!.oid !== was[table][name]!.oid);
}

describe('the tables a first import fills, written with their keys dropped', () => {
  let before: AllKeys;
  let after: AllKeys;

  it('a first import: the keys re-created as they were, and what a rebuild stores', async () => {
    before = await allKeys();
    expect(Object.keys(before['developer_stats'])).toEqual([
      'developer_stats_pkey',
      'developer_stats_tenant_id_tenants_tenant_id_fk',
      'idx_dev_stats_tenant',
    ]);
    expect(Object.keys(before['derived.funnel_bits'])).toHaveLength(2);
    expect(Object.keys(before['derived.campaign_daily'])).toHaveLength(3);

    await importActivities('first.csv', activities(21_000, 1));
    for (const table of TABLES) expect(await count(table), table).toBeGreaterThanOrEqual(DERIVED_DEFER_MIN_ROWS);
    after = await allKeys();
    // Every key of the funnel's rows and of campaign_daily (it had no row: a plain insert, its primary key built
    // after it); developer_stats' foreign key and index, not the primary key its upsert needs.
    expect(recreated(before, after, 'derived.funnel_bits').sort()).toEqual(Object.keys(before['derived.funnel_bits']).sort());
    expect(recreated(before, after, 'derived.campaign_daily').sort()).toEqual(Object.keys(before['derived.campaign_daily']).sort());
    expect(recreated(before, after, 'developer_stats')).toEqual(['developer_stats_tenant_id_tenants_tenant_id_fk', 'idx_dev_stats_tenant']);
    await expectRebuildChangesNothing();
  }, 180_000);

  it('as many campaign-days again, added to those stored: its foreign keys re-created, its primary key kept for the upsert', async () => {
    await importActivities('next-year.csv', activities(21_000, 3, 2026));
    const grown = await allKeys();
    expect(recreated(after, grown, 'derived.campaign_daily').sort()).toEqual([
      'campaign_daily_campaign_id_campaigns_campaign_id_fk',
      'campaign_daily_tenant_id_tenants_tenant_id_fk',
    ]);
    // The same people: no new developer_stats row, so through its keys.
    expect(recreated(after, grown, 'developer_stats')).toEqual([]);
    after = grown;
    await expectRebuildChangesNothing();
  }, 180_000);

  it('a hundred rows against tens of thousands stored: through the keys, which stay as they are', async () => {
    await importActivities('small.csv', activities(100, 2));
    expect(await allKeys()).toEqual(after);
    await expectRebuildChangesNothing();
  }, 180_000);
});
