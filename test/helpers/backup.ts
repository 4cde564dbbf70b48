/**
 * What the backup tests compare: whole tables (row for row with EXCEPT ALL
 * both ways, even across servers), digests of every table to prove that
 * nothing changed, and the catalog (every column, key and index).
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { afterAll, beforeAll } from 'vitest';
import { startCore } from '../../src-main/core/index';
import { withConnection } from '../../src-main/core/db/connect';
import type { SqlClient } from '../../src-main/core/db/db';
import type { Core } from '../../src-main/core/types';
import { createTestDatabase } from './database';
import { makeTempDir } from './temp';

/** Every table of the app's schemas, as `schema.table`. */
export function appTables(url: string, schemas = ['public', 'app', 'derived']): Promise<string[]> {
  return withConnection(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      "select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname = any($1::text[]) order by 1",
      [schemas],
    );
    return rows.map((r) => r.name);
  });
}

/** Loads the bundled sample (every format) through the app's own import and waits for it. */
export async function loadSample(core: Core): Promise<void> {
  const started = await core.handlers['import:load-sample']({});
  if (!started.ok) throw new Error(started.error.message);
  for (const jobId of started.value.jobIds) {
    const status = await core.importer.settled(jobId);
    if (status !== 'succeeded') throw new Error(`sample import ${jobId}: ${status}`);
  }
}

/**
 * Row count and a digest of every row, per table: equal digests, equal
 * tables. Rows are hashed one by one and the hashes sorted: funnel_bits' rows
 * are 65,536-character bit strings as text, too large to sort by. Each row is
 * hashed in its binary form (record_send), not as text: turning a
 * funnel_bits row into 65,536 characters cost ~1.5 ms a row, 18 s for the
 * sample's 12k rows, twice per backup-refusals case. Equal values have equal
 * binary forms within one database, which is all these digests compare.
 */
export function tableDigests(url: string, schemas?: string[]): Promise<Record<string, { rows: number; md5: string }>> {
  return withConnection(url, async (client) => {
    const out: Record<string, { rows: number; md5: string }> = {};
    for (const table of await appTables(url, schemas)) {
      const { rows } = await client.query<{ n: number; md5: string }>(
        `select count(*)::int as n, md5(coalesce(string_agg(h, E'\\n' order by h), '')) as md5
           from (select md5(record_send(t)) as h from ${table} t) r`,
      );
      out[table] = { rows: rows[0]!.n, md5: rows[0]!.md5 };
    }
    return out;
  });
}

const SEARCH_BOOKKEEPING: readonly string[] = ['derived.search_version', 'derived.developer_search_gone'];

/** `table`'s columns but one, as a select list. */
async function columnsBut(client: SqlClient, table: string, left: string): Promise<string> {
  const { rows } = await client.query<{ list: string }>(
    `select string_agg(quote_ident(attname), ', ' order by attnum) as list from pg_attribute
      where attrelid = $1::regclass and attnum > 0 and not attisdropped and attname <> $2`,
    [table, left],
  );
  return rows[0]!.list;
}

/**
 * Tables of `otherUrl` (any server) that differ from the same tables of
 * `url`: each is copied into a scratch schema beside the original and
 * compared with EXCEPT ALL in both directions. Returns `table: [only in
 * url, only in other]` for each table that differs; {} when all are equal.
 * The search index's bookkeeping (derived/search-version.ts) is left out: it
 * counts writes, and the rebuild after a restore moves it on.
 */
export async function exceptAllBothWays(
  url: string,
  otherUrl: string,
  tables: readonly string[],
): Promise<Record<string, [number, number]>> {
  const scratch = `cmp_${randomBytes(4).toString('hex')}`;
  const differences: Record<string, [number, number]> = {};
  await withConnection(url, (client) =>
    withConnection(otherUrl, async (other) => {
      await client.query(`create schema ${scratch}`);
      try {
        for (const table of tables.filter((t) => !SEARCH_BOOKKEEPING.includes(t))) {
          const copy = `${scratch}.${table.replace('.', '__').replaceAll('"', '')}`;
          await client.query(`create table ${copy} (like ${table})`);
          await pipeline(other.query(copyTo(`COPY ${table} TO STDOUT`)), client.query(copyFrom(`COPY ${copy} FROM STDIN`)));
          const columns = table === 'derived.developer_search' ? await columnsBut(client, table, 'version') : '*';
          const { rows } = await client.query<{ a: number; b: number }>(
            `select (select count(*)::int from (select ${columns} from ${table} except all select ${columns} from ${copy}) x) as a,
                    (select count(*)::int from (select ${columns} from ${copy} except all select ${columns} from ${table}) y) as b`,
          );
          if (rows[0]!.a !== 0 || rows[0]!.b !== 0) differences[table] = [rows[0]!.a, rows[0]!.b];
        }
      } finally {
        await client.query(`drop schema ${scratch} cascade`);
      }
    }),
  );
  return differences;
}

/** Every column, constraint and index of the app's schemas, as text: equal catalogs, equal schemas. */
export function catalogFingerprint(url: string): Promise<string[]> {
  return withConnection(url, async (client) => {
    const { rows } = await client.query<{ line: string }>(
      `select format('column %I.%I.%I %s %s %s', n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod),
                     a.attnotnull, coalesce(pg_get_expr(d.adbin, d.adrelid), '')) as line
         from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
         left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
        where n.nspname in ('public', 'app', 'derived') and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
       union all
       select format('constraint %I.%I.%I %s', n.nspname, c.relname, k.conname, pg_get_constraintdef(k.oid))
         from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'app', 'derived')
       union all
       select format('index %s', pg_get_indexdef(i.indexrelid))
         from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'app', 'derived')
       order by 1`,
    );
    return rows.map((r) => r.line);
  });
}

export async function queryValue<T>(url: string, text: string, values: unknown[] = []): Promise<T> {
  return withConnection(url, async (client) => {
    const { rows } = await client.query<{ value: T }>(text, values);
    return rows[0]!.value;
  });
}

/** A handler's value, or a throw with its error (tests read values, not envelopes). */
export async function ok<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/**
 * For a test file: a core on its own fresh database whose backup settings and
 * backups live in a temp folder of their own (`state`, backups in `folder`);
 * stopped, dropped and removed afterwards. Read `core` inside tests.
 */
export function useBackupCore(label: string) {
  const dir = makeTempDir(label);
  const state = join(dir.path, 'state');
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let core: Core | undefined;
  beforeAll(async () => {
    db = await createTestDatabase();
    core = await startCore({ databaseUrl: db.url, stateDir: state });
  });
  afterAll(async () => {
    await core?.stop();
    await db?.drop();
    dir.remove();
  });
  return {
    dir: dir.path,
    state,
    folder: join(state, 'backups'),
    get core(): Core {
      if (!core) throw new Error('useBackupCore: read core inside a test');
      return core;
    },
    get url(): string {
      if (!db) throw new Error('useBackupCore: read url inside a test');
      return db.url;
    },
  };
}
