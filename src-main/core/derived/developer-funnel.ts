/**
 * derived.developer_funnel and derived.developer_funnel_dim (db/schema-app/derived.ts):
 * per developer, and per developer × campaign or source, the days on which
 * each stage was reached, in the tenant's zone. What the funnel, its
 * developer lists and the overview's active developers read.
 *
 * A change recomputes the rows of the developers it names (or, for 'all',
 * the tenant's) from their activities: one statement whose materialised scan
 * of the activities feeds both tables. Recomputing rather than adding keeps
 * every path exact — an import can move attribution credit away from a
 * campaign (a new earlier touch under first-touch), a merge moves activities,
 * consent removes a developer. A few developers are read through
 * idx_activities_tenant_dev; many (a large import) through hash joins over
 * whole tables, and nearly all of the tenant's as a rebuild. The cost is in
 * the two groupings of the activities (per developer × source, whose groups
 * also make the per-developer rows; per campaign) and in writing ~7 rows per
 * developer: ~5.4 s of server CPU for 1M activities / 120k developers.
 *
 * Days come from `range_agg(daterange(day, day + 1))`: sorted, coalesced
 * ranges, so `&&` tests a period by binary search. Developers without
 * analytics consent and merged-away developers get no rows.
 */
import { MERGED_AWAY_SQL } from '../identity/merged-away';
import { listStages, readSettings } from '../settings/read';
import type { DerivedChange } from './change';
import type { Db } from '../db/db';

export const FUNNEL_TABLE = 'derived.developer_funnel';
export const FUNNEL_DIM_TABLE = 'derived.developer_funnel_dim';

/** Beyond this many developers, their ids go to an ANALYZEd temp table so that the planner sizes the join. */
const ID_TABLE_FROM = 1000;
const ID_TABLE = 'derived_funnel_ids';
/** A list naming at least this share of the tenant's developers is recomputed as the whole tenant. */
const WHOLE_TENANT_SHARE = 0.9;

/** The stages, in order. `order` is the subscript of the stage in `stage_days`. */
export function stageOrders(db: Db): Promise<{ key: string; title: string; order: number }[]> {
  return listStages(db);
}

/**
 * SQL building `stage_days` from rows with `r` (a one-day daterange) and
 * `order_no`: element k = the days of the stage whose order_no is k, for k
 * from 1 to the highest order (empty where no stage has that order). Stages
 * with an order below 1 have no place in the array and are left out.
 */
export function stageDaysSql(orders: readonly number[]): string {
  const top = Math.max(0, ...orders);
  const elements = Array.from({ length: top }, (_, i) => `coalesce(range_agg(r) filter (where order_no = ${i + 1}), '{}')`);
  return elements.length === 0 ? `'{}'::datemultirange[]` : `array[${elements.join(', ')}]::datemultirange[]`;
}

/**
 * SQL merging the `stage_days` of several rows (as built by stageDaysSql for
 * the same orders), element by element: the union of a developer's slices is
 * the developer's whole. Multiranges are canonical, so the union of unions is
 * exactly the union of the one-day ranges.
 */
function mergedStageDaysSql(orders: readonly number[]): string {
  const top = Math.max(0, ...orders);
  const elements = Array.from({ length: top }, (_, i) => `range_agg(stage_days[${i + 1}])`);
  return elements.length === 0 ? `'{}'::datemultirange[]` : `array[${elements.join(', ')}]::datemultirange[]`;
}

/** How the activities to read are chosen: all of the tenant's, a short list, or a long one (temp table). */
interface Scope {
  /** Join restricting activities `a` to the developers. */
  join: string;
  /** Condition restricting a delete to the developers. */
  forget: string;
  values: unknown[];
  /** Many developers: their statement is planned for whole tables (see refreshDeveloperFunnel). */
  many: boolean;
}

