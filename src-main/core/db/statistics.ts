/**
 * Mid-import, before the steps that read what the import has just written
 * (stats and the derived refresh): ANALYZE of the tables it grew, whatever
 * the file's size, when their statistics no longer describe the tenant.
 *
 * A table filled in this transaction is otherwise planned on what it held
 * before, and the refresh's joins over whole CTEs become nested loops:
 * - a first import: 27 developers estimated for 9,572, and the merge keys
 *   compared 23M rows (3.3 s, 0.16 s with statistics);
 * - a tenant's first import beside another tenant's data: 1 developer
 *   estimated for 18,284, since the last ANALYZE saw only the other tenant;
 *   20,000 rows took 4.4 minutes (the developer search rows 132 s, the merge
 *   keys 72 s, the funnel's numbered developers 45 s).
 *
 * The ANALYZE's lock lasts until the commit and conflicts with another
 * transaction's ANALYZE: app.analyze_tables skips a table another tenant's
 * import holds rather than wait for its commit (migration 0018).
 */
import type { SqlClient } from './db';
import { analyzeTables } from './keys';
import { rowEstimates, tenantRowEstimate } from './row-estimate';
import { traceStep } from './trace';

/** A table is analysed again once this many rows came in… */
const GROWN_MIN = 1000;
/** …and they are this share of what it held before (autovacuum's default analyze scale factor)… */
const GROWN_SHARE = 0.1;
/** …or the planner expects fewer of the tenant's rows than this share of what came in: its statistics missed them. */
const MISSED_SHARE = 0.5;

/**
 * Analyses the tables of `grown` (name → rows this transaction added for `tenant`) that came in by GROWN_MIN rows or
 * more and whose statistics are stale: the rows are a tenth of the table or more, or the planner does not see them.
 * Returns the tables analysed, which the end of the import need not sample again.
 */
export async function analyzeGrown(client: SqlClient, tenant: string, grown: Readonly<Record<string, number>>): Promise<string[]> {
  const candidates = Object.entries(grown).filter(([, n]) => n >= GROWN_MIN);
  if (candidates.length === 0) return [];
  const started = performance.now();
  // As of the last ANALYZE (or VACUUM): before this import's.
  const held = await rowEstimates(
    client,
    candidates.map(([table]) => table),
  );
  const stale: string[] = [];
  for (const [table, n] of candidates) {
    if (n >= GROWN_SHARE * (held.get(table) ?? 0) || (await tenantRowEstimate(client, table, tenant)) < MISSED_SHARE * n) stale.push(table);
  }
  const analysed = await analyzeTables(client, stale);
  const skipped = stale.filter((table) => !analysed.includes(table));
  traceStep(
    `analyze ${analysed.length} grown tables (${analysed.join(', ')})${skipped.length ? `, ${skipped.join(', ')} skipped: locked` : ''}`,
    started,
  );
  return analysed;
}
