/**
 * The owner's SECURITY DEFINER functions that let the app (drm_app, which
 * owns no table) run a bulk load's DDL (migration 0009; README "Tenants and
 * row-level security"): app.defer_keys / app.restore_keys drop and re-create
 * exactly a whitelisted table's deferrable keys, and app.analyze_tables
 * analyses the app's own tables, skipping one whose lock another
 * transaction's ANALYZE holds (0018). Nothing is lost when the transaction ends
 * any other way than by a restore, and nothing else is allowed.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { analyzeTables } from '../../src-main/core/db/keys';
import { createTestDatabase } from '../helpers/database';
import { queryRows } from '../helpers/imports';

let database: Awaited<ReturnType<typeof createTestDatabase>>;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

/** A connection of the app's login, under the tenant `default`, as the app's own are. */
async function appClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: database.appUrl, options: '-c role=drm_app -c app.tenant_id=default' });
  await client.connect();
  return client;
}

/** Every index and constraint of `table` with its definition and identity (a rebuilt one has a new oid). */
async function keysOf(table: string): Promise<{ name: string; definition: string; oid: number }[]> {
  return queryRows(
    database.url,
    `select c.relname as name, pg_get_indexdef(c.oid) as definition, c.oid::int as oid
       from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = $1::regclass
     union all
     select conname, pg_get_constraintdef(oid), oid::int from pg_constraint where conrelid = $1::regclass
     order by 1, 2`,
    [table],
  );
}

const definitions = (keys: { name: string; definition: string }[]) => keys.map(({ name, definition }) => ({ name, definition }));

