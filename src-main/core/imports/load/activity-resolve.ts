/**
 * From staged activities to the real tables, inside the import's transaction:
 * organizations, accounts, developers (exact email matches only, as DESIGN.md
 * says — nothing fuzzy is merged), identifiers, campaigns, resources,
 * activities (ON CONFLICT (dedup_key) DO NOTHING) and direct attribution.
 * Every step is one set-based statement over the stage.
 */
import type { Db, SqlClient } from '../../db/db';
import { tracedClient } from '../../db/trace';
import type { DerivedChange } from '../../derived/change';
import { STAGE_ACTIVITY } from './activity-stage';
import {
  claimOrganizationDomains,
  companyDomainSql,
  emailDomainSql,
  freeMailDomains,
  resolveDomainOrganizations,
  STAGE_DOMAIN,
} from './domain-orgs';
import { ACCOUNT_UPDATE } from './account-update';
import { withIndexesDeferred, withIndexesDeferredBy } from './index-aware';
import { pausePoint } from '../pause';

export interface ResolveCounts {
  activities: number;
  duplicates: number;
  developers: number;
  accounts: number;
  identifiers: number;
  organizations: number;
  resources: number;
  campaigns: number;
}

/** Rows affected by one statement. */
async function count(client: SqlClient, text: string, values: unknown[]): Promise<number> {
  return (await client.query(text, values)).rowCount ?? 0;
}

export async function resolveActivities(db: Db, tenant: string): Promise<ResolveCounts> {
  const client = tracedClient(db);
  const staged = Number((await client.query<{ n: string }>(`select count(*) as n from ${STAGE_ACTIVITY}`)).rows[0]!.n);
  await stageActors(client);
  let organizations = await matchKnownDevelopers(client, tenant);
  const created = await createDevelopers(client, tenant);
  organizations += created.organizations;
  await pausePoint('resolve');
  const people = await writeAccountsAndIdentifiers(client, tenant);
  const { campaigns, resources } = await resolveCampaignsAndResources(client, tenant);
  const { activities, bulk } = await insertActivities(db, client, tenant, staged);
  await attributeDirectly(db, client, tenant, bulk);
  return {
    activities,
    duplicates: staged - activities,
    developers: created.developers,
    accounts: people.accounts,
    identifiers: people.identifiers,
    organizations,
    resources,
    campaigns,
  };
}

async function stageActors(client: SqlClient): Promise<void> {
  // One row per person-or-account the file names, with their latest known attributes.
  await client.query(`
    create temp table stage_actor on commit drop as
    select actor_key,
           min(provider) as provider,
           min(external_user_id) as external_user_id,
           (array_agg(handle order by occurred_at desc) filter (where handle is not null))[1] as handle,
           (array_agg(email order by occurred_at desc) filter (where email is not null))[1] as email,
           array_remove(array_agg(distinct email), null) as emails,
           (array_agg(display_name order by occurred_at desc) filter (where display_name is not null))[1] as display_name,
           (array_agg(organization order by occurred_at desc) filter (where organization is not null))[1] as organization,
           (array_agg(account_attributes order by occurred_at desc) filter (where account_attributes is not null))[1] as attributes,
           min(occurred_at) as first_at,
           max(occurred_at) as last_at,
           null::uuid as developer_id
      from ${STAGE_ACTIVITY}
     where (provider is not null and external_user_id is not null) or email is not null  -- anonymous rows name nobody
     group by actor_key`);
  await client.query('create index on stage_actor (actor_key)');
}

/**
 * Organizations the file names; then the developer of every actor already
 * known, by account or exact email. Returns the organizations created.
 */
async function matchKnownDevelopers(client: SqlClient, tenant: string): Promise<number> {
  const t = [tenant];
  const organizations = await count(
    client,
    `insert into organizations (tenant_id, name)
     select distinct $1, organization from stage_actor where organization is not null
     on conflict (tenant_id, name) do nothing`,
    t,
  );
  await claimOrganizationDomains(client, tenant, 'select organization, email from stage_actor');

  // An account we already know brings its developer.
  await client.query(
    `update stage_actor sa set developer_id = a.developer_id
       from accounts a
      where a.tenant_id = $1 and a.provider = sa.provider and a.external_user_id = sa.external_user_id and a.developer_id is not null`,
    t,
  );

  // Exact email match to a known developer (identifier first, then primary email).
  await client.query(
    `update stage_actor sa set developer_id = m.developer_id
       from (select distinct on (e.actor_key) e.actor_key, di.developer_id
               -- One row per (actor, email), so the identifier join is a plain equality (hash join).
               from (select actor_key, unnest(emails) as email from stage_actor where developer_id is null) e
               join developer_identifiers di on di.tenant_id = $1 and di.kind = 'email' and di.value_normalized = e.email
              order by e.actor_key, di.first_seen nulls last) m
      where sa.actor_key = m.actor_key`,
    t,
  );
  await client.query(
    `update stage_actor sa set developer_id = d.developer_id
       from developers d
      where sa.developer_id is null and sa.email is not null and d.tenant_id = $1 and d.primary_email = sa.email`,
    t,
  );

  return organizations;
}

