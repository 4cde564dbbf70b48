/**
 * bench:import's baselines (design-issue12 §1.2): what "a plain COPY of the
 * import's own result, into the same schema on the same server" costs.
 *
 * Every row the import committed in the spec tables is exported with
 * `COPY … TO`, then loaded with `COPY … FROM STDIN` from those files (what
 * `psql \copy` does) into a freshly migrated and seeded database on the same
 * server, in foreign-key order, in one transaction including its COMMIT. The
 * fresh database has the same indexes, unique constraints, foreign keys and
 * defaults, and is as empty as the import's target was; its seeded rows
 * (tenant, stages, action map) are the ones the imported rows refer to.
 * Nothing of the app's cleverness: no parsing, no resolution, no index drops.
 *
 * Printed beside it: the derived tables (`derived.*`) copied the same way in
 * a second transaction, and the older activities-only figure (a COPY into a
 * `like … including all` table of the import's own database), kept for
 * continuity with the README's earlier figures.
 */
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { runMigrations } from '../src-main/core/db/migrate';
import { dbOn } from '../src-main/core/db/db';
import { DEFAULT_TENANT, seed } from '../src-main/core/db/seed';
import { DERIVED_TABLE_NAMES } from '../src-main/core/derived/tables';
import { resolveMigrationsDir } from '../src-main/core/paths';

/** The spec tables an activities import writes, in foreign-key order. */
export const SPEC_TABLES = [
  'organizations',
  'campaigns',
  'resources',
  'developers',
  'accounts',
  'developer_identifiers',
  'activities',
  'activity_campaigns',
  'developer_stats',
  'campaign_stats',
] as const;

/** The app's own derived tables (the second, looser baseline). */
export const DERIVED_ONLY = DERIVED_TABLE_NAMES.filter((t) => t.startsWith('derived.'));

export interface Dump {
  dir: string;
  rows: Record<string, number>;
  bytes: number;
}

/** COPY … TO of every spec and derived table of the import's database into `dir`, one text file each. */
export async function dumpImported(url: string, dir: string): Promise<Dump> {
  const client = new pg.Client(url);
  await client.connect();
  const rows: Record<string, number> = {};
  let bytes = 0;
  try {
    for (const table of [...SPEC_TABLES, ...DERIVED_ONLY]) {
      const path = join(dir, `${table}.copy`);
      await pipeline(client.query(copyTo(`COPY ${table} TO STDOUT`)), createWriteStream(path));
      // Counted apart: the COPY stream's rowCount was seen at 0 for a table it had written (50 organizations).
      rows[table] = (await client.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
      bytes += statSync(path).size;
    }
  } finally {
    await client.end();
  }
  return { dir, rows, bytes };
}

/** Migrates and seeds the fresh, empty database at `url`, as the app's start does. */
export async function prepareFresh(url: string): Promise<void> {
  await runMigrations(url, resolveMigrationsDir({ packaged: false }));
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await seed(dbOn(pool), DEFAULT_TENANT);
  } finally {
    await pool.end();
  }
}

export interface BaselineTimes {
  /** The spec tables, one transaction incl. COMMIT: the ratio's baseline. */
  specMs: number;
  /** The derived tables, a second transaction. */
  derivedMs: number;
  specRows: number;
}

async function copyTables(client: pg.Client, dump: Dump, tables: readonly string[]): Promise<number> {
  const started = performance.now();
  await client.query('begin');
  for (const table of tables) {
    await pipeline(createReadStream(join(dump.dir, `${table}.copy`)), client.query(copyFrom(`COPY ${table} FROM STDIN`)));
  }
  await client.query('commit');
  return performance.now() - started;
}

/** Loads the dump into the prepared database at `url`: spec tables, then (timed apart) the derived ones. */
export async function copyIntoFresh(url: string, dump: Dump): Promise<BaselineTimes> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const specMs = await copyTables(client, dump, SPEC_TABLES);
    const derivedMs = await copyTables(client, dump, DERIVED_ONLY);
    const specRows = SPEC_TABLES.reduce((sum, t) => sum + (dump.rows[t] ?? 0), 0);
    return { specMs, derivedMs, specRows };
  } finally {
    await client.end();
  }
}

/**
 * The older baseline: the import's activities COPYed into an empty table of
 * the same columns, defaults, indexes and foreign keys, in the import's own
 * database; dropped afterwards so the checks see the import's rows alone.
 */
export async function activitiesOnlyMs(url: string, dump: Dump): Promise<number> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query('create table bench_activities (like activities including all)');
    for (const [column, table] of [
      ['tenant_id', 'tenants'],
      ['developer_id', 'developers'],
      ['account_id', 'accounts'],
      ['resource_id', 'resources'],
    ]) {
      await client.query(`alter table bench_activities add foreign key (${column}) references ${table}`);
    }
    const started = performance.now();
    await pipeline(createReadStream(join(dump.dir, 'activities.copy')), client.query(copyFrom('COPY bench_activities FROM STDIN')));
    const ms = performance.now() - started;
    await client.query('drop table bench_activities');
    return ms;
  } finally {
    await client.end();
  }
}
