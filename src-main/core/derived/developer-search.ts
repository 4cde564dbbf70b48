/**
 * derived.developer_search: one row per visible developer with what the
 * Developers page searches (names, emails, handles, organization, folded the
 * way merge suggestions fold names), filters (stage, tags, organization,
 * providers) and sorts by (last activity, activity count, name), so that a
 * page and its count read one narrow, indexed table instead of activities,
 * accounts and identifiers (see developers/filters.ts).
 *
 * Kept current by refreshDerived inside every writer's transaction: the rows
 * of the listed developers are computed in one statement and replace theirs
 * ('all' rebuilds the tenant). After an import (`inserted`) the highest stage
 * grows from the new activities alone — activities are only ever added
 * there, so max(old, new) is exact and a million-row import never rereads
 * older activities. Any other change recomputes the listed developers'
 * stages from their activities. Merged-away developers have no row.
 *
 * A change covering much of the table (a first import, a rebuild) drops the
 * secondary indexes, deletes and inserts, and builds the indexes again:
 * maintaining three btrees row by row cost twice as much as building them,
 * and updating rows in place (an upsert) more than deleting and inserting.
 */
import type { Db, SqlClient } from '../db/db';
import { withSecondaryIndexesRebuilt } from '../db/keys';
import { rowEstimate } from '../db/row-estimate';
import { traceStep, tracedClient } from '../db/trace';
import { MERGED_AWAY_SQL } from '../identity/merged-away';
import { searchKeySql } from '../identity/normalise';
import type { DerivedChange } from './change';
import { bumpSearchVersion, recordGone } from './search-version';

const TABLE = 'derived.developer_search';
/** The listed developers, as a relation the planner can size (ANALYZEd: a guess of 1,850 rows turns two ids into scans of every table). */
const IDS = 'derived_search_ids';
/** The stages listed developers had before an import, kept while their rows are replaced. */
const OLD = 'derived_search_old';
/** Rebuild the indexes rather than maintain them when at least this many rows are written… */
const BULK_MIN_ROWS = 10_000;
/** …and they are at least this share of the table. */
const BULK_MIN_SHARE = 0.5;
/** Read every source row of the tenant rather than join them to the list when the list is this share of the developers. */
const WIDE_SHARE = 0.3;

const COLUMNS = `developer_id, tenant_id, search_text, sort_name, org_id, tags, providers,
                 highest_stage, highest_stage_at, total_actions, last_action_at, version`;

/**
 * SQL: per developer of `activities` (alias `a`: developer_id, action,
 * occurred_at), the highest stage reached (`stage`) and when first
 * (`reached_at`): the first instant of each stage reached, one hashed pass
 * with one aggregate over the activities (the tenant's action map is a
 * handful of rows, hashed), then the highest per developer.
 */
const stagesSql = (activities: string, where: string) => `
  select distinct on (y.developer_id) y.developer_id, y.stage, y.reached_at
    from (select a.developer_id, m.order_no as stage, min(a.occurred_at) as reached_at
            from ${activities}
            join (select m.action, fs.order_no from activity_funnel_map m join funnel_stages fs on fs.stage_key = m.stage_key
                   where m.tenant_id = $1) m on m.action = a.action
           where ${where}
           group by a.developer_id, m.order_no) y
   order by y.developer_id, y.stage desc`;

/**
 * SQL: the parts of the search text that come from other tables, and the
 * providers, per developer: one grouped pass over accounts (handles and
 * providers) and one over identifiers. `scope` narrows them to some
 * developers (a relation with developer_id), or is null to read every row
 * of the tenant: cheaper than a join when most developers are listed anyway
 * (the final join with `devs` keeps only theirs).
 *
 * Emails come from the identifiers: identity resolution makes every email
 * seen — primary or an account's — an email identifier of its developer,
 * stored folded (trimmed, NFKC, lower case), so they are taken as they are.
 * Each list is sorted (handles by provider, then handle), so that a refresh
 * writes exactly what a rebuild writes, and the sort is the aggregation's.
 */