/** Everyone still unknown becomes a developer (with an organization from a company email domain). */
async function createDevelopers(client: SqlClient, tenant: string): Promise<{ developers: number; organizations: number }> {
  const t = [tenant];
  // Everyone still unknown becomes a developer; actors sharing an email become the same one.
  await client.query(`
    create temp table new_developer on commit drop as
    select coalesce('email:' || email, 'actor:' || actor_key) as grp,
           uuid_generate_v4() as developer_id,
           max(email) as email,
           (array_agg(display_name order by last_at desc) filter (where display_name is not null))[1] as display_name,
           (array_agg(organization order by last_at desc) filter (where organization is not null))[1] as organization
      from stage_actor where developer_id is null
     group by 1`);
  // What the file says about developers we know: latest values first; it only ever fills gaps.
  await client.query(`
    create temp table known_developer on commit drop as
    select developer_id,
           (array_agg(display_name order by last_at desc) filter (where display_name is not null))[1] as display_name,
           (array_agg(organization order by last_at desc) filter (where organization is not null))[1] as organization,
           (array_agg(email order by last_at desc) filter (where email is not null))[1] as email
      from stage_actor where developer_id is not null
     group by developer_id`);
  // A company email domain gives an organization to whoever the file names without one and has none yet.
  const organizations = await resolveDomainOrganizations(
    client,
    tenant,
    `select distinct ${emailDomainSql('x.email')} as domain from (
       select email from new_developer where organization is null and email is not null
       union all
       select k.email from known_developer k join developers d on d.developer_id = k.developer_id
        where k.organization is null and k.email is not null and d.org_id is null) x
      where ${companyDomainSql(emailDomainSql('x.email'), '$1')}`,
    [freeMailDomains()],
  );
  // Foreign-key checks and the secondary index row by row cost more than a rebuild when the file brings most of the table.
  const developers = await withIndexesDeferredBy(client, 'developers', 'select count(*) as n from new_developer', () =>
    count(
      client,
      `insert into developers (developer_id, tenant_id, display_name, primary_email, org_id)
     select nd.developer_id, $1, nd.display_name, nd.email, coalesce(o.org_id, sd.org_id)
       from new_developer nd
       left join organizations o on o.tenant_id = $1 and o.name = nd.organization
       left join ${STAGE_DOMAIN} sd on nd.organization is null and sd.domain = ${emailDomainSql('nd.email')}`,
      t,
    ),
  );
  await client.query(`
    update stage_actor sa set developer_id = nd.developer_id
      from new_developer nd
     where sa.developer_id is null and nd.grp = coalesce('email:' || sa.email, 'actor:' || sa.actor_key)`);
  return { developers, organizations };
}

/** Accounts, what the file says about known developers, and email identifiers. */
async function writeAccountsAndIdentifiers(client: SqlClient, tenant: string): Promise<{ accounts: number; identifiers: number }> {
  const t = [tenant];
  // Accounts, keyed by (tenant, provider, external_user_id), written once with their developer.
  const accounts = await withIndexesDeferredBy(client, 'accounts', 'select count(*) as n from stage_actor where provider is not null', () =>
    client.query<{ inserted: boolean }>(
      `insert into accounts (tenant_id, developer_id, provider, external_user_id, handle, email, attributes, first_seen, last_seen, confidence, dedup_key)
     select $1, developer_id, provider, external_user_id, handle, email, attributes, first_at, last_at,
            case when email is not null then 1.0 else 0.8 end,
            encode(sha256(convert_to($1 || '|' || provider || '|' || external_user_id, 'UTF8')), 'hex')
       from stage_actor where provider is not null
     on conflict (tenant_id, provider, external_user_id) do update set ${ACCOUNT_UPDATE.map(([c, v]) => `${c} = ${v}`).join(', ')}, updated_at = now()
     -- Only accounts the file says something new about are rewritten: a row version and its index entries each.
      where (${ACCOUNT_UPDATE.map(([, v]) => v).join(', ')}) is distinct from (${ACCOUNT_UPDATE.map(([c]) => `accounts.${c}`).join(', ')})
     returning (xmax = 0) as inserted`,
      t,
    ),
  );
  // What a file says about a known developer fills gaps; it never overwrites the user's edits.
  await client.query(
    `update developers d set display_name = coalesce(d.display_name, x.display_name),
            org_id = coalesce(d.org_id, x.org_id), updated_at = now()
       from (select k.developer_id, k.display_name, coalesce(o.org_id, sd.org_id) as org_id
               from known_developer k
               left join organizations o on o.tenant_id = $1 and o.name = k.organization
               left join ${STAGE_DOMAIN} sd on k.organization is null and sd.domain = ${emailDomainSql('k.email')}) x
      where d.developer_id = x.developer_id and ((d.display_name is null and x.display_name is not null) or (d.org_id is null and x.org_id is not null))`,
    t,
  );
  // Every email seen becomes an identifier of its developer, unless another developer holds it.
  const emails = 'select coalesce(sum(cardinality(emails)), 0) as n from stage_actor';
  const identifiers = await withIndexesDeferredBy(client, 'developer_identifiers', emails, () =>
    count(
      client,
      `insert into developer_identifiers (tenant_id, developer_id, kind, value_normalized, first_seen, last_seen)
     select $1, developer_id, 'email', email, min(first_at), max(last_at)
       from (select developer_id, unnest(emails) as email, first_at, last_at from stage_actor) e
      group by developer_id, email
     on conflict (tenant_id, kind, value_normalized) do nothing`,
      t,
    ),
  );
  return { accounts: accounts.rows.filter((r) => r.inserted).length, identifiers };
}