describe('app.defer_keys and app.restore_keys', () => {
  it('drop the secondary indexes and foreign keys of activities for drm_app and re-create exactly those', async () => {
    const before = await keysOf('activities');
    let dropped: { deferred: boolean; indexes: number; constraints: number } | undefined;
    const client = await appClient();
    try {
      await client.query('begin');
      const result = await client.query('select * from app.defer_keys($1::regclass, $2::"char"[])', ['activities', ['f']]);
      dropped = result.rows[0];
      expect(dropped).toMatchObject({ deferred: true });
      expect(dropped!.indexes).toBeGreaterThan(0);
      expect(dropped!.constraints).toBeGreaterThan(0);
      await client.query('select app.restore_keys($1::regclass)', ['activities']);
      await client.query('commit');
    } finally {
      await client.end();
    }
    const after = await keysOf('activities');
    expect(definitions(after)).toEqual(definitions(before));
    // Really dropped and rebuilt: the secondary indexes are new objects, the primary key's is not.
    const rebuilt = after.filter((k) => !before.some((b) => b.oid === k.oid)).map((k) => k.name);
    expect(rebuilt.length).toBe(dropped!.indexes + dropped!.constraints);
    expect(rebuilt).not.toContain('activities_pkey');
  });

  it('refuse the commit of a transaction that dropped keys and did not re-create them', async () => {
    const before = definitions(await keysOf('developers'));
    const client = await appClient();
    try {
      await client.query('begin');
      await client.query(`select * from app.defer_keys('developers', '{f,u}')`);
      await expect(client.query('commit')).rejects.toThrow(/dropped for a bulk load and never re-created/);
    } finally {
      await client.end();
    }
    expect(definitions(await keysOf('developers'))).toEqual(before);
    expect(await queryRows(database.url, 'select * from app.deferred_keys')).toEqual([]);
  });

  it('fail the rebuild of a unique key that the load repeated, and the rollback keeps the key and drops the rows', async () => {
    // An import's new people go in with their unique keys dropped (imports/load/identity-write.ts):
    // should two rows share a key after all, the import must fail, not commit them.
    const before = await keysOf('developers');
    const client = await appClient();
    try {
      await client.query('begin');
      await client.query(`select * from app.defer_keys('developers', '{f,u}')`);
      // primary_email is citext: the two differ only by case, and are one key.
      await client.query(
        `insert into developers (tenant_id, primary_email) values ('default', 'Twice@Example.com'), ('default', 'twice@example.com')`,
      );
      await expect(client.query('select app.restore_keys($1::regclass)', ['developers'])).rejects.toThrow(
        /could not create unique index "developers_tenant_email_unique"/,
      );
      await client.query('rollback');
    } finally {
      await client.end();
    }
    expect(await keysOf('developers')).toEqual(before);
    expect(await queryRows(database.url, `select count(*)::int as n from developers where primary_email = 'twice@example.com'`)).toEqual([
      { n: 0 },
    ]);
    expect(await queryRows(database.url, 'select * from app.deferred_keys')).toEqual([]);
  });

  it('lose nothing when the connection dies between the drop and the rebuild', async () => {
    const before = definitions(await keysOf('accounts'));
    const client = await appClient();
    client.on('error', () => {});
    try {
      await client.query('begin');
      await client.query(`select * from app.defer_keys('accounts', '{f}')`);
      const pid = (await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      // As the server crashing or the app being killed would: only a superuser may end another role's backend.
      expect(await queryRows(inject('postgres').superuserUrl, 'select pg_terminate_backend($1) as done', [pid])).toEqual([{ done: true }]);
    } finally {
      await client.end().catch(() => {});
    }
    expect(definitions(await keysOf('accounts'))).toEqual(before);
    expect(await queryRows(database.url, 'select * from app.deferred_keys')).toEqual([]);
  });

  it('refuse other tables, other kinds and any access to the saved definitions', async () => {
    const client = await appClient();
    try {
      await expect(client.query(`select * from app.defer_keys('app.tenant_settings', '{f}')`)).rejects.toThrow(
        /not a table whose keys a bulk load may drop/,
      );
      await expect(client.query(`select * from app.defer_keys('activities', '{c}')`)).rejects.toThrow(/must be among p, u and f/);
      await expect(client.query('select * from app.deferred_keys')).rejects.toThrow(/permission denied/);
      await expect(
        client.query(
          `insert into app.deferred_keys (rel, step, kind, name, definition) values ('activities', 1, 'i', 'x', 'drop table activities')`,
        ),
      ).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });

  it('drop nothing while the database holds more than one tenant', async () => {
    const before = await keysOf('activities');
    await queryRows(database.url, "insert into tenants (tenant_id, name) values ('second', 'Second')");
    const client = await appClient();
    try {
      await client.query('begin');
      const result = await client.query(`select * from app.defer_keys('activities', '{f}')`);
      expect(result.rows[0]).toEqual({ deferred: false, indexes: 0, constraints: 0 });
      await client.query('commit');
    } finally {
      await client.end();
      await queryRows(database.url, "delete from tenants where tenant_id = 'second'");
    }
    expect(await keysOf('activities')).toEqual(before);
  });
});

describe('app.analyze_tables', () => {
  it("analyses the app's tables for drm_app, counting the transaction's own rows", async () => {
    const [before] = await queryRows<{ n: number }>(
      database.url,
      "select reltuples::float8 as n from pg_class where oid = 'developers'::regclass",
    );
    expect(before!.n).toBeLessThan(500);
    const client = await appClient();
    try {
      await client.query('begin');
      await client.query("insert into developers (tenant_id, display_name) select 'default', 'd' || g from generate_series(1, 500) g");
      await client.query(`select app.analyze_tables('{developers,derived.merge_keys}')`);
      await client.query('rollback');
    } finally {
      await client.end();
    }
    // ANALYZE writes pg_class in place: the sample of the rolled-back rows stays.
    const [after] = await queryRows<{ n: number }>(
      database.url,
      "select reltuples::float8 as n from pg_class where oid = 'developers'::regclass",
    );
    expect(after!.n).toBeGreaterThanOrEqual(500);
  });

  it("skips a table another transaction's ANALYZE holds until its commit, and analyses the others", async () => {
    // Another tenant's import, mid-refresh: its ANALYZE of developers keeps the table's lock until it commits.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    const client = await appClient();
    try {
      await holder.query('begin');
      await holder.query('analyze developers');
      await client.query('begin');
      // Named as given, in the order given; developers skipped (held by another session), without an error.
      expect(await analyzeTables(client, ['accounts', 'developers', 'derived.merge_keys'])).toEqual(['accounts', 'derived.merge_keys']);
      // The transaction goes on: the failed lock took only its own subtransaction back.
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      await client.query('commit');
      await holder.query('commit');
      expect(await analyzeTables(client, ['developers', 'accounts'])).toEqual(['developers', 'accounts']);
    } finally {
      await holder.end();
      await client.end();
    }
  });

  it('refuses tables that are not the app’s', async () => {
    const client = await appClient();
    try {
      for (const table of ['drizzle.__drizzle_migrations', 'app.deferred_keys', 'pg_catalog.pg_class']) {
        await expect(client.query('select app.analyze_tables($1::text[]::regclass[])', [[table]])).rejects.toThrow(
          /is not one of the app's tables/,
        );
      }
    } finally {
      await client.end();
    }
  });
});
