/**
 * bench:import's answers, checked (issue 12: nothing may change a number).
 * Each check returns its lines and whether it held; the benchmark exits 1
 * when one did not.
 *
 * - accounting: rows read = inserted + duplicates + rejected + skipped, and
 *   the activities table holds exactly the inserted rows;
 * - rebuild: the checksums of every derived table, activity_campaigns,
 *   campaign_stats and developer_stats equal what `stats rebuild` writes
 *   (computed in a transaction that is rolled back);
 * - daily counts: DuckDB reads the CSV itself and counts activities per
 *   (day, action, source) with the import's rules written again in SQL —
 *   local times in the import's zone, offsets and UTC as written, days in
 *   the tenant's zone, a row naming a person (an account or an email) counts
 *   as an activity, one with only an anonymous id as anonymous — and those
 *   counts must equal derived.activity_daily.
 */
import type pg from 'pg';
import { checksumDifferences, derivedChecksums } from './checksums';
import { rebuiltChecksums } from './merges-pairs';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

export interface JobCounts {
  rowsRead: number;
  rejected: number;
  skipped: number;
  duplicates: number;
  inserted: { activities: number };
}

export async function checkAccounting(client: pg.Client, tenant: string, job: JobCounts): Promise<Check> {
  const { rows } = await client.query<{ n: number }>('select count(*)::int as n from activities where tenant_id = $1', [tenant]);
  const stored = rows[0]!.n;
  const sum = job.inserted.activities + job.duplicates + job.rejected + job.skipped;
  const ok = sum === job.rowsRead && stored === job.inserted.activities;
  return {
    name: 'accounting',
    ok,
    detail: `read ${job.rowsRead} = inserted ${job.inserted.activities} + duplicates ${job.duplicates} + rejected ${job.rejected} + skipped ${job.skipped} (${sum}); activities stored ${stored}`,
  };
}

export async function checkRebuild(client: pg.Client, tenant: string): Promise<Check> {
  const imported = await derivedChecksums(client, tenant);
  const differences = checksumDifferences(imported, await rebuiltChecksums(client, tenant));
  return {
    name: 'stats rebuild changes nothing',
    ok: differences.length === 0,
    detail: differences.length === 0 ? `${imported.length} tables equal` : differences.join('; '),
  };
}

/** The CSV's counts per (day, action, source), computed by DuckDB from the file alone. */
const DAILY_SQL = `
with r as (
  select lower(trim(action)) as action, lower(trim(source)) as source,
         case when regexp_matches(occurred_at, '(Z|[+-][0-9]{2}:?[0-9]{2})$') then cast(occurred_at as timestamptz)
              else timezone($importZone, cast(occurred_at as timestamp)) end as instant,
         (provider is not null and (external_user_id is not null or handle is not null)) or email is not null as known,
         anon_id is not null as anonymous
    from read_csv($path, header = true, all_varchar = true))
select strftime(cast(timezone($zone, instant) as date), '%Y-%m-%d') as day, action, source,
       cast(count(*) filter (where known) as integer) as activities,
       cast(count(*) filter (where not known and anonymous) as integer) as anonymous
  from r group by all
 having count(*) filter (where known or anonymous) > 0`;

interface Daily {
  day: string;
  action: string;
  source: string;
  activities: number;
  anonymous: number;
}

const key = (d: Daily) => `${d.day} ${d.action} ${d.source}`;

/**
 * DuckDB's counts from the CSV vs activity_daily. Only meaningful when the
 * file repeats no row (a duplicate is counted by DuckDB, not imported):
 * otherwise the check says so and is skipped.
 */
export async function checkDaily(
  client: pg.Client,
  tenant: string,
  csv: { path: string; importZone: string; zone: string; duplicates: number },
): Promise<Check> {
  const name = 'activity_daily = DuckDB over the CSV';
  if (csv.duplicates > 0) return { name, ok: true, detail: `not checked: the file repeats ${csv.duplicates} rows` };
  // Loaded here, after the import: DuckDB's library is ~35 MB of this process's RSS once loaded, which the app
  // (and the import's peak RSS the benchmark reports) does not have: bench:import runs it after its last import.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  let reference: Daily[];
  try {
    const reader = await duck.runAndReadAll(DAILY_SQL, { path: csv.path, importZone: csv.importZone, zone: csv.zone });
    reference = reader.getRowObjectsJS() as unknown as Daily[];
  } finally {
    duck.closeSync();
    instance.closeSync();
  }
  const { rows } = await client.query<Daily>(
    `select to_char(day, 'YYYY-MM-DD') as day, action, source, activities::int, anonymous::int
       from derived.activity_daily where tenant_id = $1`,
    [tenant],
  );
  const app = new Map(rows.map((r) => [key(r), r]));
  const differences: string[] = [];
  for (const r of reference) {
    const a = app.get(key(r));
    if (!a || a.activities !== r.activities || a.anonymous !== r.anonymous) {
      differences.push(`${key(r)}: app ${a ? `${a.activities}/${a.anonymous}` : 'none'}, DuckDB ${r.activities}/${r.anonymous}`);
    }
    app.delete(key(r));
  }
  for (const a of app.values()) differences.push(`${key(a)}: app ${a.activities}/${a.anonymous}, DuckDB none`);
  return {
    name,
    ok: differences.length === 0,
    detail:
      differences.length === 0
        ? `${reference.length} (day, action, source) rows equal`
        : `${differences.length} differ, e.g. ${differences.slice(0, 3).join('; ')}`,
  };
}
