/**
 * Re-attribution when a resource's campaign changes (an edit, a merge).
 *
 * An import attributes an activity directly to the row's campaign, else its
 * resource's, else its utm_campaign's (derived/attribution.ts). Which of the
 * three it was is not stored, so the rule here is: an activity of the
 * resource whose direct attribution is the resource's previous campaign, or
 * nothing, follows the resource to its new campaign (or to none); an activity
 * attributed directly to any other campaign chose it itself and keeps it.
 *
 * The direct rows change here, with their exact difference put into
 * derived.campaign_daily (as a campaign's restore does, campaigns/undo.ts);
 * refreshDerived then redoes multi-touch credit, ROI steps, funnel bits and
 * campaign_stats for the developers concerned, in the caller's transaction.
 */
import { addToCampaignDaily, IS_MULTI_TOUCH } from '../derived/campaign-daily';
import { refreshDerived } from '../derived/refresh';
import { readSettings } from '../settings/read';
import type { Db } from '../db/db';

export interface Reattribution {
  resourceId: string;
  /** The resource's campaign before the change (null: none). */
  from: string | null;
  /** Its campaign now (null: none). */
  to: string | null;
  /** Only these activities (a merge's moved ones); all the resource's when left out. */
  activityIds?: readonly string[];
}

/** Returns how many activities moved to the new campaign (or lost the old one). Call inside a transaction. */
export async function reattribute(db: Db, tenant: string, change: Reattribution): Promise<number> {
  const c = db.$client;
  await c.query('drop table if exists pg_temp.res_moved, pg_temp.res_delta');
  const { rowCount } = await c.query(
    `create temp table res_moved on commit drop as
     select a.activity_id, a.developer_id from activities a
      where a.tenant_id = $1 and a.resource_id = $2 ${change.activityIds ? 'and a.activity_id = any($4::uuid[])' : ''}
        and not exists (select 1 from activity_campaigns ac
                         where ac.tenant_id = $1 and ac.activity_id = a.activity_id and not ${IS_MULTI_TOUCH('ac')}
                           and ac.campaign_id is distinct from $3::uuid)`,
    [tenant, change.resourceId, change.from, ...(change.activityIds ? [change.activityIds] : [])],
  );
  const moved = rowCount ?? 0;
  if (moved === 0 || change.from === change.to) return 0;
  await c.query('create temp table res_delta (activity_id uuid, campaign_id uuid, weight numeric, n int, multi boolean) on commit drop');
  // Out: the old direct rows, and multi-touch credit of activities that get a direct campaign now
  // (a conversion with a direct campaign has no multi-touch credit; attribution adds it back to those left without).
  await c.query(
    `with gone as (
       delete from activity_campaigns ac using res_moved m
        where ac.tenant_id = $1 and ac.activity_id = m.activity_id
          and (not ${IS_MULTI_TOUCH('ac')} or $2::uuid is not null)
       returning ac.activity_id, ac.campaign_id, ac.weight, ${IS_MULTI_TOUCH('ac')} as multi)
     insert into res_delta select activity_id, campaign_id, -weight, -1, multi from gone`,
    [tenant, change.to],
  );
  if (change.to !== null) {
    await c.query(
      `with added as (
         insert into activity_campaigns (activity_campaign_id, tenant_id, activity_id, campaign_id, weight)
         select uuid_generate_v4(), $1, activity_id, $2::uuid, 1.0 from res_moved order by activity_id
         returning activity_id, campaign_id, weight)
       insert into res_delta select activity_id, campaign_id, weight, 1, false from added`,
      [tenant, change.to],
    );
  }
  const { timeZone } = await readSettings(db, tenant);
  await addToCampaignDaily(db, tenant, timeZone, 'select * from res_delta');
  const developers = await c.query<{ ids: string[] }>(
    'select array(select distinct developer_id from res_moved where developer_id is not null) as ids',
  );
  await refreshDerived(db, tenant, { developers: developers.rows[0]!.ids, span: null });
  return moved;
}