/** Campaigns the rows name, resources, and which campaign each utm_campaign value means. */
async function resolveCampaignsAndResources(client: SqlClient, tenant: string): Promise<{ campaigns: number; resources: number }> {
  const t = [tenant];
  // Campaigns the rows name directly (created when new), then by utm_campaign.
  const campaigns = await count(
    client,
    `insert into campaigns (tenant_id, name)
     select distinct $1, campaign from ${STAGE_ACTIVITY} where campaign is not null
     on conflict (tenant_id, name) do nothing`,
    t,
  );
  // Resources: one per (category, best identifier); new ones take the campaign their rows name.
  await client.query(
    `create temp table stage_resource on commit drop as
     select s.res_key, min(s.res_category) as category, min(s.res_title) as title, min(s.res_url) as url,
            min(s.res_external_id) as external_id, min(s.res_group) as group_key,
            (array_agg(c.campaign_id) filter (where c.campaign_id is not null))[1] as campaign_id,
            null::uuid as resource_id
       from ${STAGE_ACTIVITY} s left join campaigns c on c.tenant_id = $1 and c.name = s.campaign
      where s.res_key is not null group by s.res_key`,
    t,
  );
  await client.query(
    `update stage_resource sr set resource_id = r.resource_id
       from resources r
      where r.tenant_id = $1 and r.category = sr.category
        and r.category || ':' || coalesce(r.external_id, r.url, r.title, '') = sr.res_key`,
    t,
  );
  await client.query('update stage_resource set resource_id = uuid_generate_v4() where resource_id is null');
  const resources = await count(
    client,
    `insert into resources (resource_id, tenant_id, category, group_key, title, url, external_id, campaign_id)
     select resource_id, $1, category, group_key, title, url, external_id, campaign_id from stage_resource sr
      where not exists (select 1 from resources r where r.resource_id = sr.resource_id)`,
    t,
  );
  // A known resource without a campaign takes the one this import names for it.
  await client.query(
    `update resources r set campaign_id = sr.campaign_id, updated_at = now()
       from stage_resource sr where r.resource_id = sr.resource_id and r.campaign_id is null and sr.campaign_id is not null`,
  );
  // utm_campaign values that name a campaign (its utm attribute first, else its name), case-insensitively.
  await client.query(
    `create temp table utm_campaign on commit drop as
     select distinct on (utm) utm, campaign_id from (
       select lower(attributes ->> 'utm_campaign') as utm, campaign_id, 0 as rank from campaigns where tenant_id = $1 and attributes ? 'utm_campaign'
       union all
       select lower(name), campaign_id, 1 from campaigns where tenant_id = $1) u
      order by utm, rank`,
    t,
  );
  return { campaigns, resources };
}

