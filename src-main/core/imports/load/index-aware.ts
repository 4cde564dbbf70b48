/**
 * Index-aware bulk insert. Maintaining a table's indexes row by row, and
 * checking its foreign keys with one trigger call per row, is what bounds
 * ingest here (activities: ~16k rows/s as-is, ~29k with the indexes rebuilt
 * after the load). So when a load is large relative to the table, we drop the
 * secondary indexes and foreign keys inside the import's transaction, insert,
 * then rebuild the indexes by sorting and re-add the foreign keys, which
 * PostgreSQL validates with one set-based join. Keys that ON CONFLICT needs
 * stay. DDL is transactional: a failed or cancelled import rolls the indexes
 * and constraints back with everything else; readers of the table wait for
 * the import to commit meanwhile.
 *
 * The app (drm_app) does not own the tables, so the drop and the rebuild go
 * through the owner's SECURITY DEFINER functions app.defer_keys and
 * app.restore_keys (migration 0009; README "Tenants and row-level
 * security"), which save and re-create the exact definitions themselves and
 * refuse (deferred = false) when the database holds more than one tenant.
 */
import type { SqlClient } from '../../db/db';
import { analyzeTables, deferKeys, restoreKeys, type KeyKind } from '../../db/keys';
import { rowEstimate } from '../../db/row-estimate';
import { traceStep } from '../../db/trace';

/** Rows below this go through the indexes: rebuilding would cost more. */
export const DEFER_MIN_ROWS = 50_000;
/**
 * The threshold of the tables a first import fills with a row per developer or per cell: developer_stats
 * (resolve.ts), derived.funnel_bits and derived.campaign_daily. What they drop is mostly a foreign key to the tenant
 * or campaign, checked with a trigger call and a lock of the referenced row per row written (1.9 s of a 3.9 s insert
 * of 278k funnel rows, 1.6 s of 2.7 s for 101k campaign-day rows at 200k identity rows), and validated after by one
 * join.
 */
export const DERIVED_DEFER_MIN_ROWS = 10_000;

export interface DeferOptions {
  /** Also drop unique constraints: the load must then not rely on them (no ON CONFLICT). */
  unique?: boolean;
  /** Also drop the primary key (only when no other table's foreign key depends on it). */
  primaryKey?: boolean;
  /** Rows below which the load goes through the indexes (default DEFER_MIN_ROWS). */
  minRows?: number;
}

async function existingRows(client: SqlClient, table: string): Promise<number> {
  const n = await rowEstimate(client, table);
  // Never analysed: count exactly rather than guess.
  if (n !== undefined) return n;
  const exact = await client.query<{ n: string }>(`select count(*) as n from ${table}`);
  return Number(exact.rows[0]!.n);
}

export function shouldDefer(incoming: number, existing: number, minRows = DEFER_MIN_ROWS): boolean {
  return incoming >= minRows && incoming * 4 >= existing;
}

export async function withIndexesDeferred<T>(
  client: SqlClient,
  table: string,
  incoming: number,
  load: (deferred: boolean) => Promise<T>,
  options: DeferOptions = {},
): Promise<T> {
  if (!shouldDefer(incoming, await existingRows(client, table), options.minRows)) return load(false);

  const kinds: KeyKind[] = ['f', ...(options.unique ? (['u'] as const) : []), ...(options.primaryKey ? (['p'] as const) : [])];
  const dropped = await deferKeys(client, table, kinds);
  if (!dropped) return load(false);

  const loading = performance.now();
  const result = await load(true);
  traceStep(`load ${table} without ${dropped.indexes} indexes and ${dropped.constraints} constraints`, loading);

  const rebuilding = performance.now();
  await restoreKeys(client, table);
  traceStep(`rebuild ${table} indexes and constraints`, rebuilding);
  return result;
}

/** withIndexesDeferred for a load of as many rows as `countSql` (one row, column `n`) counts. */
export async function withIndexesDeferredBy<T>(
  client: SqlClient,
  table: string,
  countSql: string,
  load: () => Promise<T>,
  options?: DeferOptions,
): Promise<T> {
  const incoming = Number((await client.query<{ n: string | number }>(countSql)).rows[0]!.n);
  return withIndexesDeferred(client, table, incoming, load, options);
}

/**
 * After a bulk load, before its commit: the planner's statistics of the
 * tables it filled, sampled now (ANALYZE counts this transaction's own new
 * rows). Otherwise the first queries after a large import plan for the
 * tables as they were (25 rows estimated for 576k, until autovacuum comes).
 */
export async function analyzeAfterBulkLoad(client: SqlClient, inserted: number, tables: readonly string[]): Promise<void> {
  if (inserted < DEFER_MIN_ROWS || tables.length === 0) return;
  const started = performance.now();
  const analysed = await analyzeTables(client, tables);
  const skipped = tables.length - analysed.length;
  traceStep(`analyze ${analysed.length} tables${skipped ? ` (${skipped} skipped: locked)` : ''}`, started);
}
