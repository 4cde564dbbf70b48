import pg from 'pg';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DERIVED_MIGRATION, DERIVED_V2_MIGRATION, DERIVED_V3_MIGRATION } from '../../src-main/core/index';
import { readJournal } from '../../src-main/core/db/migrate';
import { resolveMigrationsDir } from '../../src-main/core/paths';

export { DERIVED_V2_MIGRATION, DERIVED_V3_MIGRATION };

/** The migration that lets a funnel_bits row hold its developers as a list (derived/funnel-sparse.ts). */
export const FUNNEL_SPARSE_MIGRATION = '0007_funnel_sparse';
/** The functions 0007 adds (a database before it has none). */
const DROP_FUNNEL_SPARSE_FUNCTIONS = 'drop function derived.funnel_row, derived.funnel_bits_with, derived.funnel_bits_members';

/** The migration that isolates tenants by row-level security (README "Tenants and row-level security"). */
export const TENANT_RLS_MIGRATION = '0009_tenant_rls';

/**
 * What 0008_team_state and 0009_tenant_rls added, undone on `client` (owner
 * or superuser): every undo below calls it first, as the migrations after the
 * one it undoes run again. The role drm_app and its grants stay (0009 keeps
 * both if present).
 */
async function undoTeamMigrations(client: pg.Client): Promise<void> {
  await undoMergedAway(client);
  await undoUserSessions(client);
  await undoRowLevelSecurity(client);
  await client.query('drop table if exists app.api_key_uses, app.ingest_forms, app.notification_deliveries, app.notification_channels');
}

/**
 * Runs `undo` on a connection to `url` (owner or superuser), then forgets
 * that `tag` and every migration after it were applied, so that the next
 * start applies them again: a database from before `tag`, its data kept.
 */
async function takeBackTo<T>(url: string, tag: string, undo: (client: pg.Client) => Promise<T>): Promise<T> {
  const when = readJournal(resolveMigrationsDir({ packaged: false })).find((e) => e.tag === tag)!.when;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await undo(client);
    await client.query('delete from drizzle.__drizzle_migrations where created_at >= $1', [when]);
    await client.query('delete from schema_migrations where name >= $1', [tag]);
    return result;
  } finally {
    await client.end();
  }
}

/** The migration after which app.analyze_tables skips a table another transaction's ANALYZE holds. */
export const ANALYZE_SKIP_LOCKED_MIGRATION = '0018_analyze_tables_skip_locked';

/** Takes a migrated database back to the schema before 0018: 0009's app.analyze_tables, which waits for every lock. */
export async function undoAnalyzeSkipLockedMigration(url: string): Promise<void> {
  return takeBackTo(url, ANALYZE_SKIP_LOCKED_MIGRATION, async (client) => {
    await client.query(
      `drop function app.analyze_tables(regclass[]);
       create function app.analyze_tables(targets regclass[]) returns void
         language plpgsql security definer set search_path = pg_catalog, public, pg_temp
         as $$ declare t regclass; begin foreach t in array coalesce(targets, '{}') loop execute 'ANALYZE ' || t; end loop; end $$;
       revoke all on function app.analyze_tables(regclass[]) from public;
       grant execute on function app.analyze_tables(regclass[]) to drm_app`,
    );
  });
}

/** The migration that keeps who is merged away in derived.merged_away (derived/merged-away.ts). */
export const MERGED_AWAY_MIGRATION = '0012_merged_away';

/** What 0012_merged_away added: the table (its policy and grants go with it). */
async function undoMergedAway(client: pg.Client): Promise<void> {
  await client.query('drop table if exists derived.merged_away');
}

/** Takes a migrated database back to the schema before 0012_merged_away, its data kept: who is merged away is in the log only. */
export async function undoMergedAwayMigration(url: string): Promise<void> {
  return takeBackTo(url, MERGED_AWAY_MIGRATION, async (client) => {
    await undoMergedAway(client);
  });
}

/** What 0010_user_sessions added: the team server's sessions and their lookup. */
async function undoUserSessions(client: pg.Client): Promise<void> {
  await client.query('drop function if exists app.user_session_by_hash(text); drop table if exists app.user_sessions');
}

/** 0009's policies, forced RLS, SECURITY DEFINER functions and the bulk loads' app.deferred_keys. */
async function undoRowLevelSecurity(client: pg.Client): Promise<void> {
  await client.query(
    `drop function if exists app.api_key_by_hash(text), app.ingest_form_by_key(text), app.users_by_email(text), app.tenant_list(),
       app.defer_keys(regclass, "char"[]), app.restore_keys(regclass), app.analyze_tables(regclass[]), app.deferrable_tables();
     drop table if exists app.deferred_keys;
     drop function if exists app.deferred_keys_restored();
     do $$
     declare t record;
     begin
       for t in select schemaname, tablename from pg_policies where policyname = 'tenant_isolation' loop
         execute format('drop policy tenant_isolation on %I.%I', t.schemaname, t.tablename);
         execute format('alter table %I.%I no force row level security, disable row level security', t.schemaname, t.tablename);
       end loop;
     end $$`,
  );
}

/** Takes a migrated database back to the schema before 0009_tenant_rls, its data kept. */
export async function undoTenantRlsMigration(url: string): Promise<void> {
  return takeBackTo(url, TENANT_RLS_MIGRATION, async (client) => {
    await undoMergedAway(client);
    await undoUserSessions(client);
    await undoRowLevelSecurity(client);
  });
}

