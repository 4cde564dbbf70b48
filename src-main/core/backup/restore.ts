/**
 * Restoring a backup, all or nothing, in one transaction (PostgreSQL's DDL is
 * transactional): drop the app's schemas and tables, migrate to the backup's
 * level, load every table (keys dropped first, so foreign-key order does not
 * matter and indexes are built once, by sorting), put the keys back, set
 * sequences past the loaded ids, migrate forward to this app's level, and
 * rebuild `derived`. Any refusal or failure rolls all of it back: the
 * database is exactly as it was. Needs no superuser (no
 * session_replication_role): the app's role owns what it drops.
 */
import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { applyMigrations, readMigrations, recordApplied } from '../db/migrate';
import { withConnection } from '../db/connect';
import { dbOn } from '../db/db';
import { dropKeys } from '../db/keys';
import { rebuildDerived } from '../derived/refresh';
import { definedTables, qualified, quoteIdent, readTables } from './catalog';
import { decompressor } from './codec';
import { qualifiedName, rowsByTable, type ManifestTable } from './format';
import { walkSections, type BackupHead } from './read';
import { backupLevel } from './compat';
import { BackupRefusal, refuseSharedDatabase } from './refusal';
import { COPY_SESSION, type CopyProgress } from './write';

export type RestorePhase = 'migrating' | 'loading' | 'indexing' | 'rebuilding';

export interface RestoreOptions {
  url: string;
  /** A file that `verifyBackup` has read through; it is checked again while loading. */
  head: BackupHead;
  migrationsDir: string;
  onProgress?: (phase: RestorePhase, progress: CopyProgress) => void;
  /** Stops the restore (the app is quitting): it rolls back. */
  signal?: AbortSignal;
  /** Restore into a database of several tenants, replacing them all, rather than refuse (refusal.ts). */
  everyTenant?: boolean;
}

export interface RestoreOutcome {
  tables: Record<string, number>;
  /** Migrations applied after loading (the backup was older than this app). */
  migrations: string[];
}

export async function restoreBackup(options: RestoreOptions): Promise<RestoreOutcome> {
  const { head, migrationsDir } = options;
  const { manifest } = head;
  const level = backupLevel(head, readMigrations(migrationsDir));
  const bytesTotal = manifest.tables.reduce((sum, t) => sum + t.bytes, 0);
  let bytesBefore = 0;
  let tablesDone = 0;
  const progress = (phase: RestorePhase, table: ManifestTable | null = null, bytes = 0) =>
    options.onProgress?.(phase, {
      table: table && qualifiedName(table),
      tablesDone,
      tablesTotal: manifest.tables.length,
      bytesDone: bytesBefore + bytes,
      bytesTotal,
    });

  return withConnection(
    options.url,
    async (client) => {
      await client.query('begin');
      try {
        // Another connection holding a table (an external database in use) fails the restore rather than hanging it.
        await client.query("set local lock_timeout = '30s'");
        if (!options.everyTenant) await refuseSharedDatabase(client, 'restore into');
        progress('migrating');
        await dropAppObjects(client, manifest.tables);
        await applyMigrations(client, migrationsDir, level);
        await checkTables(client, head);

        const keys = await dropKeys(client, await keyedTables(client), ['p', 'u', 'f']);
        const saved = await saveCopySession(client);
        await walkSections(head, async (table, data) => {
          progress('loading', table);
          await loadTable(client, head, table, data, (bytes) => progress('loading', table, bytes));
          bytesBefore += table.bytes;
          tablesDone += 1;
        });
        await saved.restore();

        progress('indexing');
        await refuseDataErrors(head, 'its rows do not satisfy the keys', () => keys.rebuild());
        await client.query(`analyze ${manifest.tables.map(qualified).join(', ')}`);
        await resetSequences(client);

        progress('migrating');
        const migrations = await applyMigrations(client, migrationsDir);
        await recordApplied(client, migrationsDir);
        await markUnfinishedImports(client);

        progress('rebuilding');
        await client.query("set local work_mem = '128MB'");
        const tenants = await client.query<{ tenant_id: string }>('select tenant_id from tenants order by tenant_id');
        for (const { tenant_id } of tenants.rows) await rebuildDerived(dbOn(client), tenant_id);

        await client.query('commit');
        return { tables: rowsByTable(manifest), migrations };
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      }
    },
    { applicationName: 'drm-desktop restore', signal: options.signal },
  );
}

/** Drops what migrations create: the app's schemas and its tables in `public` (extensions stay). */
async function dropAppObjects(client: pg.Client, backedUp: readonly ManifestTable[]): Promise<void> {
  await client.query('drop schema if exists derived, app, drizzle cascade');
  const known = definedTables().filter((t) => t.schema === 'public');
  const names = [...new Set([...known, ...backedUp.filter((t) => t.schema === 'public')].map((t) => t.name))];
  await client.query(`drop table if exists ${names.map((n) => `public.${quoteIdent(n)}`).join(', ')} cascade`);
}

