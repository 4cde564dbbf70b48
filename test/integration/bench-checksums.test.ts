/**
 * The benchmarks' and equality tests' fingerprint of the derived tables
 * (bench/checksums.ts) must see any changed value, a bit of a funnel bitset
 * included, and must not see a numeric written at another scale.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { checksumDifferences, derivedChecksums, type Checksum } from '../../bench/checksums';
import { useCoreOnTestDatabase } from '../helpers/database';
import { loadFunnelData } from '../helpers/funnel-data';
import { FLIP_POSITION_7 } from '../helpers/funnel-rows';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('bench-checksums');
const db = useCoreOnTestDatabase();
let client: pg.Client;
let before: Checksum[];

beforeAll(async () => {
  await loadFunnelData(db.core, dir.path);
  client = new pg.Client(db.url);
  await client.connect();
  before = await derivedChecksums(client, DEFAULT_TENANT);
});
afterAll(async () => {
  await client?.end();
  dir.remove();
});

const changedTables = async () => checksumDifferences(before, await derivedChecksums(client, DEFAULT_TENANT)).map((d) => d.split(':')[0]);

describe('derived checksums', () => {
  it('cover every checked table with its rows', () => {
    expect(before.find((c) => c.table === 'derived.funnel_bits')!.rows).toBeGreaterThan(0);
    expect(before.find((c) => c.table === 'developer_stats')!.rows).toBeGreaterThan(0);
  });

  it('see one flipped bit of a funnel bitset, and nothing once it is flipped back', async () => {
    const flip = `update derived.funnel_bits set ${FLIP_POSITION_7}
                   where (dim, stage, node, chunk) = (select dim, stage, node, chunk from derived.funnel_bits order by dim, stage, node, chunk limit 1)`;
    await client.query(flip);
    expect(await changedTables()).toEqual(['derived.funnel_bits']);
    await client.query(flip);
    expect(await changedTables()).toEqual([]);
  });

  it('compare numerics by value, not by the scale they were written with', async () => {
    const [row] = (await client.query<{ campaign_id: string }>('select campaign_id from campaign_stats limit 1')).rows;
    await client.query('update campaign_stats set cost_total = round(cost_total, 6) where campaign_id = $1', [row!.campaign_id]);
    expect(await changedTables()).toEqual([]);
    await client.query('update campaign_stats set cost_total = cost_total + 1 where campaign_id = $1', [row!.campaign_id]);
    expect(await changedTables()).toEqual(['campaign_stats']);
    await client.query('update campaign_stats set cost_total = cost_total - 1 where campaign_id = $1', [row!.campaign_id]);
  });
});
