/**
 * Runs drizzle-kit's SQL migrations on one dedicated connection, serialised
 * across processes by an advisory lock, and records each applied migration in
 * the spec's `schema_migrations` table as well as drizzle's own journal.
 *
 * We apply them ourselves rather than through drizzle's `migrate()`, with the
 * same files, hashes and bookkeeping rows (so either could take over): its
 * migrator always applies everything and opens its own transaction, while a
 * restore must migrate up to the backup's level, load, and migrate on, all in
 * one transaction of its own (backup/restore.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import pg from 'pg';
import { CoreError } from '../errors';
import type { SqlClient } from './db';

interface JournalEntry {
  tag: string;
  when: number;
}

/** One migration as drizzle-kit wrote it: its journal entry, file hash and statements. */
export interface Migration extends JournalEntry {
  hash: string;
  statements: string[];
}

/** A row of drizzle's journal table in a database. */
export interface AppliedMigration {
  when: number;
  hash: string;
}

/** Any two processes migrating one database take turns on this lock. */
const MIGRATION_LOCK = "hashtext('drm-desktop:migrate')";

export function readJournal(migrationsDir: string): JournalEntry[] {
  const journal = JSON.parse(readFileSync(join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return journal.entries;
}

/** Every migration of this app, in order, read the way drizzle's migrator reads them. */
export function readMigrations(migrationsDir: string): Migration[] {
  const files = readMigrationFiles({ migrationsFolder: migrationsDir });
  return readJournal(migrationsDir).map((entry, i) => ({ ...entry, hash: files[i]!.hash, statements: files[i]!.sql }));
}

/** drizzle's record of what a database has applied, oldest first; empty for a fresh database. */
export async function readApplied(client: SqlClient): Promise<AppliedMigration[]> {
  const present = await client.query<{ ok: boolean }>("select to_regclass('drizzle.__drizzle_migrations') is not null as ok");
  if (!present.rows[0]?.ok) return [];
  const rows = await client.query<{ hash: string; created_at: string }>(
    'select hash, created_at from drizzle.__drizzle_migrations order by created_at, id',
  );
  return rows.rows.map((r) => ({ when: Number(r.created_at), hash: r.hash }));
}

/**
 * Refuses a database that applied one of `all` with other content than its
 * file has now: migrations are immutable once released (a changed file would
 * leave databases that ran the old one with a schema nobody can reproduce,
 * and never run the new content on them). Applied migrations this folder does
 * not have (a newer app's) are not this check's business.
 */
export function checkAppliedUnchanged(all: readonly Migration[], applied: readonly AppliedMigration[]): void {
  for (const a of applied) {
    const file = all.find((m) => m.when === a.when);
    if (!file || file.hash === a.hash) continue;
    throw new CoreError(
      'UNAVAILABLE',
      `Migration ${file.tag}.sql was applied to this database with a different content (hash ${a.hash.slice(0, 12)}…; ` +
        `the file now hashes ${file.hash.slice(0, 12)}…): the migrations folder was edited after release. ` +
        `Restore the original file (e.g. git checkout migrations/${file.tag}.sql) and put the change in a new migration; ` +
        'nothing was changed in the database.',
      { migration: file.tag, appliedHash: a.hash, fileHash: file.hash },
    );
  }
}

/**
 * What is still to apply, by drizzle's own rule: every migration newer than
 * the last one applied. Refuses first when an applied one's file changed.
 */
export function pendingMigrations(all: readonly Migration[], applied: readonly AppliedMigration[]): Migration[] {
  checkAppliedUnchanged(all, applied);
  const last = applied.reduce((max, a) => Math.max(max, a.when), Number.NEGATIVE_INFINITY);
  return all.filter((m) => m.when > last);
}

/**
 * Applies the pending migrations among the first `upTo` of the journal (all
 * by default) inside the caller's transaction, writing drizzle's journal rows
 * as its migrator does. Returns the tags applied; record them with
 * `recordApplied` (a restore takes `schema_migrations` from the backup instead).
 */
export async function applyMigrations(client: SqlClient, migrationsDir: string, upTo?: number): Promise<string[]> {
  // Asked first: a role that may not create (the app's login on a migrated database) still finds nothing to do.
  const journal = await client.query<{ ok: boolean }>("select to_regclass('drizzle.__drizzle_migrations') is not null as ok");
  if (!journal.rows[0]?.ok) {
    await client.query('create schema if not exists drizzle');
    await client.query(
      'create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)',
    );
  }
  const all = readMigrations(migrationsDir).slice(0, upTo);
  const pending = pendingMigrations(all, await readApplied(client));
  for (const migration of pending) {
    for (const statement of migration.statements) if (statement.trim() !== '') await client.query(statement);
    await client.query('insert into drizzle.__drizzle_migrations (hash, created_at) values ($1, $2)', [migration.hash, migration.when]);
  }
  return pending.map((m) => m.tag);
}

/** Applies pending migrations; returns the names of those this call recorded. */
export async function runMigrations(databaseUrl: string, migrationsDir: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`select pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await client.query('begin');
      try {
        await applyMigrations(client, migrationsDir);
        const recorded = await recordApplied(client, migrationsDir);
        await client.query('commit');
        return recorded;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      }
    } finally {
      await client.query(`select pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } finally {
    await client.end();
  }
}

/**
 * drizzle knows applied migrations by their journal timestamp; copy each one
 * that `schema_migrations` does not have yet under its name. Databases
 * migrated by older versions (drizzle's migrator, then a separate step) may
 * have a gap here after a crash; this fills it.
 */
export async function recordApplied(client: SqlClient, migrationsDir: string): Promise<string[]> {
  const appliedWhen = new Set((await readApplied(client)).map((a) => a.when));
  const recorded = await client.query<{ name: string }>('select name from schema_migrations');
  const recordedNames = new Set(recorded.rows.map((r) => r.name));
  const missing = readJournal(migrationsDir)
    .filter((e) => appliedWhen.has(e.when) && !recordedNames.has(e.tag))
    .map((e) => e.tag);
  if (missing.length > 0) {
    await client.query('insert into schema_migrations (name) select unnest($1::text[])', [missing]);
  }
  return missing;
}
