/**
 * The app's own developers, campaigns and budgets formats, staged as one
 * jsonb record per row and resolved set-based like activities. Re-importing
 * the same file inserts nothing new: developers and campaigns are matched and
 * updated, budgets carry a content key in `meta`.
 */
import type { Db, SqlClient } from '../../db/db';
import type { DerivedChange } from '../../derived/change';
import { copyLine } from './copy';
import {
  claimOrganizationDomains,
  companyDomainSql,
  emailDomainSql,
  freeMailDomains,
  resolveDomainOrganizations,
  STAGE_DOMAIN,
} from './domain-orgs';
import type { BudgetRecord, CampaignRecord, ClickRecord, DeveloperRecord } from '../types';

export const STAGE_RECORD = 'stage_record';
export const STAGE_RECORD_COLUMNS = ['line', 'rec'] as const;
export const CREATE_STAGE_RECORD = `create temp table ${STAGE_RECORD} (line int not null, rec jsonb not null) on commit drop`;

export const stageRecordLine = (record: DeveloperRecord | CampaignRecord | BudgetRecord | ClickRecord) =>
  copyLine([record.line, JSON.stringify(record)]);

export interface EntityCounts {
  developers: number;
  accounts: number;
  identifiers: number;
  organizations: number;
  campaigns: number;
  budgets: number;
  duplicates: number;
  /** Activities added (formats whose resolver writes activities: click logs). */
  activities?: number;
  /** Rows the resolver left out (a click log's unknown keys), added to the job's skipped rows. */
  skipped?: number;
  /** What to refresh: developers created or changed, and the span of activities whose developer's consent changed. */
  change: Pick<DerivedChange, 'developers' | 'span'>;
}

/** Counts of a resolver that wrote nothing (yet). */
export const none = (): EntityCounts => ({
  developers: 0,
  accounts: 0,
  identifiers: 0,
  organizations: 0,
  campaigns: 0,
  budgets: 0,
  duplicates: 0,
  change: { developers: [], span: null },
});

async function rowCount(client: SqlClient, text: string, values: unknown[]): Promise<number> {
  return (await client.query(text, values)).rowCount ?? 0;
}

/** Handle columns are account handles; these providers' handles are case-insensitive. */
const HANDLE_ID = `case when h->>'provider' in ('github', 'x', 'connpass') then lower(h->>'handle') else h->>'handle' end`;

export async function resolveDevelopers(db: Db, tenant: string): Promise<EntityCounts> {
  const client = db.$client;
  const counts = none();
  await stagePeople(client);
  await matchPeople(client, tenant, counts);
  const span = await writePeople(client, tenant, counts);
  await writeAccountsAndIdentifiers(client, tenant, counts);
  // Every developer the list names: created, updated, or given accounts and identifiers.
  const listed = await client.query<{ ids: string[] }>('select array(select distinct developer_id from person) as ids');
  counts.change = { developers: listed.rows[0]!.ids, span };
  return counts;
}

/** One person per email, first handle or line, with their handles. */
async function stagePeople(client: SqlClient): Promise<void> {
  // One person per email (or first handle, or line); later lines win for single values.
  await client.query(`
    create temp table stage_person on commit drop as
    select coalesce('email:' || (rec->>'email'), 'handle:' || (rec->'handles'->0->>'provider') || ':' || (rec->'handles'->0->>'handle'), 'line:' || line) as person,
           line, rec
      from ${STAGE_RECORD}`);
  await client.query(`
    create temp table person on commit drop as
    select person,
           (array_agg(rec->>'displayName' order by line desc) filter (where rec ? 'displayName'))[1] as display_name,
           max(rec->>'email') as email,
           (array_agg(rec->>'organization' order by line desc) filter (where rec ? 'organization'))[1] as organization,
           (array_agg((rec->>'consentAnalytics')::boolean order by line desc) filter (where rec ? 'consentAnalytics'))[1] as consent,
           coalesce(t.tags, '{}') as tags,
           null::uuid as developer_id, false as created
      from stage_person p
      -- Tags of all of a person's rows, in one grouped pass (not a subquery per person).
      left join (select person, array_agg(distinct tag order by tag) as tags
                   from stage_person, jsonb_array_elements_text(rec->'tags') tag group by person) t using (person)
     group by person, t.tags`);
  // With the last line naming each handle for a person: an account two people of the list name goes to the later one.
  await client.query(`
    create temp table person_handle on commit drop as
    select p.person, h->>'provider' as provider, h->>'handle' as handle, ${HANDLE_ID} as external_user_id, max(p.line) as line
      from stage_person p, jsonb_array_elements(p.rec->'handles') h
     group by 1, 2, 3, 4`);
}

