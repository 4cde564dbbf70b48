import pg from 'pg';
import { DERIVED_MIGRATION } from '../../src-main/core/index';
import { readJournal } from '../../src-main/core/db/migrate';
import { resolveMigrationsDir } from '../../src-main/core/paths';

/** The migration after the derived one (exchange rates in `app`), undone with it. */
export const RATES_MIGRATION = '0003_exchange_rates';

/**
 * Takes a migrated database back to the schema before the migration that
 * created `app` and `derived`, its data kept: a database from before that
 * release, for the tests of upgrades. The migrations after it (which add to
 * `app`) go with it: the schemas they add to are dropped.
 */
export async function undoDerivedMigration(url: string): Promise<void> {
  const when = readJournal(resolveMigrationsDir({ packaged: false })).find((e) => e.tag === DERIVED_MIGRATION)!.when;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('drop schema derived cascade; drop schema app cascade');
    await client.query('delete from drizzle.__drizzle_migrations where created_at >= $1', [when]);
    await client.query('delete from schema_migrations where name >= $1', [DERIVED_MIGRATION]);
  } finally {
    await client.end();
  }
}