/** Every table the load writes, and those whose foreign keys point at them (`derived`, created empty by the migrations). */
async function keyedTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    "select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname in ('public', 'app', 'derived') order by 1",
  );
  return rows.map((r) => r.name);
}

/** The tables at the backup's migration level must be exactly the backup's, column for column. */
async function checkTables(client: pg.Client, head: BackupHead): Promise<void> {
  const shape = (t: { schema: string; name: string; columns: string[] }) => `${t.schema}.${t.name}(${[...t.columns].sort().join(',')})`;
  const live = new Set((await readTables(client)).map(shape));
  const theirs = new Set(head.manifest.tables.map(shape));
  const missing = [...theirs].filter((t) => !live.has(t));
  const extra = [...live].filter((t) => !theirs.has(t));
  if (missing.length > 0 || extra.length > 0) {
    throw new BackupRefusal(
      'mismatch',
      `${head.file} does not match the tables its migrations create (${[...missing, ...extra].slice(0, 3).join('; ')}); it was not restored.`,
    );
  }
}

/** COPY reads the backup's text in the session it was written in; the app's own settings come back after. */
async function saveCopySession(client: pg.Client): Promise<{ restore(): Promise<void> }> {
  const names = ['TimeZone', 'DateStyle', 'IntervalStyle', 'extra_float_digits', 'bytea_output'];
  const { rows } = await client.query<{ value: string }>(
    'select current_setting(n) as value from unnest($1::text[]) with ordinality u(n, i) order by i',
    [names],
  );
  await client.query(COPY_SESSION);
  return {
    restore: async () => {
      await client.query('select set_config(n, v, true) from unnest($1::text[], $2::text[]) u(n, v)', [names, rows.map((r) => r.value)]);
    },
  };
}

async function loadTable(
  client: pg.Client,
  head: BackupHead,
  table: ManifestTable,
  data: AsyncIterable<Buffer>,
  onBytes: (bytes: number) => void,
): Promise<void> {
  const digest = createHash('sha256');
  let bytes = 0;
  const measure = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      digest.update(chunk);
      bytes += chunk.length;
      onBytes(bytes);
      callback(null, chunk);
    },
  });
  const copy = client.query(copyFrom(`COPY ${qualified(table)} (${table.columns.map(quoteIdent).join(', ')}) FROM STDIN`));
  const name = qualifiedName(table);
  const source = Readable.from(data, { objectMode: false });
  const inflate = decompressor(head.manifest.compression);
  let inflateFailed = false;
  inflate?.once('error', () => (inflateFailed = true));
  await refuseDataErrors(
    head,
    `the rows of ${name} cannot be read`,
    () => pipeline(inflate ? [source, inflate, measure, copy] : [source, measure, copy]),
    () => inflateFailed,
  );
  if (copy.rowCount !== table.rows || bytes !== table.bytes || digest.digest('hex') !== table.sha256) {
    throw new BackupRefusal(
      'damaged',
      `${head.file} is damaged (${name} does not match its checksum or row count); nothing was restored. Restore another backup.`,
    );
  }
}

/**
 * Turns what a damaged or foreign file makes fail — data that does not
 * decompress, text PostgreSQL rejects (SQLSTATE classes 22 and 23) — into a
 * refusal; anything else (the server stopped, the disk filled) stays an error.
 */
async function refuseDataErrors<T>(head: BackupHead, what: string, run: () => Promise<T>, undecodable = () => false): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const data = typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
    if (!undecodable() && !data) throw error;
    throw new BackupRefusal(
      'damaged',
      `${head.file} is damaged (${what}: ${(error as Error).message}); nothing was restored. Restore another backup.`,
    );
  }
}

/** Serial and identity sequences continue after the largest id loaded. */
async function resetSequences(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ seq: string; tbl: string; col: string }>(
    `select s.seq, format('%I.%I', n.nspname, c.relname) as tbl, a.attname as col
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
      cross join lateral (select pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) as seq) s
      where n.nspname in ('public', 'app') and c.relkind = 'r' and s.seq is not null`,
  );
  for (const r of rows) {
    await client.query(`select setval($1, coalesce(max(${quoteIdent(r.col)}), 1), max(${quoteIdent(r.col)}) is not null) from ${r.tbl}`, [
      r.seq,
    ]);
  }
}

/** An import that was running when the backup was taken is not running now. */
async function markUnfinishedImports(client: pg.Client): Promise<void> {
  await client.query(
    `update import_jobs set status = 'failed', finished_at = coalesce(finished_at, now()),
            metrics = coalesce(metrics, '{}'::jsonb) || jsonb_build_object('message',
              'Interrupted: this import was still running when the backup was taken; the restored data has all of it or none of it')
      where status in ('queued', 'running')`,
  );
}
