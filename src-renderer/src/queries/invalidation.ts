import { tableNames, type TableName } from '../../../src-shared/contract/tables';

/** Which tables a query reads, declared in its `meta.tables` with the names `db:changed` uses. */
export type TablesRead = readonly TableName[];

/** A query that summarises the whole database (row counts, status) reads every table. */
export const ALL_TABLES: TablesRead = tableNames;

/** A query that reads no table (files on disk, what the app version fixes): no `db:changed` makes it stale. */
export const NO_TABLES: TablesRead = [];

/**
 * Whether a `db:changed { tables }` event makes a query stale. A query that has
 * not declared its tables is treated as reading everything: a needless refetch
 * is cheap, a page silently showing old numbers is not.
 */
export function readsChangedTables(tablesRead: TablesRead | undefined, changed: readonly TableName[]): boolean {
  if (changed.length === 0) return false;
  if (tablesRead === undefined) return true;
  return tablesRead.some((table) => changed.includes(table));
}
