/**
 * The age of a touch as roi-steps.ts computes it per pair (ageSql, without
 * numeric arithmetic) against the definition it replaces, `ceil(extract(epoch
 * from converted - touched) / 86400)`, on the instants where a day count goes
 * wrong first: no gap, a microsecond, exact multiples of 24 hours and a
 * microsecond either side, a daylight-saving change in the session's zone,
 * and the 365-day end of the lookback.
 */
import { describe, expect, it } from 'vitest';
import { ageSql } from '../../src-main/core/derived/lookback';
import { useClientOnTestDatabase } from '../helpers/database';

const db = useClientOnTestDatabase();

const CONVERTED = ['2026-03-08 12:00:00+00', '2026-03-29 01:30:00+00', '2026-11-01 09:15:00.5+00', '2024-02-29 00:00:00+00'];
const GAPS = [
  '0',
  '1 microsecond',
  '23:59:59.999999',
  '24 hours',
  '24:00:00.000001',
  '47:59:59.999999',
  '48 hours',
  '1 hour',
  `${24 * 30} hours`,
  `${24 * 30 - 1} hours 59 minutes`,
  `${24 * 365} hours`,
  `${24 * 365} hours 1 microsecond`,
  `${24 * 364} hours 0.000001 seconds`,
  // Calendar days: 23 or 25 hours across a daylight-saving change in the session's zone.
  '1 day',
  '30 days',
];

describe('ageSql', () => {
  it.each(['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Tokyo'])('equals ceil(epoch / 86400) in %s', async (zone) => {
    await db.client.query(`set timezone = '${zone}'`);
    const { rows } = await db.client.query<{ converted: string; gap: string; age: number; reference: string }>(
      `select c::text as converted, g::text as gap, ${ageSql('c', 't')} as age,
              ceil(extract(epoch from c - t) / 86400)::int::text as reference
         from unnest($1::timestamptz[]) c cross join unnest($2::interval[]) g cross join lateral (select c - g as t) x`,
      [CONVERTED, GAPS],
    );
    expect(rows).toHaveLength(CONVERTED.length * GAPS.length);
    for (const row of rows) expect(String(row.age), `${row.converted} − ${row.gap}`).toBe(row.reference);
    // The cases mean something only if they reach both sides of a day's end.
    expect([...new Set(rows.map((r) => r.age))]).toEqual(expect.arrayContaining([0, 1, 2, 30, 365, 366]));
  });
});
