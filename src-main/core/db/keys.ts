/**
 * Dropping a set of tables' indexes and key constraints before a bulk load
 * and putting them back after, inside the caller's transaction. Maintaining
 * indexes row by row and checking foreign keys with one trigger call per row
 * is what bounds bulk loads; rebuilding an index sorts once, and re-adding a
 * foreign key validates it with one set-based join. DDL is transactional:
 * a failed load rolls the definitions back with everything else.
 *
 * Used by restore (every table, every key: also frees the load from
 * foreign-key order), which runs as the tables' owner. The app's own bulk
 * loads (imports, the search index) run as drm_app, which owns nothing:
 * deferKeys/restoreKeys and analyzeTables go through the owner's SECURITY
 * DEFINER functions of migrations 0009 and 0018 instead, which take no DDL
 * from the caller (README "Tenants and row-level security").
 */
import type { SqlClient } from './db';

/** Constraint kinds as pg_constraint.contype names them. */
export type KeyKind = 'p' | 'u' | 'f';

export interface DroppedKeys {
  indexes: number;
  constraints: number;
  /** Recreates everything that was dropped: indexes, then keys, then foreign keys. */
  rebuild(): Promise<void>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Drops the constraints of `kinds` and every index that backs no constraint
 * on `tables` (regclass text, e.g. `activities` or `"app"."tenant_settings"`).
 */
export async function dropKeys(client: SqlClient, tables: readonly string[], kinds: readonly KeyKind[]): Promise<DroppedKeys> {
  const indexes = await client.query<{ name: string; def: string }>(
    `select format('%I.%I', n.nspname, c.relname) as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
      where i.indrelid = any($1::text[]::regclass[])
        -- An index some constraint uses (its own key, another table's foreign key) stays.
        and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
      order by 1`,
    [tables],
  );
  // Foreign keys first: a key cannot go while another table's foreign key needs it.
  const constraints = await client.query<{ name: string; table: string; def: string; kind: KeyKind }>(
    `select conname as name, conrelid::regclass::text as table, pg_get_constraintdef(oid) as def, contype as kind
       from pg_constraint
      where conrelid = any($1::text[]::regclass[]) and contype = any($2::"char"[])
      order by contype = 'f' desc, conrelid::regclass::text, conname`,
    [tables, kinds],
  );
  for (const c of constraints.rows) await client.query(`alter table ${c.table} drop constraint ${quote(c.name)}`);
  for (const index of indexes.rows) await client.query(`drop index ${index.name}`);

  return {
    indexes: indexes.rows.length,
    constraints: constraints.rows.length,
    async rebuild() {
      await client.query("set local maintenance_work_mem = '256MB'");
      for (const index of indexes.rows) await client.query(index.def);
      // Keys before foreign keys: a foreign key check then finds the rows it needs by index.
      const ordered = [...constraints.rows].sort((a, b) => Number(a.kind === 'f') - Number(b.kind === 'f'));
      for (const c of ordered) await client.query(`alter table ${c.table} add constraint ${quote(c.name)} ${c.def}`);
    },
  };
}

/**
 * Drops `table`'s indexes that back no constraint and its constraints of
 * `kinds`, in this transaction, through the owner's app.defer_keys; undefined
 * when it declines (more than one tenant: the DDL would lock every tenant out
 * of the table). Call restoreKeys before the commit, which fails otherwise.
 */
export async function deferKeys(
  client: SqlClient,
  table: string,
  kinds: readonly KeyKind[],
): Promise<{ indexes: number; constraints: number } | undefined> {
  const { rows } = await client.query<{ deferred: boolean; indexes: number; constraints: number }>(
    'select deferred, indexes, constraints from app.defer_keys($1::regclass, $2::"char"[])',
    [table, kinds],
  );
  const r = rows[0];
  return r?.deferred ? { indexes: r.indexes, constraints: r.constraints } : undefined;
}

/** Re-creates what deferKeys dropped from `table` in this transaction, exactly as it was. */
export async function restoreKeys(client: SqlClient, table: string): Promise<void> {
  await client.query('select app.restore_keys($1::regclass)', [table]);
}

/**
 * ANALYZE of the app's own tables, which only their owner may run: through its app.analyze_tables. A table whose
 * lock another session holds (an ANALYZE holds it until its commit: another tenant's import) is skipped rather than
 * waited for, at once, or after up to 2 s when the holder is autovacuum (migration 0018). Returns the tables
 * analysed, named as given, in their order.
 */
export async function analyzeTables(client: SqlClient, tables: readonly string[]): Promise<string[]> {
  if (tables.length === 0) return [];
  const { rows } = await client.query<{ t: string }>(
    `with done as materialized (select app.analyze_tables($1::text[]::regclass[]) as tables)
     select t from unnest($1::text[]) with ordinality as g(t, i), done where t::regclass = any(done.tables) order by i`,
    [tables],
  );
  return rows.map((r) => r.t);
}

/**
 * Runs `write` with `table`'s secondary indexes dropped, then builds them
 * again, inside the caller's transaction (DROP INDEX locks the table: readers
 * wait for the commit, and no other writer can touch the rows meanwhile):
 * for a write of most of a table's rows. The app does not own the tables:
 * the owner's app.defer_keys drops them, and declines when the database holds
 * more than one tenant; then `write` goes through the indexes.
 */
export async function withSecondaryIndexesRebuilt<T>(client: SqlClient, table: string, write: () => Promise<T>): Promise<T> {
  const deferred = await deferKeys(client, table, []);
  const result = await write();
  if (deferred) await restoreKeys(client, table);
  return result;
}
