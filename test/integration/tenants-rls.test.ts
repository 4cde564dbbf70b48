/**
 * Tenants isolated by row-level security, on Debian's PostgreSQL as a team's
 * shared database (README "Tenants and row-level security"): two tenants
 * load the same files (the same emails, the same source rows), and each
 * sees, changes and rebuilds only its own rows.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelNames, channels, type ChannelName } from '../../src-shared/contract/index';
import { startCore } from '../../src-main/core';
import type { Core } from '../../src-main/core/types';
import { apiKeyByHash, ingestFormByKey, usersByEmail } from '../../src-main/core/tenants/lookups';
import { loadCampaignData } from '../helpers/campaign-data';
import { queryRows } from '../helpers/imports';
import { call, callError } from '../helpers/merges';
import { startSystemPostgres, type SystemPostgres } from '../helpers/system-postgres';
import { makeTempDir } from '../helpers/temp';

let server: SystemPostgres;
let ownerUrl: string;
let home: Core;
let acme: Core;
const dir = makeTempDir('tenants-rls');

/** Rows per tenant of the tables a load, a merge or a rebuild writes. */
async function rowsByTenant(): Promise<Record<string, Record<string, number>>> {
  const tables = [
    'developers',
    'accounts',
    'activities',
    'campaigns',
    'budgets',
    'developer_merge_logs',
    'derived.activity_daily',
    'derived.roi_steps',
  ];
  const out: Record<string, Record<string, number>> = {};
  for (const table of tables) {
    const rows = await queryRows<{ tenant_id: string; n: number }>(
      ownerUrl,
      `select tenant_id, count(*)::int as n from ${table} group by 1`,
    );
    for (const r of rows) (out[r.tenant_id] ??= {})[table] = r.n;
  }
  return out;
}

beforeAll(async () => {
  server = await startSystemPostgres();
  const admin = new pg.Client(server.url);
  await admin.connect();
  await admin.query("create role team_owner login nosuperuser bypassrls createrole password 'owner-secret'");
  await admin.query('create database drm_shared owner team_owner');
  await admin.end();
  ownerUrl = server.url.replace('postgres@', 'team_owner:owner-secret@').replace(/\/postgres$/, '/drm_shared');
  home = await startCore({ databaseUrl: ownerUrl });
  await call(home, 'tenants:create', { tenantId: 'acme', name: 'Acme' });
  acme = await startCore({ databaseUrl: ownerUrl, tenant: 'acme' });
  await loadCampaignData(home, dir.path);
  await loadCampaignData(acme, dir.path);
}, 240_000);

afterAll(async () => {
  await acme?.stop();
  await home?.stop();
  await server?.stop();
  dir.remove();
});