/** Organizations the list names; then each person's developer: an exact match, else a new id. */
async function matchPeople(client: SqlClient, tenant: string, counts: EntityCounts): Promise<void> {
  const t = [tenant];
  counts.organizations = await rowCount(
    client,
    `insert into organizations (tenant_id, name) select distinct $1, organization from person where organization is not null
     on conflict (tenant_id, name) do nothing`,
    t,
  );
  await claimOrganizationDomains(client, tenant, 'select organization, email from person');
  // Exact matches only: email identifier, primary email, then an account of one of the handles.
  await client.query(
    `update person p set developer_id = di.developer_id from developer_identifiers di
      where di.tenant_id = $1 and di.kind = 'email' and di.value_normalized = p.email`,
    t,
  );
  await client.query(
    `update person p set developer_id = d.developer_id from developers d
      where p.developer_id is null and d.tenant_id = $1 and d.primary_email = p.email`,
    t,
  );
  await client.query(
    `update person p set developer_id = m.developer_id
       from (select distinct on (ph.person) ph.person, a.developer_id from person_handle ph
               join accounts a on a.tenant_id = $1 and a.provider = ph.provider and a.external_user_id = ph.external_user_id
              where a.developer_id is not null order by ph.person, a.created_at, a.account_id) m
      where p.developer_id is null and p.person = m.person`,
    t,
  );
  await client.query('update person set developer_id = gen_random_uuid(), created = true where developer_id is null');
}

/**
 * New developers are inserted, known ones updated. Returns the span of
 * activities whose developer's consent this list changes.
 */
async function writePeople(client: SqlClient, tenant: string, counts: EntityCounts): Promise<DerivedChange['span']> {
  const t = [tenant];
  // A company email domain gives an organization to a person listed without one who has none yet.
  counts.organizations += await resolveDomainOrganizations(
    client,
    tenant,
    `select distinct ${emailDomainSql('p.email')} as domain
       from person p left join developers d on not p.created and d.developer_id = p.developer_id
      where p.organization is null and p.email is not null and (p.created or d.org_id is null)
        and ${companyDomainSql(emailDomainSql('p.email'), '$1')}`,
    [freeMailDomains()],
  );
  const personOrg = `left join organizations o on o.tenant_id = $1 and o.name = p.organization
       left join ${STAGE_DOMAIN} sd on p.organization is null and sd.domain = ${emailDomainSql('p.email')}`;
  counts.developers = await rowCount(
    client,
    `insert into developers (developer_id, tenant_id, display_name, primary_email, org_id, consent_analytics, tags)
     select p.developer_id, $1, p.display_name, p.email, coalesce(o.org_id, sd.org_id), coalesce(p.consent, true), nullif(p.tags, '{}')
       from person p ${personOrg}
      where p.created`,
    t,
  );
  // Developers whose consent this list changes: their activities leave or join the analytics.
  const consent = await client.query<{ from: Date | null; to: Date | null }>(
    `select min(a.occurred_at) as from, max(a.occurred_at) + interval '1 millisecond' as to
       from person p join developers d on d.developer_id = p.developer_id
       join activities a on a.tenant_id = $1 and a.developer_id = d.developer_id
      where not p.created and p.consent is not null and p.consent <> d.consent_analytics`,
    t,
  );
  // A curated list speaks for the developer: given values replace, tags are unioned; a domain only fills a gap.
  await client.query(
    `update developers d set
       display_name = coalesce(p.display_name, d.display_name),
       org_id = coalesce(o.org_id, d.org_id, sd.org_id),
       consent_analytics = coalesce(p.consent, d.consent_analytics),
       tags = nullif(array(select distinct x from unnest(coalesce(d.tags, '{}') || p.tags) x order by x), '{}'),
       updated_at = now()
      from person p ${personOrg}
     where not p.created and d.developer_id = p.developer_id
       and (d.display_name is distinct from coalesce(p.display_name, d.display_name)
            or d.org_id is distinct from coalesce(o.org_id, d.org_id, sd.org_id)
            or d.consent_analytics is distinct from coalesce(p.consent, d.consent_analytics)
            or not (coalesce(d.tags, '{}') @> p.tags))`,
    t,
  );
  const span = consent.rows[0]!;
  return span.from && span.to ? { from: span.from, to: span.to } : null;
}

