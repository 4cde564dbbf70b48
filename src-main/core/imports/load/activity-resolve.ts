/**
 * From staged activities to the real tables, inside the import's transaction:
 * organizations, accounts, developers (exact email matches only, as DESIGN.md
 * says — nothing fuzzy is merged) and identifiers, resolved in memory
 * (identity-memory.ts); then campaigns, resources, activities (ON CONFLICT
 * (dedup_key) DO NOTHING) and direct attribution, each one set-based
 * statement over the stage.
 */
import { UTM_CAMPAIGN_SQL } from '../../campaigns/utm-campaign';
import type { Db, SqlClient } from '../../db/db';
import { rowEstimate } from '../../db/row-estimate';
import { tracedClient } from '../../db/trace';
import type { DerivedChange } from '../../derived/change';
import { withHashJoins } from '../../derived/hash-joins';
import { STAGE_ACTIVITY } from './activity-stage';
import type { Actors } from './actors';
import { linkClickIds, type ClickLinks } from './click-links';
import { collectGarbage } from './collect-garbage';
import { resolveIdentitiesInMemory, type IdentityCounts } from './identity-memory';
import { withIndexesDeferred } from './index-aware';

/**
 * Resolves the staged file's actors and leaves the temp table `stage_actor`
 * (actor_key, provider, external_user_id, developer_id) for the steps after it.
 */
export type IdentityResolver = (db: Db, tenant: string, actors?: Actors) => Promise<IdentityCounts>;

let identityResolver: IdentityResolver = resolveIdentitiesInMemory;

/**
 * Not for the app: the differential test (test/integration/import-identity-reference.test.ts)
 * and `bench:import --identities reference` run this process's imports with the
 * reference resolver (bench/identity-reference.ts); without one, the app's own again.
 */
export function useIdentityResolver(resolver?: IdentityResolver): void {
  identityResolver = resolver ?? resolveIdentitiesInMemory;
}

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

/**
 * `actors`: the file's actors when they were gathered while it was staged (actors.ts); emptied once resolved.
 * `links`: what the file's click ids linked (click-links.ts); its earlier activities moved are
 * not in the import's change: the caller refreshes them after it.
 */
export async function resolveActivities(db: Db, tenant: string, actors?: Actors): Promise<{ counts: ResolveCounts; links: ClickLinks }> {
  const client = tracedClient(db);
  const staged = Number((await client.query<{ n: string }>(`select count(*) as n from ${STAGE_ACTIVITY}`)).rows[0]!.n);
  const people = await identityResolver(db, tenant, actors);
  // Resolved: what follows reads stage_actor. Let go of them now rather than when the import ends: at 1M rows they
  // were ~90 MB of the heap through the derived refresh, and V8 lets a heap grow to a few times what it keeps alive.
  actors?.clear();
  // And collect them (with resolution's other structures) before the statements below, not on top of the refresh's.
  void collectGarbage();
  // After either resolver (the reference one too): the same rule for both.
  const links = await linkClickIds(client, tenant);
  const { campaigns, resources } = await resolveCampaignsAndResources(client, tenant);
  const { activities, bulk } = await insertActivities(db, client, tenant, staged, people.accounts);
  await attributeDirectly(db, client, tenant, bulk);
  const counts = {
    activities,
    duplicates: staged - activities,
    developers: people.developers,
    accounts: people.accounts,
    identifiers: people.identifiers + links.identifiers,
    organizations: people.organizations,
    resources,
    campaigns,
  };
  return { counts, links };
}

