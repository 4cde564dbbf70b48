/**
 * An import analyses the people's tables it grew by a tenth or more before
 * its derived refresh reads them, whatever the file's size (index-aware.ts,
 * analyzeGrown): a table filled in the transaction is otherwise planned as a
 * few rows, and the refresh's joins over whole CTEs became nested loops (3.3 s
 * for 9,572 new developers' merge keys). Files that add little to a table
 * leave its statistics to autovacuum, and so does any file once the database
 * holds a second tenant.
 */
import { afterAll, describe, expect, it } from 'vitest';
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

    // With a second tenant in the database, an ANALYZE held to the commit would make the tenants' imports wait
    // for each other: a file that doubles the people's tables leaves them to autovacuum.
    const created = await db.core.handlers['tenants:create']({ tenantId: 'acme', name: 'Acme' });
    expect(created.ok).toBe(true);
    const fourth = await importFile(db.core, peopleCsv('fourth.csv', 1_700, 1_800, '04'), { options: { timezone: 'UTC' } });
    expect(fourth.inserted).toMatchObject({ activities: 1_800, developers: 1_800 });
    expect(await analyses()).toEqual(afterSecond);
  });
});