describe('tenants on one shared database', () => {
  it('lets two tenants import the same files: same emails, same source rows, each tenant all of them', async () => {
    const counts = await rowsByTenant();
    expect(counts.acme?.activities).toBeGreaterThan(0);
    expect(counts.acme).toEqual(counts.default);
    const shared = await queryRows<{ n: number }>(
      ownerUrl,
      `select count(*)::int as n from developers a join developers b on a.primary_email = b.primary_email
        where a.tenant_id = 'default' and b.tenant_id = 'acme'`,
    );
    expect(shared[0]!.n).toBe(counts.default!.developers);
  });

  it('lists the tenants, marks the current one, and renames', async () => {
    const list = await call(acme, 'tenants:list', {});
    expect(list.current).toBe('acme');
    expect(list.tenants.map((t) => t.tenantId)).toEqual(['default', 'acme']);
    expect((await call(home, 'tenants:rename', { tenantId: 'acme', name: 'Acme Inc.' })).name).toBe('Acme Inc.');
    expect((await callError(home, 'tenants:create', { tenantId: 'acme', name: 'Again' })).code).toBe('CONFLICT');
    expect((await callError(home, 'tenants:rename', { tenantId: 'nobody', name: 'X' })).code).toBe('NOT_FOUND');
    expect((await callError(home, 'tenants:create', { tenantId: 'Bad Id', name: 'X' })).code).toBe('BAD_INPUT');
  });

  it('answers no other tenant’s ids on any channel that reads without input', async () => {
    const foreign = await queryRows<{ id: string }>(
      ownerUrl,
      `select developer_id::text as id from developers where tenant_id = 'default'
       union all select campaign_id::text from campaigns where tenant_id = 'default'
       union all select activity_id::text from activities where tenant_id = 'default'
       union all select job_id::text from import_jobs where tenant_id = 'default'`,
    );
    expect(foreign.length).toBeGreaterThan(0);
    // Reads only: a channel that takes `{}` and writes (a rebuild, a sample load, a backup) is not a read.
    const writes = /rebuild|load-sample|backup:|restore|switch|delete|dismiss/;
    const reads = channelNames.filter((name: ChannelName) => !writes.test(name) && channels[name].input.safeParse({}).success);
    expect(reads.length).toBeGreaterThan(10);
    for (const name of reads) {
      const result = await acme.handlers[name]({} as never);
      const text = JSON.stringify(result);
      for (const { id } of foreign) expect(text.includes(id), `${name} answered default's ${id}`).toBe(false);
    }
  });

  it('refuses another tenant’s developer, campaign and merge as not found', async () => {
    const [dev] = await queryRows<{ id: string }>(
      ownerUrl,
      "select developer_id as id from developers where tenant_id = 'default' limit 1",
    );
    const [campaign] = await queryRows<{ id: string }>(
      ownerUrl,
      "select campaign_id as id from campaigns where tenant_id = 'default' limit 1",
    );
    expect((await callError(acme, 'developers:get', { developerId: dev!.id })).code).toBe('NOT_FOUND');
    expect((await callError(acme, 'campaigns:get', { campaignId: campaign!.id })).code).toBe('NOT_FOUND');
    const [a, b] = await queryRows<{ id: string }>(
      ownerUrl,
      "select developer_id as id from developers where tenant_id = 'default' order by 1 limit 2",
    );
    const merged = await call(home, 'developers:merge', { intoId: a!.id, fromId: b!.id });
    expect((await callError(acme, 'developers:unmerge', { mergeId: merged.mergeId })).code).toBe('NOT_FOUND');
    // Nor can acme merge default's developers.
    expect((await callError(acme, 'developers:merge', { intoId: a!.id, fromId: b!.id })).code).toBe('NOT_FOUND');
    await call(home, 'developers:unmerge', { mergeId: merged.mergeId });
  });

  it('merges and rebuilds stats inside their tenant', async () => {
    const before = await rowsByTenant();
    const [a, b] = await queryRows<{ id: string }>(
      ownerUrl,
      "select developer_id as id from developers where tenant_id = 'acme' order by 1 limit 2",
    );
    await call(acme, 'developers:merge', { intoId: a!.id, fromId: b!.id });
    await call(acme, 'stats:rebuild', {});
    const after = await rowsByTenant();
    expect(after.default).toEqual(before.default);
    expect(after.acme!.developer_merge_logs).toBe((before.acme!.developer_merge_logs ?? 0) + 1);
  });

  it('returns no row to the app role without a tenant setting, and only its tenant’s with one', async () => {
    const client = new pg.Client({ connectionString: ownerUrl, options: '-c role=drm_app' });
    await client.connect();
    try {
      const role = await client.query<{ rolsuper: boolean; rolbypassrls: boolean; owner: boolean }>(
        `select rolsuper, rolbypassrls, pg_has_role(current_user, (select tableowner from pg_tables where tablename = 'activities'), 'USAGE') as owner
           from pg_roles where rolname = current_user`,
      );
      expect(role.rows[0]).toEqual({ rolsuper: false, rolbypassrls: false, owner: false });
      expect((await client.query('select * from activities')).rowCount).toBe(0);
      expect((await client.query('select * from developers')).rowCount).toBe(0);
      await client.query("select set_config('app.tenant_id', 'acme', false)");
      const tenants = await client.query<{ tenant_id: string }>('select distinct tenant_id from activities');
      expect(tenants.rows).toEqual([{ tenant_id: 'acme' }]);
      await expect(client.query("insert into tenants (tenant_id, name) values ('sneaky', 'Sneaky')")).rejects.toThrow(/row-level security/);
    } finally {
      await client.end();
    }
    // The owner (BYPASSRLS) sees both.
    expect((await queryRows(ownerUrl, 'select distinct tenant_id from activities')).length).toBe(2);
  });

  it('finds an API key, a form and a user of another tenant only through the SECURITY DEFINER lookups', async () => {
    await queryRows(
      ownerUrl,
      `insert into api_keys (tenant_id, name, hashed_key, scope) values ('acme', 'CI', 'hash-of-acme-key', 'ingest');
       insert into app.ingest_forms (form_key, tenant_id, name) values ('acme-signup', 'acme', 'Sign-up');
       insert into users (tenant_id, email) values ('acme', 'Ada@Example.com'), ('default', 'ada@example.com')`,
    );
    await home.withDatabase(async (db) => {
      expect(await db.$client.query('select * from api_keys')).toMatchObject({ rowCount: 0 });
      expect(await apiKeyByHash(db, 'hash-of-acme-key')).toMatchObject({ tenantId: 'acme', scope: 'ingest', revokedAt: null });
      expect(await apiKeyByHash(db, 'no-such-hash')).toBeUndefined();
      expect(await ingestFormByKey(db, 'acme-signup')).toMatchObject({ tenantId: 'acme', action: 'signup', enabled: true });
      expect((await usersByEmail(db, 'ADA@example.com')).map((u) => u.tenantId)).toEqual(['acme', 'default']);
    });
  });

  it('refuses a backup of a database shared by tenants, saying why', async () => {
    const error = await callError(home, 'backup:create', {});
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/2 tenants/);
  });

  it('switches the session to another tenant and back', async () => {
    const mine = (await call(home, 'developers:list', {})).total;
    await call(home, 'tenants:switch', { tenantId: 'acme' });
    expect((await call(home, 'tenants:list', {})).current).toBe('acme');
    const acmeTotal = (await call(home, 'developers:list', {})).total;
    expect(acmeTotal).toBe((await call(acme, 'developers:list', {})).total);
    expect((await callError(home, 'tenants:switch', { tenantId: 'nobody' })).code).toBe('NOT_FOUND');
    await call(home, 'tenants:switch', { tenantId: 'default' });
    expect((await call(home, 'developers:list', {})).total).toBe(mine);
  });
});
