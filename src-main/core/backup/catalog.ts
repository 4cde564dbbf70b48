/**
 * What a backup reads from the database besides rows: which tables to copy
 * (with their columns), how large they are, which migrations are applied,
 * and whether there is anything worth backing up at all.
 */
import { getTableName } from 'drizzle-orm';
import { getTableConfig } from 'drizzle-orm/pg-core';
import type { SqlClient } from '../db/db';
import { schemaTables } from '../db/tables';
import { readApplied, readJournal } from '../db/migrate';
import { LOCAL_AUTH_PROVIDER } from '../audit/local-user';
import type { Manifest, TableStart } from './format';

/** Everything the user owns; `derived` is computed from it and rebuilt on restore. */
export const BACKED_UP_SCHEMAS = ['public', 'app'] as const;

/** What a fresh start writes by itself (seed.ts): a database with only these has no data of the user's. */
const SEEDED_TABLES = new Set(['tenants', 'funnel_stages', 'activity_funnel_map', 'schema_migrations']);

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const qualified = (t: { schema: string; name: string }) => `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;

/** Every table this app's schema defines, as `{ schema, name }` (public, app and derived). */
export function definedTables(): { schema: string; name: string }[] {
  return schemaTables().map((table) => ({ schema: getTableConfig(table).schema ?? 'public', name: getTableName(table) }));
}

/** Tables of the backed-up schemas with their stored columns in order (generated columns are recomputed). */
export async function readTables(client: SqlClient): Promise<TableStart[]> {
  const { rows } = await client.query<TableStart>(
    `select n.nspname as schema, c.relname as name,
            array(select a.attname::text from pg_attribute a
                   where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
                   order by a.attnum) as columns
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = any($1::text[]) and c.relkind in ('r', 'p')
      order by n.nspname = 'public' desc, n.nspname, c.relname`,
    [BACKED_UP_SCHEMAS],
  );
  return rows;
}

/** Heap and TOAST bytes of the tables (no indexes): what a COPY of them reads, about. */
export async function tablesBytes(client: SqlClient, tables: readonly TableStart[]): Promise<number> {
  if (tables.length === 0) return 0;
  const { rows } = await client.query<{ bytes: string }>(
    'select coalesce(sum(pg_table_size(t::regclass)), 0)::bigint as bytes from unnest($1::text[]) t',
    [tables.map(qualified)],
  );
  return Number(rows[0]!.bytes);
}

/** The migrations applied, in order, as the manifest records them. */
export async function readMigrationState(client: SqlClient, migrationsDir: string): Promise<Manifest['migrations']> {
  const applied = await readApplied(client);
  const byWhen = new Map(readJournal(migrationsDir).map((e) => [e.when, e.tag]));
  const runAt = new Map<string, string>();
  const recorded = await client.query<{ present: boolean }>("select to_regclass('public.schema_migrations') is not null as present");
  if (recorded.rows[0]?.present) {
    const { rows } = await client.query<{ name: string; run_at: Date }>('select name, run_at from schema_migrations order by id');
    for (const r of rows) if (!runAt.has(r.name)) runAt.set(r.name, r.run_at.toISOString());
  }
  return applied.map((a) => {
    // A migration this app does not know keeps a placeholder tag: the restore refuses it by its timestamp.
    const tag = byWhen.get(a.when) ?? `unknown-${a.when}`;
    return { tag, when: a.when, hash: a.hash, runAt: runAt.get(tag) ?? null };
  });
}

/**
 * Whether a table holds rows of the user's. Every start writes the OS
 * account's local user (audit/local-user.ts), which is not data anyone would
 * miss: `users` counts only with another account in it.
 */
function probeOf(t: { schema: string; name: string }): string {
  if (t.schema === 'public' && t.name === 'users')
    return `exists (select 1 from ${qualified(t)} where auth_provider is distinct from '${LOCAL_AUTH_PROVIDER}')`;
  return `exists (select 1 from ${qualified(t)})`;
}

/** Whether any table holds rows beyond what seeding writes: anything the user would miss. */
export async function hasUserData(client: SqlClient): Promise<boolean> {
  const tables = (await readTables(client)).filter((t) => !(t.schema === 'public' && SEEDED_TABLES.has(t.name)));
  if (tables.length === 0) return false;
  const probes = tables.map(probeOf).join(' or ');
  const { rows } = await client.query<{ any: boolean }>(`select (${probes}) as any`);
  return rows[0]!.any;
}