async function scopeOf(db: Db, tenant: string, ids: readonly string[] | 'all'): Promise<Scope> {
  if (ids === 'all') return { join: '', forget: '', values: [], many: true };
  if (ids.length < ID_TABLE_FROM) {
    return {
      join: 'join unnest($3::uuid[]) as c(developer_id) on c.developer_id = a.developer_id',
      forget: 'and developer_id = any($2::uuid[])',
      values: [ids],
      many: false,
    };
  }
  // Nearly every developer of the tenant (a first large import): the whole tenant costs the
  // same to recompute and spares a join of every activity with the list.
  const { rows } = await db.$client.query<{ n: string }>('select count(*) as n from developers where tenant_id = $1', [tenant]);
  if (ids.length >= WHOLE_TENANT_SHARE * Number(rows[0]!.n)) return { join: '', forget: '', values: [], many: true };
  await db.$client.query(`drop table if exists ${ID_TABLE}`);
  await db.$client.query(`create temp table ${ID_TABLE} on commit drop as select distinct unnest($1::uuid[]) as developer_id`, [ids]);
  await db.$client.query(`analyze ${ID_TABLE}`);
  return {
    join: `join ${ID_TABLE} c on c.developer_id = a.developer_id`,
    forget: `and developer_id in (select developer_id from ${ID_TABLE})`,
    values: [],
    many: true,
  };
}

export async function refreshDeveloperFunnel(db: Db, tenant: string, change: DerivedChange): Promise<void> {
  const ids = change.developers;
  if (ids !== 'all' && ids.length === 0) return;
  const { timeZone } = await readSettings(db, tenant);
  const orders = (await stageOrders(db)).map((s) => s.order);
  const stageDays = stageDaysSql(orders);
  const scope = await scopeOf(db, tenant, ids);
  for (const table of [FUNNEL_TABLE, FUNNEL_DIM_TABLE]) {
    await db.$client.query(`delete from ${table} where tenant_id = $1 ${scope.forget}`, [tenant, ...scope.values]);
  }

  // Many developers: hash joins over whole tables, whatever the statistics say. Right after a
  // bulk import they describe the tables as they were (the new rows are not committed, so no
  // autovacuum has analyzed them), and the planner would walk a million rows through
  // per-row index lookups. Local to this statement: the previous value is put back below.
  const nestloop = scope.many
    ? (
        await db.$client.query<{ was: string }>(
          "select current_setting('enable_nestloop') as was, set_config('enable_nestloop', 'off', true)",
        )
      ).rows[0]!.was
    : undefined;
  // One scan of the activities (materialised once) feeds both tables. Rows go
  // in key order, so that the primary keys grow by appending.
  await db.$client.query(
    `with stage_of as (
       select fm.action, fs.order_no from activity_funnel_map fm join funnel_stages fs on fs.stage_key = fm.stage_key where fm.tenant_id = $1),
     act as materialized (
       select a.activity_id, a.developer_id, a.source, daterange(x.day, x.day + 1) as r, fs.order_no
         from activities a
         ${scope.join}
         join developers d on d.developer_id = a.developer_id and d.tenant_id = $1 and d.consent_analytics
         cross join lateral (select (a.occurred_at at time zone $2)::date as day) x
         left join stage_of fs on fs.action = a.action
        where a.tenant_id = $1 and a.developer_id is not null
          and not ${MERGED_AWAY_SQL('d.developer_id')}),
     -- One grouping per developer × source, of every activity (active days count unmapped actions
     -- too): the source rows are its groups with a stage, the developer's row merges its groups.
     -- Grouped by developer first: uuids sort on abbreviated keys, where a leading source (a dozen
     -- values) leaves every comparison to the full key; the ~2 groups per developer then merge
     -- in the order they come in, and only the source rows are sorted again, by their key.
     per_source as materialized (
       select developer_id, source, ${stageDays} as stage_days, range_agg(r) as active_days, count(order_no) > 0 as staged
         from act group by developer_id, source order by developer_id, source),
     everything as (
       insert into ${FUNNEL_TABLE} (developer_id, tenant_id, stage_days, active_days)
       select developer_id, $1, ${mergedStageDaysSql(orders)}, range_agg(active_days)
         from per_source group by developer_id order by developer_id),
     sources as (
       insert into ${FUNNEL_DIM_TABLE} (tenant_id, dim, developer_id, stage_days)
       select $1, 'source:' || source, developer_id, stage_days
         from per_source where staged order by source, developer_id)
     insert into ${FUNNEL_DIM_TABLE} (tenant_id, dim, developer_id, stage_days)
     select $1, 'campaign:' || ac.campaign_id, act.developer_id, ${stageDays}
       from act join activity_campaigns ac on ac.tenant_id = $1 and ac.activity_id = act.activity_id
      where act.order_no is not null
      group by ac.campaign_id, act.developer_id order by ac.campaign_id, act.developer_id`,
    [tenant, timeZone, ...scope.values],
  );
  if (nestloop !== undefined) await db.$client.query("select set_config('enable_nestloop', $1, true)", [nestloop]);
}
