/**
 * roi_steps' rows built in Node (roi-steps-build.ts) against the SQL that
 * built them before and still subtracts stored contributions (deltasSql and
 * stepRowsSql, roi-steps.ts), on seeded random conversion × touch pairs
 * chosen where the rules are easiest to get wrong: touches at the same
 * instant (ties go by campaign id), one campaign touched several times, gaps
 * of exactly n × 24 hours and a microsecond either side, the 365-day end,
 * conversions either side of midnight in the tenant's zone, and up to 40
 * campaigns per conversion (linear shares of 1/n). And 1/n itself, digit for
 * digit as PostgreSQL divides, on either side of its scale's steps.
 */
import { describe, expect, it } from 'vitest';
import { numericText, reciprocal, writeStepRows } from '../../src-main/core/derived/roi-steps-build';
import { deltasSql, stepRowsSql } from '../../src-main/core/derived/roi-steps';
import { useClientOnTestDatabase } from '../helpers/database';

const db = useClientOnTestDatabase();

/** mulberry32: the same pairs on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_US = 86_400_000_000n;
const uuid = (i: number, kind: string) =>
  `${kind}${i.toString(16).padStart(32 - kind.length, '0')}`.replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

interface Pair {
  conv: string;
  converted: bigint;
  campaign: string;
  touched: bigint;
}

function randomPairs(seed: number, conversions: number): Pair[] {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  // 2026-03-01 14:00 UTC is 23:00 in Tokyo: conversions an hour either side fall on two days there.
  const base = 1_772_373_600_000_000n;
  const pairs: Pair[] = [];
  for (let c = 0; c < conversions; c++) {
    const conv = uuid(c, 'c');
    const converted = base + BigInt(Math.floor((random() - 0.5) * 7_200_000_000)) + BigInt(Math.floor(random() * 6)) * DAY_US;
    const wide = random() < 0.1;
    const pool = wide ? 40 : 6;
    const touches = wide ? 10 + Math.floor(random() * 40) : 1 + Math.floor(random() * 10);
    const seen = new Set<string>();
    const instants: bigint[] = [];
    for (let t = 0; t < touches; t++) {
      const days = BigInt(Math.floor(random() * 366));
      const gap = pick([
        0n,
        1n,
        days * DAY_US,
        days * DAY_US - 1n,
        days * DAY_US + 1n,
        365n * DAY_US,
        BigInt(Math.floor(random() * 365 * 86_400_000_000)),
      ]);
      // A third of the touches share an instant with an earlier one of the conversion.
      const touched =
        instants.length > 0 && random() < 0.33 ? pick(instants) : converted - (gap > 365n * DAY_US ? 365n * DAY_US : gap < 0n ? 0n : gap);
      const campaign = uuid(Math.floor(random() * pool), 'a');
      const key = `${campaign}/${touched}`;
      if (seen.has(key)) continue;
      seen.add(key);
      instants.push(touched);
      pairs.push({ conv, converted, campaign, touched });
    }
  }
  return pairs;
}

const rowsOf = async (sql: string) =>
  (
    await db.client.query<{ model: string; campaign: string; day: string; ages: string; cum: string }>(
      `select model, campaign_id::text as campaign, day::text as day, ages::text as ages, cum::text as cum from (${sql}) x order by 1, 2, 3`,
    )
  ).rows;

describe('roi_steps rows built in Node', () => {
  it('divides 1 by n as PostgreSQL does, on either side of its scale steps', async () => {
    const ns = [1, 2, 3, 6, 7, 9, 11, 12, 97, 9_999, 10_000, 10_001, 12_345, 99_999_999, 100_000_000, 123_456_789, 999_999_999_998];
    const { rows } = await db.client.query<{ n: string; r: string; d: string }>(
      `select n::text, trim_scale(1::numeric / n)::text as r, trim_scale(1::numeric / n - 1::numeric / (n + 1))::text as d
         from unnest($1::int8[]) n`,
      [ns],
    );
    expect(rows.map((r) => [r.n, r.r, r.d])).toEqual(
      ns.map((n) => [String(n), numericText(reciprocal(n)), numericText(reciprocal(n) - reciprocal(n + 1))]),
    );
    expect(numericText(reciprocal(3))).toBe('0.33333333333333333333');
    expect(() => reciprocal(1e12)).toThrow(RangeError);
  });

  it('writes the rows the SQL writes, for ties, repeats, day and lookback boundaries and many campaigns', async () => {
    const { client } = db;
    const pairs = randomPairs(29, 600);
    await client.query(
      'create temp table rsb_pairs (sign int, conv uuid, converted_at timestamptz, campaign_id uuid, touched_at timestamptz)',
    );
    await client.query(
      `insert into rsb_pairs
       select 1, conv, timestamptz 'epoch' + converted * interval '1 microsecond', campaign, timestamptz 'epoch' + touched * interval '1 microsecond'
         from unnest($1::uuid[], $2::int8[], $3::uuid[], $4::int8[]) u(conv, converted, campaign, touched)`,
      [pairs.map((p) => p.conv), pairs.map((p) => String(p.converted)), pairs.map((p) => p.campaign), pairs.map((p) => String(p.touched))],
    );
    const zone = 'Asia/Tokyo';
    const expected = await rowsOf(stepRowsSql(`(${deltasSql('rsb_pairs', `'${zone}'`)})`));

    await client.query('create temp table rsb_rows (model text, campaign_id uuid, day date, ages smallint[], cum numeric[])');
    const written = await writeStepRows(client, 'rsb_pairs', zone, 'rsb_rows');
    const actual = await rowsOf('select * from rsb_rows');

    expect(written).toBe(expected.length);
    expect(actual).toEqual(expected);
    // What the pairs reached: every model, several days, shares of many campaigns, the 365-day end.
    expect(new Set(expected.map((r) => r.model))).toEqual(new Set(['first', 'last', 'linear']));
    expect(new Set(expected.map((r) => r.day)).size).toBeGreaterThan(5);
    expect(expected.some((r) => r.model === 'linear' && r.cum.split(',').length > 20)).toBe(true);
    expect(expected.some((r) => r.ages.endsWith(',365}') || r.ages === '{365}')).toBe(true);
  });

  it('writes nothing for no pairs', async () => {
    const { client } = db;
    await client.query(
      'create temp table rsb_none (sign int, conv uuid, converted_at timestamptz, campaign_id uuid, touched_at timestamptz)',
    );
    await client.query('create temp table rsb_none_rows (model text, campaign_id uuid, day date, ages smallint[], cum numeric[])');
    expect(await writeStepRows(client, 'rsb_none', 'UTC', 'rsb_none_rows')).toBe(0);
    expect(await rowsOf('select * from rsb_none_rows')).toEqual([]);
  });
});
