/**
 * A large import that brings mostly new people takes the bulk path for the
 * people's tables too (developers, accounts, identifiers: secondary indexes,
 * unique keys and foreign keys dropped and rebuilt, as for activities), and for its
 * direct attributions even when only some rows name a campaign; it analyses
 * what it loaded before its commit. Afterwards the schema must be exactly
 * the spec's again, and every row where it belongs.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFER_MIN_ROWS } from '../../src-main/core/imports/load/index-aware';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { expectedShape, readTable } from '../helpers/live-schema';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('import-bulk-people');
const PEOPLE = DEFER_MIN_ROWS + 2_000;

const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

/** One row per person, each by a GitHub account and an email, plus a second row by the email alone. */
function peopleCsv(): string {
  const lines = ['occurred_at,action,source,provider,handle,email,source_ref,campaign'];
  for (let i = 0; i < PEOPLE; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    // Only some rows name a campaign: fewer than a bulk load's worth of direct attributions.
    lines.push(`2024-03-${day} 10:00,star,github,github,user${i},user${i}@example.com,a-${i},${i % 7 === 0 ? 'Spring' : ''}`);
    if (i % 10 === 0) lines.push(`2024-04-${day} 10:00,signup,web,,,user${i}@example.com,b-${i},`);
  }
  return writeCsv(dir.path, 'people.csv', lines.join('\n'));
}

describe('bulk import of mostly new people', () => {
  it(
    'rebuilds the people tables exactly as the spec defines them, links every row, and analyses what it loaded',
    { timeout: 240_000 },
    async () => {
      // The secondary indexes as objects: the bulk path drops and re-creates them (new oids), the slow one keeps them.
      const indexesSql = `select c.oid::int as oid from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid = any('{activities,developers,accounts,developer_identifiers}'::regclass[])
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`;
      const indexesBefore = (await queryRows<{ oid: number }>(db.url, indexesSql)).map((r) => r.oid);
      expect(indexesBefore.length).toBeGreaterThan(4);
      // The people's unique keys (and the identifiers' primary key, which nothing references) too: built after, by sorting.
      const keysSql = `select conrelid::regclass::text || ' ' || contype::text as key, conindid::int as oid from pg_constraint
      where conrelid = any('{developers,accounts,developer_identifiers}'::regclass[])
        and (contype = 'u' or (contype = 'p' and conrelid = 'developer_identifiers'::regclass)) order by 1, 2`;
      const keysBefore = await queryRows<{ key: string; oid: number }>(db.url, keysSql);
      expect(keysBefore.map((k) => k.key)).toEqual([
        'accounts u',
        'accounts u',
        'developer_identifiers p',
        'developer_identifiers u',
        'developers u',
      ]);
      const job = await importFile(db.core, peopleCsv(), { options: { timezone: 'UTC' } });
      const rows = PEOPLE + Math.ceil(PEOPLE / 10);
      expect(job).toMatchObject({ status: 'succeeded', rowsRead: rows });
      expect(job.inserted).toMatchObject({ activities: rows, developers: PEOPLE, accounts: PEOPLE, identifiers: PEOPLE });

      const client = new pg.Client(db.url);
      await client.connect();
      try {
        for (const table of ['developers', 'accounts', 'developer_identifiers', 'activities', 'activity_campaigns']) {
          expect(await readTable(client, table), table).toEqual(expectedShape(table));
        }
      } finally {
        await client.end();
      }
      // The app (drm_app) owns no table: the owner's app.defer_keys dropped and rebuilt every one of them.
      const indexesAfter = (await queryRows<{ oid: number }>(db.url, indexesSql)).map((r) => r.oid);
      expect(indexesAfter).toHaveLength(indexesBefore.length);
      expect(indexesAfter.filter((oid) => indexesBefore.includes(oid))).toEqual([]);
      const keysAfter = await queryRows<{ key: string; oid: number }>(db.url, keysSql);
      expect(keysAfter.map((k) => k.key)).toEqual(keysBefore.map((k) => k.key));
      expect(keysAfter.filter((k) => keysBefore.some((b) => b.oid === k.oid))).toEqual([]);
      // The email-only rows reach the developer of the account with that email.
      const [linked] = await queryRows<{ devs: number; orphans: number }>(
        db.url,
        `select count(distinct a.developer_id)::int as devs,
              count(*) filter (where a.developer_id is distinct from ac.developer_id and a.account_id is not null)::int as orphans
         from activities a left join accounts ac using (account_id)`,
      );
      expect(linked).toEqual({ devs: PEOPLE, orphans: 0 });
      const [attributed] = await queryRows<{ n: number }>(db.url, 'select count(*)::int as n from activity_campaigns');
      expect(attributed?.n).toBe(Math.ceil(PEOPLE / 7));
      // Analysed inside the import (by hand, not by autovacuum): the planner knows the new sizes at once.
      const analysed = await queryRows<{ relname: string }>(
        db.url,
        `select relname from pg_stat_user_tables
        where relname in ('activities', 'developers', 'accounts', 'developer_identifiers') and last_analyze is not null order by 1`,
      );
      expect(analysed.map((r) => r.relname)).toEqual(['accounts', 'activities', 'developer_identifiers', 'developers']);
    },
  );
});
