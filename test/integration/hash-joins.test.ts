/**
 * withHashJoins (derived/hash-joins.ts) on a real server, with the shape that
 * made attribution's list refresh run for minutes at 1M activities: the
 * statistics of a table count rows this transaction has deleted, so an
 * anti-join against it is planned as one row, and a semi-join over a table
 * without an index is then nested on top of it, rescanning that table per row.
 * Inside withHashJoins the same statement is planned with hash joins, and the
 * setting is back as it was after it.
 */
import { describe, expect, it } from 'vitest';
import { dbOn } from '../../src-main/core/db/db';
import { withHashJoins } from '../../src-main/core/derived/hash-joins';
import { useClientOnTestDatabase } from '../helpers/database';

const db = useClientOnTestDatabase();

/** attr_conversion's statement in miniature: conversions of touching developers with no campaign row left. */
const CONVERSIONS = `explain select m.id from hj_mine m
   where m.dev in (select dev from hj_touch)
     and not exists (select 1 from hj_campaigns c where c.id = m.id)`;

const plan = async () => (await db.client.query<{ 'QUERY PLAN': string }>(CONVERSIONS)).rows.map((r) => r['QUERY PLAN']).join('\n');
const nestloop = async () => (await db.client.query<{ v: string }>("select current_setting('enable_nestloop') as v")).rows[0]!.v;

describe('withHashJoins', () => {
  it('plans a join misestimated as one row with hash joins, and puts the setting back', async () => {
    const { client } = db;
    await client.query('begin');
    try {
      await client.query('create temp table hj_mine as select g as id, g % 5000 as dev from generate_series(1, 50000) g');
      await client.query('create temp table hj_touch as select g % 5000 as dev from generate_series(1, 50000) g');
      await client.query('create temp table hj_campaigns as select g as id from generate_series(1, 50000) g');
      await client.query('create index on hj_campaigns (id)');
      await client.query('analyze hj_mine, hj_touch, hj_campaigns');
      // As a refresh does: rows its statistics still count are deleted in the transaction.
      await client.query('delete from hj_campaigns where id % 10 <> 0');

      const unguarded = await plan();
      expect(unguarded).toMatch(/Nested Loop Semi Join/);
      expect(unguarded).toMatch(/Seq Scan on hj_touch/);

      const tx = dbOn(client);
      expect(await withHashJoins(tx, false, plan)).toBe(unguarded);
      const guarded = await withHashJoins(tx, true, async () => {
        expect(await nestloop()).toBe('off');
        return plan();
      });
      expect(guarded).not.toMatch(/Nested Loop/);
      expect(guarded).toMatch(/Hash (Right )?Semi Join/);
      expect(await nestloop()).toBe('on');
    } finally {
      await client.query('rollback');
    }
  });
});