/** Every row not imported before goes into activities; `inserted_activity` names them for what follows. */
async function insertActivities(db: Db, client: SqlClient, tenant: string, staged: number): Promise<{ activities: number; bulk: boolean }> {
  const t = [tenant];
  // Every final column in one pass into a temp table (no WAL, no row rewrites): ids, the
  // resource's category and group, and direct attribution — the row's campaign, else its
  // resource's, else its utm_campaign's. One row per dedup key: a file may repeat a row.
  await client.query(
    `create temp table resolved_activity on commit drop as
     select distinct on (s.dedup_key)
            s.activity_id, s.dedup_key, sa.developer_id, a.account_id, s.anon_id, sr.resource_id, s.action, s.occurred_at,
            s.source, s.source_ref, sr.category, sr.group_key, s.metadata,
            coalesce(cn.campaign_id, r.campaign_id, u.campaign_id) as campaign_id
       from ${STAGE_ACTIVITY} s
       left join stage_actor sa on sa.actor_key = s.actor_key
       left join accounts a on a.tenant_id = $1 and a.provider = sa.provider and a.external_user_id = sa.external_user_id
       left join stage_resource sr on sr.res_key = s.res_key
       left join resources r on r.resource_id = sr.resource_id
       left join campaigns cn on cn.tenant_id = $1 and cn.name = s.campaign
       left join utm_campaign u on u.utm = lower(s.utm_campaign)
      order by s.dedup_key, s.activity_id`,
    t,
  );
  // Rows already imported (same dedup key) are not inserted again.
  await client.query('delete from resolved_activity r where exists (select 1 from activities a where a.dedup_key = r.dedup_key)');

  const insertActivities = `insert into activities (activity_id, tenant_id, developer_id, account_id, anon_id, resource_id, action, occurred_at,
                                     source, source_ref, category, group_key, metadata, dedup_key)
     select activity_id, $1, developer_id, account_id, anon_id, resource_id, action, occurred_at,
            source, source_ref, category, group_key, metadata, dedup_key
       from resolved_activity order by activity_id`;
  let bulk = false;
  const activities = await withIndexesDeferred(
    db.$client,
    'activities',
    staged,
    async (deferred) => {
      bulk = deferred;
      if (deferred) {
        // The table is locked by the dropped indexes and duplicates are gone: every row goes in.
        const inserted = await count(client, insertActivities, t);
        // Every resolved row went in: name them as the inserted ones without copying a million rows.
        await client.query(
          'create temp view inserted_activity as select activity_id, developer_id, action, occurred_at, campaign_id, source, anon_id from resolved_activity',
        );
        return inserted;
      }
      // Through the indexes, ON CONFLICT also covers a writer racing us on a shared server.
      await client.query(
        'create temp table inserted_activity (activity_id uuid primary key, developer_id uuid, action text, occurred_at timestamptz, campaign_id uuid, source text, anon_id text) on commit drop',
      );
      return count(
        client,
        `with ins as (${insertActivities} on conflict (dedup_key) do nothing returning activity_id, developer_id, action, occurred_at, source, anon_id)
         insert into inserted_activity select ins.activity_id, ins.developer_id, ins.action, ins.occurred_at, r.campaign_id, ins.source, ins.anon_id
           from ins join resolved_activity r using (activity_id)`,
        t,
      );
    },
    { unique: true },
  );
  return { activities, bulk };
}

/** Direct attribution of the new activities: activity_campaigns. */
async function attributeDirectly(db: Db, client: SqlClient, tenant: string, bulk: boolean): Promise<void> {
  const t = [tenant];
  // Time-ordered ids keep the primary key appending, where the server has uuidv7() (PostgreSQL 18+).
  // Every row here belongs to a brand-new activity, so no ON CONFLICT is needed and even the
  // keys can be rebuilt after a large load.
  const v7 = await client.query<{ ok: boolean }>("select current_setting('server_version_num')::int >= 180000 as ok");
  const attributed = Number(
    (await client.query<{ n: string }>('select count(*) as n from inserted_activity where campaign_id is not null')).rows[0]!.n,
  );
  await withIndexesDeferred(
    db.$client,
    'activity_campaigns',
    attributed,
    () =>
      client.query(
        `insert into activity_campaigns (activity_campaign_id, tenant_id, activity_id, campaign_id, weight)
         select ${v7.rows[0]?.ok ? 'uuidv7()' : 'uuid_generate_v4()'}, $1, activity_id, campaign_id, 1.0
           from inserted_activity where campaign_id is not null order by activity_id`,
        t,
      ),
    // Nothing references these rows' keys, and every row is new: rebuild them all after a large load,
    // also when only some of its rows name a campaign (a file that took the bulk path for activities).
    { unique: true, primaryKey: true, ...(bulk ? { minRows: 1 } : {}) },
  );
}

/**
 * What an activity import changed, for refreshDerived (call after
 * resolveActivities, in the same transaction): every developer the file
 * names — new ones, ones whose accounts, name or organization it filled, and
 * those of the new activities — and the instants of the new activities.
 */
export async function activityImportChange(db: Db): Promise<DerivedChange> {
  const { rows } = await db.$client.query<{ developers: string[]; from: Date | null; to: Date | null }>(
    `select array(select distinct developer_id from stage_actor where developer_id is not null) as developers,
            min(occurred_at) as from, max(occurred_at) + interval '1 millisecond' as to
       from inserted_activity`,
  );
  const r = rows[0]!;
  return {
    developers: r.developers,
    span: r.from && r.to ? { from: r.from, to: r.to } : null,
    inserted: 'inserted_activity',
  };
}
