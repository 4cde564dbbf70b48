import { sql } from 'drizzle-orm';
import type { Db } from '../db/db';
import { activities, developers, schemaMigrations } from '../db/schema';
import type { DataPresence, DatabaseLocation, SystemStatus } from '../../../src-shared/contract/system';

/** Whether any developer and any activity exist: one index probe each, whatever the database holds. */
export async function readDataPresence(db: Db): Promise<DataPresence> {
  const result = await db.execute<{ developers: boolean; activities: boolean }>(
    sql`select exists (select 1 from ${developers}) as developers, exists (select 1 from ${activities}) as activities`,
  );
  const row = result.rows[0]!;
  return { developers: row.developers, activities: row.activities };
}

/** What `drm status` and the Status page show: version, location, schema, row counts. */
export async function readStatus(db: Db, location: DatabaseLocation): Promise<SystemStatus> {
  const version = await db.execute<{ version: string; num: string }>(
    sql`select current_setting('server_version') as version, current_setting('server_version_num') as num`,
  );
  const tables = await db.execute<{ name: string }>(
    sql`select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const names = tables.rows.map((r) => r.name);
  const rows: Record<string, number> = {};
  if (names.length > 0) {
    // One round trip; exact counts, because the page promises row counts, not estimates.
    const counts = sql.join(
      names.map((name) => sql`select ${name}::text as name, count(*)::bigint as n from ${sql.identifier(name)}`),
      sql` union all `,
    );
    const result = await db.execute<{ name: string; n: string }>(counts);
    for (const r of result.rows) rows[r.name] = Number(r.n);
  }
  const migrations = await db
    .select({ name: schemaMigrations.name, runAt: schemaMigrations.runAt })
    .from(schemaMigrations)
    .orderBy(schemaMigrations.id);
  const extensions = await db.execute<{ name: string; version: string }>(
    sql`select extname as name, extversion as version from pg_extension where extname <> 'plpgsql' order by extname`,
  );
  const row = version.rows[0]!;
  return {
    postgres: { version: row.version, versionNum: Number(row.num), location },
    tables: names,
    rows,
    migrations: migrations.map((m) => ({ name: m.name, runAt: m.runAt.toISOString() })),
    extensions: extensions.rows,
  };
}
