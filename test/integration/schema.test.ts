/**
 * The migrated database must match the schema spec exactly: compared with a
 * hand-written fixture through pg_catalog, so that neither a drizzle mistake
 * nor a drizzle-kit quirk can slip through unnoticed.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedSchema } from '../fixtures/expected-schema';
import { createTestDatabase } from '../helpers/database';
import { expectedShape, readTable, readTableNames } from '../helpers/live-schema';

let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
let client: pg.Client;

beforeAll(async () => {
  db = await createTestDatabase();
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await db?.drop();
});

const tables = Object.keys(expectedSchema).sort();
const tenantScoped = tables.filter((t) => t !== 'tenants' && expectedSchema[t]?.columns.some((c) => c.name === 'tenant_id'));

describe('migrated schema', () => {
  it('has exactly the 25 spec tables in public', async () => {
    expect(tables).toHaveLength(25);
    expect(await readTableNames(client)).toEqual(tables);
  });

  it.each(tables)('%s matches the spec', async (table) => {
    expect(await readTable(client, table)).toEqual(expectedShape(table));
  });

  it('sets no ON UPDATE action on any foreign key (the spec gives none)', async () => {
    const { rows } = await client.query<{ name: string }>(
      `select c.conname::text as name from pg_constraint c join pg_namespace n on n.oid = c.connamespace
        where n.nspname = 'public' and c.contype = 'f' and c.confupdtype <> 'a'`,
    );
    expect(rows).toEqual([]);
  });

  it('has the citext and uuid-ossp extensions', async () => {
    const { rows } = await client.query<{ extname: string }>(
      "select extname::text from pg_extension where extname in ('citext', 'uuid-ossp') order by 1",
    );
    expect(rows.map((r) => r.extname)).toEqual(['citext', 'uuid-ossp']);
  });
});

describe('column behaviour', () => {
  it('matches citext emails regardless of case, also in the unique constraint', async () => {
    await client.query("insert into tenants (tenant_id, name) values ('schema-citext', 'citext')");
    const inserted = await client.query<{ developer_id: string }>(
      "insert into developers (tenant_id, primary_email) values ('schema-citext', 'Taro@Example.COM') returning developer_id",
    );
    const found = await client.query<{ developer_id: string; primary_email: string }>(
      "select developer_id, primary_email from developers where tenant_id = 'schema-citext' and primary_email = 'taro@example.com'",
    );
    // Stored as written; only comparison ignores case.
    expect(found.rows).toEqual([{ developer_id: inserted.rows[0]?.developer_id, primary_email: 'Taro@Example.COM' }]);
    await expect(
      client.query("insert into developers (tenant_id, primary_email) values ('schema-citext', 'TARO@example.com')"),
    ).rejects.toMatchObject({ code: '23505', constraint: 'developers_tenant_email_unique' });
  });

  it('generates uuid ids when none are given', async () => {
    await client.query("insert into tenants (tenant_id, name) values ('schema-uuid', 'uuid')");
    const dev = await client.query<{ developer_id: string }>(
      "insert into developers (tenant_id) values ('schema-uuid') returning developer_id",
    );
    const account = await client.query<{ account_id: string }>(
      "insert into accounts (tenant_id, provider, external_user_id) values ('schema-uuid', 'github', '1') returning account_id",
    );
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(dev.rows[0]?.developer_id).toMatch(uuid);
    expect(account.rows[0]?.account_id).toMatch(uuid);
  });

  it('deleting a tenant removes its rows from every tenant-scoped table', async () => {
    await client.query(CASCADE_FIXTURE);
    const countRows = async () => {
      const counts: Record<string, number> = {};
      for (const table of tenantScoped) {
        const { rows } = await client.query<{ n: number }>(
          `select count(*)::int as n from ${client.escapeIdentifier(table)} where tenant_id = 'schema-cascade'`,
        );
        counts[table] = rows[0]?.n ?? -1;
      }
      return counts;
    };
    const before = await countRows();
    expect(Object.entries(before).filter(([, n]) => n === 0)).toEqual([]);

    await client.query("delete from tenants where tenant_id = 'schema-cascade'");

    expect(await countRows()).toEqual(Object.fromEntries(tenantScoped.map((t) => [t, 0])));
    // The seeded default tenant is untouched.
    const kept = await client.query<{ n: number }>("select count(*)::int as n from activity_funnel_map where tenant_id = 'default'");
    expect(kept.rows[0]?.n).toBeGreaterThan(0);
  });
});

/** One row in every tenant-scoped table, linked the way the app links them. */
const CASCADE_FIXTURE = `
do $$
declare
  t constant text := 'schema-cascade';
  u uuid; o uuid; d1 uuid; d2 uuid; a uuid; c uuid; r uuid; act uuid; p uuid;
begin
  insert into tenants (tenant_id, name) values (t, 'cascade');
  insert into users (tenant_id, email) values (t, 'admin@example.com') returning user_id into u;
  insert into api_keys (tenant_id, name, hashed_key, created_by) values (t, 'ci', 'x', u);
  insert into system_settings (tenant_id) values (t);
  insert into notifications (tenant_id, channel) values (t, 'email');
  insert into organizations (tenant_id, name) values (t, 'Example') returning org_id into o;
  insert into developers (tenant_id, org_id) values (t, o) returning developer_id into d1;
  insert into developers (tenant_id) values (t) returning developer_id into d2;
  insert into accounts (tenant_id, developer_id, provider, external_user_id) values (t, d1, 'github', '42') returning account_id into a;
  insert into developer_identifiers (tenant_id, developer_id, kind, value_normalized) values (t, d1, 'email', 'a@example.com');
  insert into developer_merge_logs (tenant_id, into_developer_id, from_developer_id, merged_by) values (t, d1, d2, u);
  insert into campaigns (tenant_id, name) values (t, 'launch') returning campaign_id into c;
  insert into budgets (tenant_id, campaign_id, category, amount, spent_at) values (t, c, 'ad', 1000, current_date);
  insert into resources (tenant_id, category, campaign_id) values (t, 'blog', c) returning resource_id into r;
  insert into activities (tenant_id, developer_id, account_id, resource_id, action, occurred_at, source, metadata)
    values (t, d1, a, r, 'click', now(), 'csv', '{"utm_campaign": "launch"}') returning activity_id into act;
  insert into activity_campaigns (tenant_id, activity_id, campaign_id) values (t, act, c);
  insert into plugins (tenant_id, key, name) values (t, 'github', 'GitHub') returning plugin_id into p;
  insert into plugin_runs (tenant_id, plugin_id, trigger) values (t, p, 'manual');
  insert into plugin_events_raw (tenant_id, plugin_id, payload) values (t, p, '{}');
  insert into import_jobs (tenant_id, source, created_by) values (t, 'csv', u);
  insert into shortlinks (tenant_id, key, target_url, campaign_id, resource_id) values (t, 'abcd1234', 'https://example.com', c, r);
  insert into developer_stats (developer_id, tenant_id) values (d1, t);
  insert into campaign_stats (campaign_id, tenant_id) values (c, t);
  insert into activity_funnel_map (tenant_id, action, stage_key) values (t, 'click', 'awareness');
end $$`;
