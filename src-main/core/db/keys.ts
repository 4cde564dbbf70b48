/**
 * Dropping a set of tables' indexes and key constraints before a bulk load
 * and putting them back after, inside the caller's transaction. Maintaining
 * indexes row by row and checking foreign keys with one trigger call per row
 * is what bounds bulk loads; rebuilding an index sorts once, and re-adding a
 * foreign key validates it with one set-based join. DDL is transactional:
 * a failed load rolls the definitions back with everything else.
 *
 * Used by the import (one table, secondary indexes and foreign keys) and by
 * restore (every table, every key: also frees the load from foreign-key order).
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
