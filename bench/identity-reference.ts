/**
 * Identity resolution of an activities import as it was before issue 12:
 * set-based SQL over a `stage_actor` table (one grouped pass over the stage,
 * matches against the indexed tables, new_developer, an upsert per table).
 * Kept as the reference the in-memory resolution
 * (src-main/core/imports/load/identity-memory.ts) is checked against by
 * test/integration/import-identity-reference.test.ts, so that "the rules did
 * not change" stays checkable. Not used by the app.
 *
 * Verbatim but for the ties today's SQL left to hash order, made explicit with
 * the rules identity-memory.ts documents: latest values on equal instants come
 * from the later line (`line desc`, `last_line desc`); equal first_seen of two
 * matching identifiers: the smaller email ("C" order); an email that several
 * new developers claim: the lowest line's.
 */
import type { Db, SqlClient } from '../src-main/core/db/db';
import { tracedClient } from '../src-main/core/db/trace';
import { ACCOUNT_UPDATE } from '../src-main/core/imports/load/account-update';
import { STAGE_ACTIVITY } from '../src-main/core/imports/load/activity-stage';
import {
  claimOrganizationDomains,
  companyDomainSql,
  emailDomainSql,
  freeMailDomains,
  resolveDomainOrganizations,
  STAGE_DOMAIN,
} from '../src-main/core/imports/load/domain-orgs';
import type { IdentityCounts } from '../src-main/core/imports/load/identity-memory';
import { withIndexesDeferredBy } from '../src-main/core/imports/load/index-aware';
import { pausePoint } from '../src-main/core/imports/pause';

/** Rows affected by one statement. */
async function count(client: SqlClient, text: string, values: unknown[]): Promise<number> {
  return (await client.query(text, values)).rowCount ?? 0;
}

/** The reference resolver (an IdentityResolver): leaves stage_actor with each actor's developer, as the in-memory one does. */
export async function referenceResolveIdentities(db: Db, tenant: string): Promise<IdentityCounts> {
  const client = tracedClient(db);
  await stageActors(client);
  let organizations = await matchKnownDevelopers(client, tenant);
  const created = await createDevelopers(client, tenant);
  organizations += created.organizations;
  await pausePoint('resolve');
  const people = await writeAccountsAndIdentifiers(client, tenant);
  return { organizations, developers: created.developers, accounts: people.accounts, identifiers: people.identifiers };
}

async function stageActors(client: SqlClient): Promise<void> {
  // One row per person-or-account the file names, with their latest known attributes.
  await client.query(`
    create temp table stage_actor on commit drop as
    select actor_key,
           min(provider) as provider,
           min(external_user_id) as external_user_id,
           (array_agg(handle order by occurred_at desc, line desc) filter (where handle is not null))[1] as handle,
           (array_agg(email order by occurred_at desc, line desc) filter (where email is not null))[1] as email,
           array_remove(array_agg(distinct email), null) as emails,
           (array_agg(display_name order by occurred_at desc, line desc) filter (where display_name is not null))[1] as display_name,
           (array_agg(organization order by occurred_at desc, line desc) filter (where organization is not null))[1] as organization,
           (array_agg(account_attributes order by occurred_at desc, line desc) filter (where account_attributes is not null))[1] as attributes,
           min(occurred_at) as first_at,
           max(occurred_at) as last_at,
           min(line) as first_line,
           max(line) as last_line,
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
              order by e.actor_key, di.first_seen nulls last, di.value_normalized collate "C") m
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
           (array_agg(display_name order by last_at desc, last_line desc) filter (where display_name is not null))[1] as display_name,
           (array_agg(organization order by last_at desc, last_line desc) filter (where organization is not null))[1] as organization
      from stage_actor where developer_id is null
     group by 1`);
  // What the file says about developers we know: latest values first; it only ever fills gaps.
  await client.query(`
    create temp table known_developer on commit drop as
    select developer_id,
           (array_agg(display_name order by last_at desc, last_line desc) filter (where display_name is not null))[1] as display_name,
           (array_agg(organization order by last_at desc, last_line desc) filter (where organization is not null))[1] as organization,
           (array_agg(email order by last_at desc, last_line desc) filter (where email is not null))[1] as email
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
       from (select developer_id, unnest(emails) as email, first_at, last_at, first_line from stage_actor) e
      group by developer_id, email
      -- Made explicit: of several developers claiming one email, the lowest line's wins.
      order by min(first_line)
     on conflict (tenant_id, kind, value_normalized) do nothing`,
      t,
    ),
  );
  return { accounts: accounts.rows.filter((r) => r.inserted).length, identifiers };
}
