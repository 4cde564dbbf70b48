/**
 * An import analyses the people's tables it grew before its derived refresh
 * reads them, whatever the file's size (db/statistics.ts, analyzeGrown):
 * when the new rows are a tenth of the table or more, or when the planner
 * does not see them at all — a tenant's first import beside another
 * tenant's data, which the last ANALYZE alone described (1 developer
 * estimated for 18,284, and minutes of nested loops). Files that add little
 * leave the statistics to autovacuum.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startCore } from '../../src-main/core/index';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('import-analyze-grown');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

const PEOPLE = ['accounts', 'developer_identifiers', 'developers'];
const TABLES = [...PEOPLE, 'activities'];

/** `people` people from `from`, each one row by a GitHub account with an email, on `day`. */
function peopleCsv(name: string, from: number, people: number, day: string): string {
  const lines = ['occurred_at,action,source,provider,handle,email,source_ref'];
  for (let i = from; i < from + people; i++)
    lines.push(`2024-03-${day} 10:00,star,github,github,user${i},user${i}@example.com,${day}-${i}`);
  return writeCsv(dir.path, name, lines.join('\n'));
}

/** Manual ANALYZEs (not autovacuum's) of each table so far. */
async function analyses(): Promise<Record<string, number>> {
  const rows = await queryRows<{ relname: string; n: number }>(
    db.url,
    `select relname, analyze_count::int as n from pg_stat_user_tables where schemaname = 'public' and relname = any($1::text[])`,
    [TABLES],
  );
  return Object.fromEntries(rows.map((r) => [r.relname, r.n]));
}

describe('statistics of the tables an import grew', () => {
  it('analyses what grew by a tenth before the refresh, and leaves small additions alone', { timeout: 120_000 }, async () => {
    const before = await analyses();
    // 1,500 new people into an empty tenant: far below the bulk path's 50,000 rows.
    const first = await importFile(db.core, peopleCsv('first.csv', 0, 1_500, '01'), { options: { timezone: 'UTC' } });
    expect(first).toMatchObject({ status: 'succeeded' });
    expect(first.inserted).toMatchObject({ activities: 1_500, developers: 1_500, accounts: 1_500, identifiers: 1_500 });
    const afterFirst = await analyses();
    for (const table of PEOPLE) expect(afterFirst[table], table).toBe((before[table] ?? 0) + 1);
    // The activities' statistics are left to the end of a bulk load (50,000 rows), as before.
    expect(afterFirst.activities ?? 0).toBe(before.activities ?? 0);

    // The same people again on another day: the people's tables do not grow.
    const second = await importFile(db.core, peopleCsv('second.csv', 0, 1_500, '02'), { options: { timezone: 'UTC' } });
    expect(second.inserted).toMatchObject({ activities: 1_500, developers: 0, accounts: 0 });
    const afterSecond = await analyses();
    expect(afterSecond).toEqual(afterFirst);

    // A few new people: below what makes a table's statistics stale.
    const third = await importFile(db.core, peopleCsv('third.csv', 1_500, 200, '03'), { options: { timezone: 'UTC' } });
    expect(third.inserted).toMatchObject({ activities: 200, developers: 200 });
    expect(await analyses()).toEqual(afterSecond);

    // A second tenant in the database changes nothing for what grew by a tenth (migration 0018: another tenant's
    // import holding a table's ANALYZE lock is not waited for; tenants-bulk-keys.test.ts).
    const created = await db.core.handlers['tenants:create']({ tenantId: 'acme', name: 'Acme' });
    expect(created.ok).toBe(true);
    const fourth = await importFile(db.core, peopleCsv('fourth.csv', 1_700, 1_800, '04'), { options: { timezone: 'UTC' } });
    expect(fourth.inserted).toMatchObject({ activities: 1_800, developers: 1_800 });
    const afterFourth = await analyses();
    for (const table of PEOPLE) expect(afterFourth[table], table).toBe(afterSecond[table]! + 1);
  });

  it(
    "analyses a tenant's first rows that the statistics do not see, however small a share of the table",
    { timeout: 120_000 },
    async () => {
      // The default tenant's 3,500 people and 8,000 more: the tables are over ten times what acme brings below.
      await importFile(db.core, peopleCsv('fifth.csv', 3_500, 8_000, '05'), { options: { timezone: 'UTC' } });
      const acme = await startCore({ databaseUrl: db.url, tenant: 'acme' });
      try {
        const before = await analyses();
        expect(await acmeEstimate()).toBeLessThan(10);
        const first = await importFile(acme, peopleCsv('acme-first.csv', 0, 1_000, '06'), { options: { timezone: 'UTC' } });
        expect(first.inserted).toMatchObject({ activities: 1_000, developers: 1_000, accounts: 1_000 });
        const afterFirst = await analyses();
        for (const table of PEOPLE) expect(afterFirst[table], table).toBe(before[table]! + 1);
        expect(await acmeEstimate()).toBeGreaterThan(500);

        // Acme's next 1,000 people are below a tenth of the table, and the statistics now see acme: left alone.
        const second = await importFile(acme, peopleCsv('acme-second.csv', 1_000, 1_000, '07'), { options: { timezone: 'UTC' } });
        expect(second.inserted).toMatchObject({ activities: 1_000, developers: 1_000 });
        expect(await analyses()).toEqual(afterFirst);
      } finally {
        await acme.stop();
      }
    },
  );
});

/** The planner's estimate of acme's developers, as the owner plans it. */
async function acmeEstimate(): Promise<number> {
  const [plan] = await queryRows<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    db.url,
    "explain (format json) select from developers where tenant_id = 'acme'",
  );
  return plan!['QUERY PLAN'][0].Plan['Plan Rows'];
}
