/**
 * A change that names most of the tenant's developers — a first import, or a
 * large one — recomputes the funnel bits and the merge suggestions for the
 * whole tenant and stores only the rows that differ (derived/wide.ts): what
 * it leaves must equal what `stats:rebuild` writes, both when the tenant
 * already had rows and when the next, small import takes the incremental
 * path again.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumDifferences, derivedChecksums } from '../../bench/checksums';
import { rebuiltChecksums } from '../../bench/merges-pairs';
import { dbOn } from '../../src-main/core/db/db';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { namesMostOfTenant } from '../../src-main/core/derived/wide';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const t = useCoreOnTestDatabase();
const dir = makeTempDir('derived-wide');
let client: pg.Client;

const ACTIONS = ['view', 'click', 'attend', 'signup', 'post'];
const SOURCES = ['web', 'connpass', 'github'];

/** Activities of people [from, to): a few each, over a year, some with a campaign. */
function activities(from: number, to: number, seed: number): string {
  const lines = ['occurred_at,action,source,email,campaign'];
  for (let p = from; p < to; p++) {
    for (let e = 0; e < 1 + ((p * 7 + seed) % 4); e++) {
      const day = (p * 13 + e * 29 + seed) % 365;
      const when = new Date(Date.UTC(2026, 0, 1) + day * 86_400_000 + e * 3_600_000).toISOString();
      const campaign = (p + e + seed) % 5 === 0 ? `C${(p + e) % 3}` : '';
      lines.push(`${when},${ACTIONS[(p + e + seed) % ACTIONS.length]},${SOURCES[(p + e) % SOURCES.length]},p${p}@example.com,${campaign}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function importActivities(name: string, text: string): Promise<void> {
  const job = await importFile(t.core, writeCsv(dir.path, name, text), { type: 'activities', options: { timezone: 'UTC' } });
  expect(job, JSON.stringify(job.errors)).toMatchObject({ status: 'succeeded', rejected: 0 });
}

async function expectRebuildChangesNothing(): Promise<void> {
  const now = await derivedChecksums(client, DEFAULT_TENANT);
  expect(checksumDifferences(await rebuiltChecksums(client, DEFAULT_TENANT), now)).toEqual([]);
  // Not vacuous: the funnel has rows to compare.
  expect(now.find((c) => c.table === 'derived.funnel_bits')!.rows).toBeGreaterThan(0);
}

beforeAll(async () => {
  client = new pg.Client(t.url);
  await client.connect();
  const campaigns = await importFile(t.core, writeCsv(dir.path, 'campaigns.csv', 'name,channel\nC0,web\nC1,event\nC2,ads\n'), {
    type: 'campaigns',
  });
  expect(campaigns.status).toBe('succeeded');
});
afterAll(async () => {
  await client?.end();
  dir.remove();
});

describe('a change naming most of the tenant', () => {
  it('leaves what a rebuild leaves when the tenant already had rows, and the next small import too', async () => {
    await importActivities('first.csv', activities(0, 300, 1));
    await expectRebuildChangesNothing();
    // 1,200 new people and more activity of 150 known ones: 1,350 named of 1,500, the wide path.
    await importActivities('wide.csv', activities(150, 1500, 2));
    expect(await client.query('select count(*)::int as n from developers').then((r) => r.rows[0].n)).toBe(1500);
    await expectRebuildChangesNothing();
    // 40 people: the incremental path, over rows the wide path stored.
    await importActivities('small.csv', activities(1480, 1520, 3));
    await expectRebuildChangesNothing();
  });
});

describe('namesMostOfTenant', () => {
  it('counts only the tenant named, and only from a thousand developers on', async () => {
    const tenant = 'wide-probe';
    await client.query(`insert into tenants (tenant_id, name) values ($1, 'Wide probe')`, [tenant]);
    await client.query(`insert into developers (tenant_id, display_name) select $1, 'd' || i from generate_series(1, 3500) i`, [tenant]);
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    // 0.3 × 3,500 = 1,050.
    expect(await namesMostOfTenant(dbOn(client), tenant, ids(1049))).toBe(false);
    expect(await namesMostOfTenant(dbOn(client), tenant, ids(1050))).toBe(true);
    // The default tenant holds 1,520: 999 would be most of it, but under a thousand is never counted.
    expect(await namesMostOfTenant(dbOn(client), DEFAULT_TENANT, ids(999))).toBe(false);
    expect(await namesMostOfTenant(dbOn(client), DEFAULT_TENANT, ids(1000))).toBe(true);
  });
});
