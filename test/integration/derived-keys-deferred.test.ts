/**
 * A first import large enough writes derived.funnel_bits and
 * derived.campaign_daily with their keys dropped and added back after
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
const ACTIONS = ['click', 'signup'];
const SOURCES = ['web', 'connpass', 'GitHub', 'Slack', '勉強会'];

/**
 * `rows` activities of 2,000 people over a year, one campaign each from a name
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
      `${when},${ACTIONS[Math.floor(i / 100 + seed) % 2]},${SOURCES[Math.floor(i / CAMPAIGNS) % SOURCES.length]},p${(i * 13 + seed) % 2000}@example.com,Kampagne ${i % CAMPAIGNS} 春`,
    );
  }
  return `${lines.join('\n')}\n`;
}

type Keys = Record<string, { oid: number; def: string }>;

async function keysOf(table: string): Promise<Keys> {
  const { rows } = await client.query<{ name: string; oid: number; def: string }>(
    `select conname as name, oid::int as oid, pg_get_constraintdef(oid) as def from pg_constraint
      where conrelid = $1::regclass and contype in ('p', 'f') order by conname`,
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

describe('the derived tables written with their keys dropped', () => {
  let before: { bits: Keys; daily: Keys };
  let after: { bits: Keys; daily: Keys };

  it('a first import: every key re-created as it was, and what a rebuild stores', async () => {
    before = { bits: await keysOf('derived.funnel_bits'), daily: await keysOf('derived.campaign_daily') };
    // funnel_bits: its primary key and the tenant's foreign key; campaign_daily: the tenant's and the campaign's too.
    expect(Object.keys(before.bits)).toHaveLength(2);
    expect(Object.keys(before.daily)).toHaveLength(3);

    await importActivities('first.csv', activities(24_000, 1));
    expect(await count('derived.funnel_bits')).toBeGreaterThanOrEqual(DERIVED_DEFER_MIN_ROWS);
    expect(await count('derived.campaign_daily')).toBeGreaterThanOrEqual(DERIVED_DEFER_MIN_ROWS);
    after = { bits: await keysOf('derived.funnel_bits'), daily: await keysOf('derived.campaign_daily') };
    expect(defs(after.bits)).toEqual(defs(before.bits));
    expect(defs(after.daily)).toEqual(defs(before.daily));
    // Re-created: every key of both (campaign_daily had no row: a plain insert, its primary key built after it).
    for (const [name, key] of Object.entries(after.bits)) expect(key.oid, name).not.toBe(before.bits[name]!.oid);
    for (const [name, key] of Object.entries(after.daily)) expect(key.oid, name).not.toBe(before.daily[name]!.oid);
    await expectRebuildChangesNothing();
  });

  it('as many campaign-days again added to those stored: the foreign keys re-created, the primary key kept for the upsert', async () => {
    await importActivities('next-year.csv', activities(24_000, 3, 2026));
    const grown = await keysOf('derived.campaign_daily');
    expect(defs(grown)).toEqual(defs(before.daily));
    for (const [name, key] of Object.entries(grown)) {
      if (name.endsWith('_pk')) expect(key.oid, name).toBe(after.daily[name]!.oid);
      else expect(key.oid, name).not.toBe(after.daily[name]!.oid);
    }
    after = { bits: await keysOf('derived.funnel_bits'), daily: grown };
    await expectRebuildChangesNothing();
  });

  it('a hundred rows against tens of thousands stored: through the keys, which stay as they are', async () => {
    await importActivities('small.csv', activities(100, 2));
    expect(await keysOf('derived.funnel_bits')).toEqual(after.bits);
    expect(await keysOf('derived.campaign_daily')).toEqual(after.daily);
    await expectRebuildChangesNothing();
  });
});