function partsSql(scope: string | null): string {
  const only = (alias: string) => (scope ? `join ${scope} sc on sc.developer_id = ${alias}.developer_id` : '');
  return `
  org_key as (
    select o.org_id, nullif(${searchKeySql('o.name')}, '') as v from organizations o
     where o.tenant_id = $1 ${scope ? 'and o.org_id in (select org_id from devs)' : ''}),
  acc as (
    -- Both lists in one order, so that one sort serves them (a distinct would sort each developer's again).
    select a.developer_id,
           string_agg(a.k, E'\\n' order by a.provider, a.k) filter (where a.k <> '') as handles,
           array_agg(a.provider order by a.provider, a.k) filter (where a.first) as providers
      from (select a.*, a.provider is distinct from lag(a.provider) over (partition by a.developer_id order by a.provider, a.k) as first
              from (select a.developer_id, a.provider, ${searchKeySql('a.handle')} as k from accounts a ${only('a')}
                     where a.tenant_id = $1 and a.developer_id is not null) a) a
     group by a.developer_id),
  idents as (
    select i.developer_id, string_agg(i.value_normalized, E'\\n' order by i.value_normalized) as idents
      from developer_identifiers i ${only('i')} where i.tenant_id = $1 and i.value_normalized <> ''
     group by i.developer_id)`;
}

/** The visible developers among `source` (a from-clause naming `d`), with their folded name. */
const devsSql = (source: string) => `
  devs as materialized (
    select d.developer_id, ${searchKeySql('d.display_name')} as name_key, d.org_id, d.tags
      from ${source}
     where d.tenant_id = $1 and not ${MERGED_AWAY_SQL('d.developer_id')})`;

interface Plan {
  /** Only the developers in IDS (else every developer of the tenant). */
  listed: boolean;
  /** Most developers are concerned: read whole source tables rather than join them to IDS. */
  wide: boolean;
  /** Rows were deleted first (insert plainly), else upsert. */
  replaced: boolean;
  /** derived.search_version's counter for this transaction (search-version.ts). */
  version: number;
}

/** Computes the rows of the developers concerned and writes them, in one statement. */
async function writeRows(client: SqlClient, tenant: string, change: DerivedChange, plan: Plan): Promise<void> {
  const devs = devsSql(plan.listed ? `${IDS} i join developers d on d.developer_id = i.developer_id` : 'developers d');
  // After an import, the stage so far, raised by what it added; reached_at stays the first time the highest stage was reached.
  const incremental = plan.listed && change.inserted !== undefined;
  const stages = incremental
    ? stagesSql(`${change.inserted} a`, 'a.developer_id is not null')
    : plan.listed
      ? stagesSql(`${IDS} i join activities a on a.tenant_id = $1 and a.developer_id = i.developer_id`, 'true')
      : stagesSql('activities a', 'a.tenant_id = $1 and a.developer_id is not null');
  const [stage, reachedAt, old] = incremental
    ? [
        'greatest(old.highest_stage, st.stage)',
        `case when st.stage is null or st.stage < old.highest_stage then old.highest_stage_at
              when old.highest_stage is null or st.stage > old.highest_stage then st.reached_at
              else least(old.highest_stage_at, st.reached_at) end`,
        `left join ${plan.replaced ? OLD : TABLE} old on old.developer_id = d.developer_id`,
      ]
    : ['st.stage', 'st.reached_at', ''];
  await client.query(
    `with ${devs}, ${partsSql(plan.wide ? null : IDS)}, st as (${stages})
     insert into ${TABLE} (${COLUMNS})
     select d.developer_id, $1, concat_ws(E'\\n', nullif(d.name_key, ''), o.v, i.idents, a.handles), d.name_key, d.org_id, d.tags,
            coalesce(a.providers, '{}'), ${stage}, ${reachedAt}, coalesce(s.total_actions, 0), s.last_action_at, ${plan.version}::bigint
       from devs d
       left join org_key o on o.org_id = d.org_id
       left join idents i on i.developer_id = d.developer_id
       left join acc a on a.developer_id = d.developer_id
       left join developer_stats s on s.developer_id = d.developer_id
       left join st on st.developer_id = d.developer_id
       ${old}
     ${
       plan.replaced
         ? ''
         : `on conflict (developer_id) do update set
       search_text = excluded.search_text, sort_name = excluded.sort_name, org_id = excluded.org_id, tags = excluded.tags,
       providers = excluded.providers, highest_stage = excluded.highest_stage, highest_stage_at = excluded.highest_stage_at,
       total_actions = excluded.total_actions, last_action_at = excluded.last_action_at, version = excluded.version`
     }`,
    [tenant],
  );
}

