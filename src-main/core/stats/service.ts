/**
 * The stats caches of the spec: developer_stats and campaign_stats. Imports
 * add to them incrementally inside their transaction; a rebuild recomputes
 * them from activities and budgets and must give the same numbers.
 */
import type { PoolClient } from 'pg';

/** Action counted in each developer_stats column. */
const COUNTED = `count(*) filter (where action = 'click') as clicks,
       count(*) filter (where action = 'attend') as attends,
       count(*) filter (where action = 'post') as posts,
       count(*) filter (where action = 'star') as stars`;

/** The stage whose activities count as conversions until the tenant chooses another. */
export const DEFAULT_CONVERSION_STAGE = 'adoption';

type Queryable = Pick<PoolClient, 'query'>;

/** Adds rows of `source` (activity_id, developer_id, action, occurred_at) to developer_stats. */
export async function addToDeveloperStats(client: Queryable, tenant: string, source: string): Promise<void> {
  await client.query(
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

/**
 * Adds rows of `source` (action, campaign_id: new activities with their direct
 * campaign, weight 1) to campaign_stats, and refreshes those campaigns' cost.
 */
export async function addToCampaignStats(client: Queryable, tenant: string, source: string): Promise<void> {
  await client.query(
    `insert into campaign_stats (campaign_id, tenant_id, actions_total, conversions, cost_total, roi_per_cost, updated_at)
     select x.campaign_id, $1, x.actions, x.conversions, coalesce(b.cost, 0),
            case when coalesce(b.cost, 0) > 0 then x.conversions / b.cost end, now()
       from (select s.campaign_id, count(*) as actions,
                    count(*) filter (where m.stage_key = '${DEFAULT_CONVERSION_STAGE}') as conversions
               from ${source} s left join activity_funnel_map m on m.tenant_id = $1 and m.action = s.action
              where s.campaign_id is not null group by s.campaign_id) x
       left join (select campaign_id, sum(amount) as cost from budgets where tenant_id = $1 and currency = 'JPY' group by campaign_id) b
         using (campaign_id)
     on conflict (campaign_id) do update set
       actions_total = campaign_stats.actions_total + excluded.actions_total,
       conversions = campaign_stats.conversions + excluded.conversions,
       cost_total = excluded.cost_total,
       roi_per_cost = case when excluded.cost_total > 0 then (campaign_stats.conversions + excluded.conversions) / excluded.cost_total end,
       updated_at = now()`,
    [tenant],
  );
}

/** Recomputes developer_stats from activities, for some developers or (ids undefined) all. */
export async function rebuildDeveloperStats(client: Queryable, tenant: string, developerIds?: string[]): Promise<void> {
  const only = developerIds ? 'and developer_id = any($2::uuid[])' : '';
  const values: unknown[] = developerIds ? [tenant, developerIds] : [tenant];
  await client.query(`delete from developer_stats where tenant_id = $1 ${only}`, values);
  await client.query(
    `insert into developer_stats (developer_id, tenant_id, last_action_at, total_actions, clicks, attends, posts, stars, updated_at)
     select developer_id, $1, max(occurred_at), count(*), ${COUNTED}, now()
       from activities where tenant_id = $1 and developer_id is not null ${only}
      group by developer_id`,
    values,
  );
}

/**
 * Recomputes campaign_stats for some campaigns or (ids undefined) all:
 * actions = attribution weights, conversions = weights of activities whose
 * action maps to the conversion stage, cost = budgets in JPY (currencies are
 * never added together; other currencies are reported per currency by ROI).
 */
export async function rebuildCampaignStats(client: Queryable, tenant: string, campaignIds?: string[]): Promise<void> {
  const only = (alias: string) => (campaignIds ? `and ${alias}.campaign_id = any($2::uuid[])` : '');
  const values: unknown[] = campaignIds ? [tenant, campaignIds] : [tenant];
  // One grouped pass over the attributions (activity_campaigns has no index on campaign_id).
  await client.query(
    `insert into campaign_stats (campaign_id, tenant_id, actions_total, conversions, cost_total, roi_per_cost, updated_at)
     select c.campaign_id, $1, coalesce(a.actions, 0), coalesce(a.conversions, 0), coalesce(b.cost, 0),
            case when coalesce(b.cost, 0) > 0 then coalesce(a.conversions, 0) / b.cost end, now()
       from campaigns c
       left join (
         select ac.campaign_id,
                round(sum(ac.weight))::bigint as actions,
                round(coalesce(sum(ac.weight) filter (where m.stage_key = '${DEFAULT_CONVERSION_STAGE}'), 0))::bigint as conversions
           from activity_campaigns ac
           join activities act on act.activity_id = ac.activity_id
           left join activity_funnel_map m on m.tenant_id = act.tenant_id and m.action = act.action
          where ac.tenant_id = $1 ${only('ac')}
          group by ac.campaign_id) a on a.campaign_id = c.campaign_id
       left join (
         select campaign_id, sum(amount) as cost from budgets b
          where b.tenant_id = $1 and b.currency = 'JPY' ${only('b')}
          group by campaign_id) b on b.campaign_id = c.campaign_id
      where c.tenant_id = $1 ${only('c')}
     on conflict (campaign_id) do update set
       actions_total = excluded.actions_total, conversions = excluded.conversions,
       cost_total = excluded.cost_total, roi_per_cost = excluded.roi_per_cost, updated_at = now()`,
    values,
  );
}
