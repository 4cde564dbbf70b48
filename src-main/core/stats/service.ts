/**
 * The stats caches of the spec: developer_stats and campaign_stats. Imports
 * add to developer_stats incrementally inside their transaction; campaign_stats
 * is recomputed from derived.campaign_daily and budgets. A rebuild recomputes
 * both and must give the same numbers.
 */
import type { Db } from '../db/db';
import { rateJoin } from '../rates/convert';
import { readSettings } from '../settings/read';

/** Action counted in each developer_stats column. */
const COUNTED = `count(*) filter (where action = 'click') as clicks,
       count(*) filter (where action = 'attend') as attends,
       count(*) filter (where action = 'post') as posts,
       count(*) filter (where action = 'star') as stars`;

/** Adds rows of `source` (activity_id, developer_id, action, occurred_at) to developer_stats. */
export async function addToDeveloperStats(db: Db, tenant: string, source: string): Promise<void> {
  await db.$client.query(
    `insert into developer_stats (developer_id, tenant_id, last_action_at, total_actions, clicks, attends, posts, stars, updated_at)
     select developer_id, $1, max(occurred_at), count(*), ${COUNTED}, now()
       from ${source} where developer_id is not null group by developer_id
     on conflict (developer_id) do update set
       last_action_at = greatest(developer_stats.last_action_at, excluded.last_action_at),
       total_actions = developer_stats.total_actions + excluded.total_actions,
       clicks = developer_stats.clicks + excluded.clicks,
       attends = developer_stats.attends + excluded.attends,
       posts = developer_stats.posts + excluded.posts,
       stars = developer_stats.stars + excluded.stars,
       updated_at = now()`,
    [tenant],
  );
}

/** Recomputes developer_stats from activities, for some developers or (ids undefined) all. */
export async function rebuildDeveloperStats(db: Db, tenant: string, developerIds?: string[]): Promise<void> {
  const only = developerIds ? 'and developer_id = any($2::uuid[])' : '';
  const values: unknown[] = developerIds ? [tenant, developerIds] : [tenant];
  await db.$client.query(`delete from developer_stats where tenant_id = $1 ${only}`, values);
  await db.$client.query(
    `insert into developer_stats (developer_id, tenant_id, last_action_at, total_actions, clicks, attends, posts, stars, updated_at)
     select developer_id, $1, max(occurred_at), count(*), ${COUNTED}, now()
       from activities where tenant_id = $1 and developer_id is not null ${only}
      group by developer_id`,
    values,
  );
}

/**
 * Recomputes campaign_stats for some campaigns or (ids undefined) all, from
 * derived.campaign_daily (weights under the tenant's attribution model,
 * developers with analytics consent and anonymous activities) and budgets:
 * actions = attribution weights, conversions = weights of activities whose
 * action maps to the tenant's conversion stage, cost = budgets in the
 * reporting currency, each entry converted at its spent_at month's rate
 * (rates/convert.ts), roi_per_cost = conversions / cost. When a rate is
 * missing, cost_total (not null in the spec) holds the entries that could be
 * converted and roi_per_cost is null: ROI is never computed from part of a
 * campaign's cost (the ROI report names the missing rates). The spec's count columns are whole
 * numbers, so weighted sums are rounded there; roi_per_cost divides the exact
 * weighted conversions, as the ROI report does.
 *
 * Every write path reaches it: refreshDerived (through refreshCampaignDaily)
 * after activities, attribution or settings change, and the budget and
 * campaign paths directly.
 */
export async function rebuildCampaignStats(db: Db, tenant: string, campaignIds?: readonly string[]): Promise<void> {
  const only = (alias: string) => (campaignIds ? `and ${alias}.campaign_id = any($4::uuid[])` : '');
  const { conversionStage, valueCurrency } = await readSettings(db, tenant);
  const values: unknown[] = [tenant, conversionStage, valueCurrency, ...(campaignIds ? [campaignIds] : [])];
  await db.$client.query(
    `insert into campaign_stats (campaign_id, tenant_id, actions_total, conversions, cost_total, roi_per_cost, updated_at)
     select c.campaign_id, $1, round(coalesce(a.actions, 0))::bigint, round(coalesce(a.conversions, 0))::bigint, coalesce(b.cost, 0),
            case when coalesce(b.cost, 0) > 0 and not b.missing then coalesce(a.conversions, 0) / b.cost end, now()
       from campaigns c
       left join (
         select cd.campaign_id, sum(cd.weight) as actions,
                coalesce(sum(cd.weight) filter (where m.stage_key = $2), 0) as conversions
           from derived.campaign_daily cd
           left join activity_funnel_map m on m.tenant_id = cd.tenant_id and m.action = cd.action
          where cd.tenant_id = $1 ${only('cd')}
          group by cd.campaign_id) a on a.campaign_id = c.campaign_id
       left join (
         select b.campaign_id, coalesce(sum(b.amount * xr.rate), 0) as cost, bool_or(xr.rate is null and b.amount <> 0) as missing
           from budgets b ${rateJoin('b', '$3')}
          where b.tenant_id = $1 ${only('b')}
          group by b.campaign_id) b on b.campaign_id = c.campaign_id
      where c.tenant_id = $1 ${only('c')}
     on conflict (campaign_id) do update set
       actions_total = excluded.actions_total, conversions = excluded.conversions,
       cost_total = excluded.cost_total, roi_per_cost = excluded.roi_per_cost, updated_at = now()
     where (campaign_stats.actions_total, campaign_stats.conversions, campaign_stats.cost_total, campaign_stats.roi_per_cost)
           is distinct from (excluded.actions_total, excluded.conversions, excluded.cost_total, excluded.roi_per_cost)`,
    values,
  );
}
