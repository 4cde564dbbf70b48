/**
 * Runs drizzle-kit's SQL migrations on one dedicated connection, serialised
 * across processes by an advisory lock, and records each applied migration in
 * the spec's `schema_migrations` table as well as drizzle's own journal.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';

interface JournalEntry {
  tag: string;
  when: number;
}

/** Any two processes migrating one database take turns on this lock. */
const MIGRATION_LOCK = "hashtext('drm-desktop:migrate')";

export function readJournal(migrationsDir: string): JournalEntry[] {
  const journal = JSON.parse(readFileSync(join(migrationsDir, 'meta', '_journal.json'), 'utf8')) as { entries: JournalEntry[] };
  return journal.entries;
}

/** Applies pending migrations; returns the names of those this call applied. */
export async function runMigrations(databaseUrl: string, migrationsDir: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`select pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await migrate(drizzle(client), { migrationsFolder: migrationsDir });
      return await recordApplied(client, readJournal(migrationsDir));
    } finally {
      await client.query(`select pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } finally {
    await client.end();
  }
}

/**
 * drizzle knows applied migrations by their journal timestamp; copy each one
 * that `schema_migrations` does not have yet under its name. Running again
 * after a crash between the two steps fills the gap.
 */
async function recordApplied(client: pg.Client, journal: JournalEntry[]): Promise<string[]> {
  const applied = await client.query<{ created_at: string }>('select created_at from drizzle.__drizzle_migrations');
  const appliedWhen = new Set(applied.rows.map((r) => Number(r.created_at)));
  const recorded = await client.query<{ name: string }>('select name from schema_migrations');
  const recordedNames = new Set(recorded.rows.map((r) => r.name));
  const missing = journal.filter((e) => appliedWhen.has(e.when) && !recordedNames.has(e.tag)).map((e) => e.tag);
  if (missing.length > 0) {
    await client.query('insert into schema_migrations (name) select unnest($1::text[])', [missing]);
  }
  return missing;
}
