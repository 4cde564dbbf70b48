/**
 * How many rows a table holds, as the statistics last counted them
 * (pg_class.reltuples, as of the last ANALYZE or VACUUM): free to read and
 * exact enough to choose between a bulk path and a row-by-row one, which is
 * all the import and the derived refresh ask of it. Inside an import's
 * transaction it still describes the tables as they were before the import,
 * which is what "does this load grow the table by a share" needs.
 *
 * A table never analysed has no estimate (reltuples −1): it is absent from
 * the answer, and each caller says what that means to it (an exact count,
 * or an empty table).
 */
import type { SqlClient } from './db';

/** The estimated rows of each named table (a schema-qualified name, or one the search path finds) that has one. */
export async function rowEstimates(client: SqlClient, tables: readonly string[]): Promise<Map<string, number>> {
  if (tables.length === 0) return new Map();
  const { rows } = await client.query<{ name: string; n: number }>(
    `select t as name, c.reltuples::float8 as n from unnest($1::text[]) t join pg_class c on c.oid = t::regclass where c.reltuples >= 0`,
    [tables],
  );
  return new Map(rows.map((r) => [r.name, r.n]));
}

/** One table's estimated rows, or undefined when it was never analysed. */
export async function rowEstimate(client: SqlClient, table: string): Promise<number | undefined> {
  return (await rowEstimates(client, [table])).get(table);
}

/**
 * How many of `tenant`'s rows the planner expects in `table` (a name from our own code) now: the tenant's share in
 * the table's statistics, times the table's size (the planner scales the last count by the pages added since, so
 * rows written in this transaction count). A tenant the last ANALYZE did not see — a second tenant's first import —
 * is estimated at a row or so, however many it holds.
 */
export async function tenantRowEstimate(client: SqlClient, table: string, tenant: string): Promise<number> {
  const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
    `explain (format json) select from ${table} where tenant_id = $1`,
    [tenant],
  );
  return rows[0]!['QUERY PLAN'][0].Plan['Plan Rows'];
}