/** Accounts of the listed handles, and email identifiers. */
async function writeAccountsAndIdentifiers(client: SqlClient, tenant: string, counts: EntityCounts): Promise<void> {
  const t = [tenant];
  counts.accounts = await rowCount(
    client,
    `insert into accounts (tenant_id, developer_id, provider, external_user_id, handle, dedup_key, confidence)
     select distinct on (ph.provider, ph.external_user_id) $1, p.developer_id, ph.provider, ph.external_user_id, ph.handle,
            encode(sha256(convert_to($1 || '|' || ph.provider || '|' || ph.external_user_id, 'UTF8')), 'hex'), 1.0
       from person_handle ph join person p using (person)
      order by ph.provider, ph.external_user_id, ph.line desc
     on conflict (tenant_id, provider, external_user_id) do nothing`,
    t,
  );
  // An existing account without a developer joins the one this list names (the later line's, when two do).
  await client.query(
    `update accounts a set developer_id = m.developer_id, updated_at = now()
       from (select distinct on (ph.provider, ph.external_user_id) ph.provider, ph.external_user_id, p.developer_id
               from person_handle ph join person p using (person)
              order by ph.provider, ph.external_user_id, ph.line desc) m
      where a.tenant_id = $1 and a.provider = m.provider and a.external_user_id = m.external_user_id and a.developer_id is null`,
    t,
  );
  counts.identifiers = await rowCount(
    client,
    `insert into developer_identifiers (tenant_id, developer_id, kind, value_normalized, first_seen, last_seen)
     select distinct on (email) $1, developer_id, 'email', email, now(), now() from person where email is not null
     on conflict (tenant_id, kind, value_normalized) do nothing`,
    t,
  );
}

export async function resolveCampaigns(db: Db, tenant: string): Promise<EntityCounts> {
  const client = db.$client;
  const counts = none();
  const result = await client.query<{ inserted: boolean }>(
    `insert into campaigns (tenant_id, name, channel, start_date, end_date, budget_total, attributes)
     select distinct on (rec->>'name') $1, rec->>'name', rec->>'channel', (rec->>'startDate')::date, (rec->>'endDate')::date,
            (rec->>'budgetTotal')::numeric,
            case when rec ? 'utmCampaign' then jsonb_build_object('utm_campaign', rec->>'utmCampaign') end
       from ${STAGE_RECORD} order by rec->>'name', line desc
     on conflict (tenant_id, name) do update set
       channel = coalesce(excluded.channel, campaigns.channel),
       start_date = coalesce(excluded.start_date, campaigns.start_date),
       end_date = coalesce(excluded.end_date, campaigns.end_date),
       budget_total = coalesce(excluded.budget_total, campaigns.budget_total),
       attributes = case when excluded.attributes is null then campaigns.attributes
                         else coalesce(campaigns.attributes, '{}'::jsonb) || excluded.attributes end,
       updated_at = now()
     returning (xmax = 0) as inserted`,
    [tenant],
  );
  counts.campaigns = result.rows.filter((r) => r.inserted).length;
  return counts;
}

export async function resolveBudgets(db: Db, tenant: string): Promise<EntityCounts> {
  const client = db.$client;
  const t = [tenant];
  const counts = none();
  counts.campaigns = await rowCount(
    client,
    `insert into campaigns (tenant_id, name) select distinct $1, rec->>'campaign' from ${STAGE_RECORD}
     on conflict (tenant_id, name) do nothing`,
    t,
  );
  // Budget lines have no natural key; their content is one, so a re-import adds nothing.
  await client.query(
    `
    create temp table stage_budget on commit drop as
    select distinct on (key) * from (
      select line, rec, encode(sha256(convert_to(concat_ws('|', $1::text, rec->>'campaign', rec->>'category', (rec->>'amount')::numeric::text,
                    rec->>'currency', rec->>'spentAt', rec->>'memo', rec->>'source'), 'UTF8')), 'hex') as key
        from ${STAGE_RECORD}) s order by key, line`,
    t,
  );
  const staged = Number((await client.query<{ n: string }>(`select count(*) as n from ${STAGE_RECORD}`)).rows[0]!.n);
  const inserted = await client.query(
    `insert into budgets (tenant_id, campaign_id, category, amount, currency, spent_at, source, memo, meta)
     select $1, c.campaign_id, s.rec->>'category', (s.rec->>'amount')::numeric, s.rec->>'currency', (s.rec->>'spentAt')::date,
            coalesce(s.rec->>'source', 'csv'), s.rec->>'memo', jsonb_build_object('dedup_key', s.key, 'line', s.line)
       from stage_budget s join campaigns c on c.tenant_id = $1 and c.name = s.rec->>'campaign'
      where not exists (select 1 from budgets b where b.tenant_id = $1 and b.meta->>'dedup_key' = s.key)`,
    t,
  );
  counts.budgets = inserted.rowCount ?? 0;
  counts.duplicates = staged - counts.budgets;
  return counts;
}
