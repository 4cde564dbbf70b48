/**
 * What bench:merges merges, and what it compares with: developer pairs
 * across activity-count quantiles, and the derived checksums a rebuild from
 * scratch gives (in a transaction that is rolled back, so the data folder
 * stays as it was).
 */
import type pg from 'pg';
import { dbOn } from '../src-main/core/db/db';
import { rebuildStats } from '../src-main/core/analytics/rebuild';
import { MERGED_AWAY_SQL } from '../src-main/core/identity/merged-away';
import { derivedChecksums, type Checksum } from './checksums';

export interface Member {
  id: string;
  /** Activities (developer_stats.total_actions). */
  n: number;
  consent: boolean;
}

export interface Pair {
  into: Member;
  from: Member;
}

/** How many developers (with activity, in md5 order) the quantiles are taken from. */
const SAMPLE = 4000;

/**
 * `count` pairs at the 5 %, 15 %, … quantiles of activity count (two
 * neighbours each, the busier one surviving), from a sample fixed by md5 of
 * the ids, so every run on the same data picks the same pairs; and the two
 * busiest developers as the heaviest pair.
 */
export async function pickPairs(client: pg.Client, tenant: string, count: number): Promise<{ pairs: Pair[]; heaviest: Pair }> {
  const visible = `from developer_stats s join developers d on d.developer_id = s.developer_id
     where s.tenant_id = $1 and s.total_actions > 0 and not ${MERGED_AWAY_SQL('s.developer_id')}`;
  const heavy = await client.query<Member>(
    `select s.developer_id as id, s.total_actions::int as n, d.consent_analytics as consent ${visible}
      order by s.total_actions desc, s.developer_id limit 2`,
    [tenant],
  );
  if (heavy.rows.length < 2) throw new Error('fewer than two developers with activity: nothing to merge');
  const busiest = heavy.rows.map((r) => r.id);
  const { rows } = await client.query<Member>(
    `select s.developer_id as id, s.total_actions::int as n, d.consent_analytics as consent ${visible}
        and s.developer_id <> all($2::uuid[])
      order by md5(s.developer_id::text) limit $3`,
    [tenant, busiest, SAMPLE],
  );
  if (rows.length < count * 2) throw new Error(`only ${rows.length} other developers with activity: not enough for ${count} pairs`);
  rows.sort((a, b) => a.n - b.n || a.id.localeCompare(b.id));
  const pairs: Pair[] = [];
  const taken = new Set<number>();
  for (let i = 0; i < count; i++) {
    // Two neighbours at the quantile, moved up past any already taken (small samples).
    let q = Math.max(1, Math.floor(((i + 0.5) / count) * rows.length));
    while (taken.has(q) || taken.has(q - 1)) q++;
    if (q >= rows.length) throw new Error('not enough developers for distinct pairs');
    taken.add(q).add(q - 1);
    pairs.push({ into: rows[q]!, from: rows[q - 1]! });
  }
  return { pairs, heaviest: { into: heavy.rows[0]!, from: heavy.rows[1]! } };
}

/** The checksums `stats:rebuild` would leave, computed in a transaction that is then rolled back. */
export async function rebuiltChecksums(client: pg.Client, tenant: string): Promise<Checksum[]> {
  await client.query('begin');
  try {
    await rebuildStats(dbOn(client), tenant);
    return await derivedChecksums(client, tenant);
  } finally {
    await client.query('rollback');
  }
}
