/**
 * withHashJoins (derived/hash-joins.ts) on a real server, with the shape that
 * made attribution's list refresh run for minutes at 1M activities: the
 * statistics of a table count rows this transaction has deleted, so an
 * anti-join against it is planned as one row, and a semi-join over a table
 * without an index is then nested on top of it, rescanning that table per row.
 * Inside withHashJoins the same statement is planned with hash joins, and the
 * setting is back as it was after it. Asked to, it also keeps the planner
 * from a merge join, which sorted an import's whole stage (never analysed) to
 * join the file's few actors through their index.
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
const setting = async (name: string) => (await db.client.query<{ v: string }>('select current_setting($1) as v', [name])).rows[0]!.v;
const nestloop = () => setting('enable_nestloop');

/** resolved_activity's join of the stage to the file's actors (imports/load/activity-resolve.ts), in miniature. */
const STAGE_TO_ACTORS = 'explain select s.line, a.developer from hj_stage s left join hj_actor a on a.actor_key = s.actor_key';

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

  it('plans an unanalysed stage joined to an indexed table without a merge join when asked, and puts both settings back', async () => {
    const { client } = db;
    await client.query('begin');
    try {
      await client.query(
        "create temp table hj_stage as select g as line, 'actor-' || (g % 20000) as actor_key, repeat('x', 100) as pad from generate_series(1, 100000) g",
      );
      await client.query(
        "create temp table hj_actor as select 'actor-' || g as actor_key, g as developer from generate_series(0, 19999) g",
      );
      await client.query('create index on hj_actor (actor_key)');
      const stagePlan = async () =>
        (await client.query<{ 'QUERY PLAN': string }>(STAGE_TO_ACTORS)).rows.map((r) => r['QUERY PLAN']).join('\n');

      const unguarded = await stagePlan();
      expect(unguarded).toMatch(/Merge (Right|Left) Join/);
      expect(unguarded).toMatch(/Sort Key: s\.actor_key/);

      const tx = dbOn(client);
      /** The plan with merge joins off (and nested loops too when `many`), checking both settings inside. */
      const planWithout = (many: boolean, settings: [string, string]) =>
        withHashJoins(
          tx,
          many,
          async () => {
            expect([await setting('enable_mergejoin'), await nestloop()]).toEqual(settings);
            return stagePlan();
          },
          { mergeJoins: false },
        );
      const hashed = await planWithout(true, ['off', 'off']);
      expect(hashed).toMatch(/Hash (Right |Left )?Join/);
      expect(hashed).not.toMatch(/Merge|Sort|Nested Loop/);
      // Merge joins off alone: nested loops stay the planner's to choose.
      const unmerged = await planWithout(false, ['off', 'on']);
      expect(unmerged).not.toMatch(/Merge|Sort/);
      expect([await setting('enable_mergejoin'), await nestloop()]).toEqual(['on', 'on']);
    } finally {
      await client.query('rollback');
    }
  });
});