/** Campaigns the rows name, resources, and which campaign each utm_campaign value means. Exported for its test. */
export async function resolveCampaignsAndResources(client: SqlClient, tenant: string): Promise<{ campaigns: number; resources: number }> {
  const t = [tenant];
  // Campaigns the rows name directly (created when new), then by utm_campaign.
  const campaigns = await count(
    client,
    `insert into campaigns (tenant_id, name)
     select distinct $1, campaign from ${STAGE_ACTIVITY} where campaign is not null
     on conflict (tenant_id, name) do nothing`,
    t,
  );
  // Resources: one per (category, best identifier); a new one takes the campaign named by the first line that names
  // one for it. In line order, not the stage's: the two parse workers' batches interleave there as they finish, and
  // taking whichever row came first gave the same file's resources other campaigns on each import (at 200k identity
  // rows, every campaign's ROI moved by up to a half between two fresh imports).
  // The first line is found per (resource, campaign) pair, few, rather than by an aggregate ordered by line over
  // every row, which sorted each resource's rows (at 200k identity rows 0.42 s instead of 0.15 s).
  await client.query(
    `create temp table stage_resource on commit drop as
     with first_named as (
       select distinct on (n.res_key) n.res_key, c.campaign_id
         from (select res_key, campaign, min(line) as line from ${STAGE_ACTIVITY}
                where res_key is not null and campaign is not null group by res_key, campaign) n
         join campaigns c on c.tenant_id = $1 and c.name = n.campaign
        order by n.res_key, n.line)
     select s.res_key, min(s.res_category) as category, min(s.res_title) as title, min(s.res_url) as url,
            min(s.res_external_id) as external_id, min(s.res_group) as group_key,
            f.campaign_id, null::uuid as resource_id
       from ${STAGE_ACTIVITY} s left join first_named f on f.res_key = s.res_key
      where s.res_key is not null group by s.res_key, f.campaign_id`,
    t,
  );
  await client.query(
    `update stage_resource sr set resource_id = r.resource_id
       from resources r
      where r.tenant_id = $1 and r.category = sr.category
        and r.category || ':' || coalesce(r.external_id, r.url, r.title, '') = sr.res_key`,
    t,
  );
  await client.query('update stage_resource set resource_id = gen_random_uuid() where resource_id is null');
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
  await client.query(`create temp table utm_campaign on commit drop as ${UTM_CAMPAIGN_SQL}`, t);
  return { campaigns, resources };
}