/**
 * Takes a migrated database back to the schema before the migration that
 * created `app` and `derived`, its data kept: a database from before that
 * release, for the tests of upgrades. The migrations after it (which add to
 * `app`) go with it: the schemas they add to are dropped.
 */
export async function undoDerivedMigration(url: string): Promise<void> {
  return takeBackTo(url, DERIVED_MIGRATION, async (client) => {
    await undoTeamMigrations(client);
    await client.query('drop schema derived cascade; drop schema app cascade');
  });
}

/**
 * Takes a migrated database back to the schema before 0004_derived_v2, its
 * data kept: roi_steps and roi_inputs go, conversion_touches comes back as
 * 0002_derived created it, holding a row (a database at 0003 had them).
 */
export async function undoDerivedV2Migration(url: string): Promise<void> {
  // The migrations after it first, as a database at 0003 never had them.
  await undoDerivedV3Migration(url);
  const folder = resolveMigrationsDir({ packaged: false });
  // conversion_touches' table and indexes, as 0002 wrote them.
  const created = readFileSync(join(folder, `${DERIVED_MIGRATION}.sql`), 'utf8')
    .split('--> statement-breakpoint')
    .filter((statement) => statement.includes('"derived"."conversion_touches"'));
  return takeBackTo(url, DERIVED_V2_MIGRATION, async (client) => {
    await client.query('drop table derived.roi_steps, derived.roi_inputs');
    for (const statement of created) await client.query(statement);
    await client.query(
      `insert into derived.conversion_touches
       select tenant_id, gen_random_uuid(), gen_random_uuid(), now(), gen_random_uuid(), now(), 0, 366, true, '{0}' from tenants`,
    );
  });
}

/**
 * Takes a migrated database back to the schema before 0005_derived_v3, its
 * data kept: developer_number, funnel_bits, funnel_cells, merge_keys,
 * merge_pairs, search_version, developer_search_gone and
 * developer_search.version go; developer_funnel and developer_funnel_dim come
 * back as 0002_derived created them, holding a row each (a database at 0004
 * had them).
 */
export async function undoDerivedV3Migration(url: string): Promise<void> {
  const folder = resolveMigrationsDir({ packaged: false });
  const created = readFileSync(join(folder, `${DERIVED_MIGRATION}.sql`), 'utf8')
    .split('--> statement-breakpoint')
    .filter((statement) => /"derived"\."developer_funnel(_dim)?"/.test(statement));
  return takeBackTo(url, DERIVED_V3_MIGRATION, async (client) => {
    await undoTeamMigrations(client);
    await client.query(
      `drop table app.developer_number, derived.funnel_bits, derived.funnel_cells, derived.merge_keys, derived.merge_pairs,
         derived.search_version, derived.developer_search_gone;
       ${DROP_FUNNEL_SPARSE_FUNCTIONS};
       alter table derived.developer_search drop column version`,
    );
    for (const statement of created) await client.query(statement);
    await client.query(
      `insert into derived.developer_funnel select developer_id, tenant_id, '{}', '{}' from developers limit 1;
       insert into derived.developer_funnel_dim select tenant_id, 'source:web', developer_id, '{}' from developers limit 1`,
    );
  });
}

/**
 * Takes a migrated database back to the schema before 0007_funnel_sparse, its
 * data kept: every funnel_bits row becomes the 65,536-bit bitset a database
 * at 0006 held, and `members`, its check and the functions go.
 */
export async function undoFunnelSparseMigration(url: string): Promise<void> {
  return takeBackTo(url, FUNNEL_SPARSE_MIGRATION, async (client) => {
    await undoTeamMigrations(client);
    await client.query(
      `alter table derived.funnel_bits drop constraint funnel_bits_one_form_check;
       update derived.funnel_bits set bits = derived.funnel_bits_with(null, members) where bits is null;
       alter table derived.funnel_bits drop column members;
       alter table derived.funnel_bits alter column bits set not null;
       ${DROP_FUNNEL_SPARSE_FUNCTIONS}`,
    );
  });
}

/** The migration that keeps only the funnel's stored day-tree levels (derived/funnel-nodes.ts STORED_LEVELS). */
export const FUNNEL_LEVELS_MIGRATION = '0013_funnel_stored_levels';

/**
 * Takes a migrated database back to before 0013_funnel_stored_levels, its
 * data kept: the rows of the levels it no longer stores (1, 2, 4, 5, 7, 8)
 * put back as the developers of their days' level-0 rows, as bitsets.
 * Returns how many rows it put back.
 */
export async function undoFunnelLevelsMigration(url: string): Promise<number> {
  return takeBackTo(url, FUNNEL_LEVELS_MIGRATION, async (client) => {
    const { rowCount } = await client.query(
      `insert into derived.funnel_bits (tenant_id, dim, stage, node, chunk, bits)
       select b.tenant_id, b.dim, b.stage, l.level * 100000 + b.node - b.node % (1 << l.level), b.chunk,
              bit_or(derived.funnel_bits_with(b.bits, b.members)::bit(65536))
         from derived.funnel_bits b cross join unnest('{1,2,4,5,7,8}'::int[]) l(level)
        where b.node between 0 and 99999
        group by 1, 2, 3, 4, 5`,
    );
    return rowCount ?? 0;
  });
}