async function listIds(client: SqlClient, ids: readonly string[]): Promise<number> {
  // No key: a hashed distinct is cheaper than maintaining one for a hundred thousand ids.
  await client.query(`drop table if exists ${IDS}`);
  const created = await client.query(`create temp table ${IDS} on commit drop as select distinct unnest($1::uuid[]) as developer_id`, [
    ids,
  ]);
  await client.query(`analyze ${IDS}`);
  return created.rowCount ?? ids.length;
}

/** Whether writing `incoming` rows should drop and rebuild the secondary indexes. */
async function shouldRebuildIndexes(client: SqlClient, incoming: number): Promise<boolean> {
  if (incoming < BULK_MIN_ROWS) return false;
  return incoming >= BULK_MIN_SHARE * ((await rowEstimate(client, TABLE)) ?? 0);
}

export async function refreshDeveloperSearch(db: Db, tenant: string, change: DerivedChange): Promise<void> {
  const started = performance.now();
  // Each statement timed under DRM_IMPORT_TRACE=1, as the import's own are.
  const client = tracedClient(db);
  const listed = change.developers !== 'all';
  let incoming: number;
  if (listed) {
    if (change.developers.length === 0) return;
    incoming = await listIds(client, change.developers as readonly string[]);
  } else {
    incoming = Number(
      (await client.query<{ n: string }>('select count(*) as n from developers where tenant_id = $1', [tenant])).rows[0]!.n,
    );
  }
  const version = await bumpSearchVersion(client, tenant, !listed);
  const wide = !listed || incoming >= WIDE_SHARE * ((await rowEstimate(client, 'developers')) ?? 0);
  const mine = listed ? `${TABLE} ds using ${IDS} i where ds.developer_id = i.developer_id` : `${TABLE} ds where ds.tenant_id = $1`;
  const values = listed ? [] : [tenant];
  if (await shouldRebuildIndexes(client, incoming)) {
    await withSecondaryIndexesRebuilt(client, TABLE, async () => {
      if (listed && change.inserted !== undefined) {
        await client.query(`drop table if exists ${OLD}`);
        await client.query(
          `create temp table ${OLD} on commit drop as
           select ds.developer_id, ds.highest_stage, ds.highest_stage_at from ${TABLE} ds join ${IDS} i on i.developer_id = ds.developer_id`,
        );
      }
      await client.query(`delete from ${mine}`, values);
      await writeRows(client, tenant, change, { listed, wide, replaced: true, version });
    });
  } else {
    // Listed developers that are merged away (or gone) lose their row; the others' rows are upserted.
    await client.query(
      `delete from ${mine} and (${MERGED_AWAY_SQL('ds.developer_id')} or not exists (select 1 from developers d where d.developer_id = ds.developer_id))`,
      values,
    );
    await writeRows(client, tenant, change, { listed, wide, replaced: false, version });
  }
  if (listed) await recordGone(client, tenant, version, IDS);
  traceStep(`derived: developer_search (${incoming} developers)`, started);
}