/** Every row not imported before goes into activities; `inserted_activity` names them for what follows. */
async function insertActivities(
  db: Db,
  client: SqlClient,
  tenant: string,
  staged: number,
  newAccounts: number,
): Promise<{ activities: number; bulk: boolean }> {
  const t = [tenant];
  // One row per dedup key: a file may repeat a row, and its first line is kept (a record of the same thing, so
  // the first says it). The repeats are few: found by hashing the keys rather than by sorting every staged row
  // by key (DISTINCT ON: at 1M rows 1.5 s, and the insert below sorted them all again by id).
  await client.query(
    `create temp table stage_repeat on commit drop as
     select activity_id from (
       select s.activity_id, row_number() over (partition by s.dedup_key order by s.line) as n
         from ${STAGE_ACTIVITY} s
        where s.dedup_key in (select dedup_key from ${STAGE_ACTIVITY} group by dedup_key having count(*) > 1)) r
      where n > 1`,
  );
  // Each actor's account, once per actor rather than per row. A nested loop of index probes into accounts suits
  // a few actors against many accounts; for many (a first import: 126k actors, 0.57 s) hashing the accounts is
  // cheaper (0.09 s for 77k), whatever the statistics, which describe accounts as they were before this import.
  await withHashJoins(db, await actorsOutnumberAccounts(client, newAccounts), () =>
    client.query(
      `create temp table actor_account on commit drop as
       select sa.actor_key, sa.developer_id, a.account_id
         from stage_actor sa
         left join accounts a on a.tenant_id = $1 and a.provider = sa.provider and a.external_user_id = sa.external_user_id`,
      t,
    ),
  );
  // Every final column in one pass into a temp table (no WAL, no row rewrites): ids, the
  // resource's category and group, and direct attribution — the row's campaign, else its
  // resource's, else its utm_campaign's. Hash joins whatever the statistics say: the stage (never analysed) joins
  // the file's own actors and resources and the tenant's campaigns, each hashed once. A merge join sorted the
  // staged rows by actor first (at 1M rows, 2.8 s of the statement's 5.9 s), and a nested loop would probe once
  // per staged row. Each hash join keeps the stage's order (the insert below relies on it for speed only).
  await withHashJoins(
    db,
    true,
    () =>
      client.query(
        `create temp table resolved_activity on commit drop as
     select s.activity_id, s.dedup_key, aa.developer_id, aa.account_id, s.anon_id, sr.resource_id, s.action, s.occurred_at,
            s.source, s.source_ref, sr.category, sr.group_key, s.metadata,
            coalesce(cn.campaign_id, r.campaign_id, u.campaign_id) as campaign_id
       from ${STAGE_ACTIVITY} s
       left join actor_account aa on aa.actor_key = s.actor_key
       left join stage_resource sr on sr.res_key = s.res_key
       left join resources r on r.resource_id = sr.resource_id
       left join campaigns cn on cn.tenant_id = $1 and cn.name = s.campaign
       left join utm_campaign u on u.utm = lower(s.utm_campaign)
      where not exists (select 1 from stage_repeat x where x.activity_id = s.activity_id)`,
        t,
      ),
    { mergeJoins: false },
  );
  // Rows already imported (same dedup key) are not inserted again.
  await client.query('delete from resolved_activity r where exists (select 1 from activities a where a.dedup_key = r.dedup_key)');

  // In the stage's order, unsorted: the ids are UUIDv7 made as the file was read, so that order is theirs but
  // for the two parse workers' batches interleaving, and the primary key still grows at its right edge
  // (sorting a million rows by id first took 1.5 s).
  const insertActivities = `insert into activities (activity_id, tenant_id, developer_id, account_id, anon_id, resource_id, action, occurred_at,
                                     source, source_ref, category, group_key, metadata, dedup_key)
     select activity_id, $1, developer_id, account_id, anon_id, resource_id, action, occurred_at,
            source, source_ref, category, group_key, metadata, dedup_key
       from resolved_activity`;
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

/**
 * Whether hashing the tenant's accounts beats probing their key once per actor of the file: from a quarter as
 * many actors (a probe cost ~4.5 µs, hashing ~1.1 µs an account). The accounts are the table's rows as last
 * analysed, before this import, plus the ones it added; on a shared server that counts every tenant's, which
 * only keeps the probes longer.
 */
async function actorsOutnumberAccounts(client: SqlClient, newAccounts: number): Promise<boolean> {
  const actors = Number((await client.query<{ n: string }>('select count(*) as n from stage_actor')).rows[0]!.n);
  const accounts = ((await rowEstimate(client, 'accounts')) ?? 0) + newAccounts;
  return actors * 4 >= accounts;
}

/** Direct attribution of the new activities: activity_campaigns. */
async function attributeDirectly(db: Db, client: SqlClient, tenant: string, bulk: boolean): Promise<void> {
  const t = [tenant];
  // A direct row's id is its activity's: there is one such row per activity, and the activity's UUIDv7 (made
  // by the parse: activity-stage.ts) is unique and time-ordered already. Multi-touch rows have version-8 ids
  // of their own (derived/attribution.ts), which IS_MULTI_TOUCH tells apart. Making an id per row on the server
  // cost ~1.1 s per million calls (uuidv7() on PostgreSQL 18, gen_random_uuid() before it), ~0.8 s at 1M rows.
  // Every row here belongs to a brand-new activity, so no ON CONFLICT is needed and even the
  // keys can be rebuilt after a large load; then the rows go in as resolved_activity holds them (nearly in id
  // order), otherwise sorted, for the primary key.
  const attributed = Number(
    (await client.query<{ n: string }>('select count(*) as n from inserted_activity where campaign_id is not null')).rows[0]!.n,
  );
  await withIndexesDeferred(
    db.$client,
    'activity_campaigns',
    attributed,
    (deferred) =>
      client.query(
        `insert into activity_campaigns (activity_campaign_id, tenant_id, activity_id, campaign_id, weight)
         select activity_id, $1, activity_id, campaign_id, 1.0
           from inserted_activity where campaign_id is not null ${deferred ? '' : 'order by activity_id'}`,
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
