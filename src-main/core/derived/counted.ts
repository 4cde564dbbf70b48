/**
 * Merges, unmerges and consent edits change the per-day counts
 * (activity_daily, campaign_daily) in one way only: an activity that counted
 * in analytics (its developer had consent) stops counting, or the reverse.
 * Its day, action, source and campaigns stay what they were. So what these
 * writers change there is a difference over the activities of the developers
 * they touch — read through idx_activities_tenant_dev, O(what the developers
 * own) — and never a recount of every activity of the days those activities
 * fall on (issue 12: a merge of two people active all year recounted most of
 * the year, 4.5 s at 1M activities and 188 s at 10M).
 *
 * The writer snapshots which of its developers' activities count before it
 * changes anything (`snapshotCounted`), or says nothing can change
 * (`COUNTING_UNCHANGED`: both records had the same consent and keep it);
 * refreshDerived then applies ± the activities whose counting changed
 * (`applyCountedDelta`), before attribution rewrites the multi-touch credit:
 * the difference is taken over activity_campaigns as the change found it,
 * and attribution's own difference is then applied under the new consent.
 */
import type { Db } from '../db/db';
import { tracedClient } from '../db/trace';
import { readSettings } from '../settings/read';
import { addToCampaignDaily, IS_MULTI_TOUCH } from './campaign-daily';
import type { CountedChange } from './change';

const BEFORE = 'derived_counted_before';
const DELTA = 'derived_counted_delta';

export const COUNTING_UNCHANGED: CountedChange = 'unchanged';

/**
 * Records, for every activity of `developers`, whether it counts now. Call
 * inside the writer's transaction, before it moves activities or changes
 * consent; pass the result as the change's `counted`.
 */
export async function snapshotCounted(db: Db, tenant: string, developers: readonly string[]): Promise<CountedChange> {
  const client = tracedClient(db);
  await client.query(`drop table if exists pg_temp.${BEFORE}`);
  await client.query(
    `create temp table ${BEFORE} on commit drop as
     select a.activity_id, d.consent_analytics as counted
       from activities a join developers d on d.developer_id = a.developer_id
      where a.tenant_id = $1 and a.developer_id = any($2::uuid[])`,
    [tenant, developers],
  );
  return { snapshot: BEFORE };
}

/**
 * Applies the difference between the snapshot and now to activity_daily and
 * campaign_daily; returns the campaigns whose rows it changed (their
 * campaign_stats must follow). Anonymous activities never change counting.
 */
export async function applyCountedDelta(db: Db, tenant: string, change: CountedChange): Promise<string[]> {
  if (change === 'unchanged') return [];
  const client = tracedClient(db);
  await client.query(`drop table if exists pg_temp.${DELTA}`);
  const { rowCount } = await client.query(
    `create temp table ${DELTA} on commit drop as
     select a.activity_id, $1::text as tenant_id, a.developer_id, a.action, a.occurred_at, a.source,
            case when d.consent_analytics then 1 else -1 end as sign
       from ${change.snapshot} b
       join activities a on a.activity_id = b.activity_id
       join developers d on d.developer_id = a.developer_id
      where d.consent_analytics is distinct from b.counted`,
    [tenant],
  );
  if ((rowCount ?? 0) === 0) return [];
  const { timeZone } = await readSettings(db, tenant);
  const days = `select (occurred_at at time zone $2)::date as day, action, source, sum(sign) as n from ${DELTA} group by 1, 2, 3`;
  await client.query(
    `insert into derived.activity_daily as t (tenant_id, day, action, source, activities, anonymous)
     select $1, day, action, source, n, 0 from (${days}) k
     on conflict (tenant_id, day, action, source) do update set activities = t.activities + excluded.activities`,
    [tenant, timeZone],
  );
  // A rebuild writes no row whose counts are both zero.
  await client.query(
    `delete from derived.activity_daily t using (${days}) k
      where t.tenant_id = $1 and t.day = k.day and t.action = k.action and t.source = k.source
        and t.activities = 0 and t.anonymous = 0`,
    [tenant, timeZone],
  );
  // Every attribution row of those activities, as it stands: direct and multi-touch alike, ± its weight.
  const delta = `select ac.activity_id, ac.campaign_id, ac.weight * x.sign as weight, x.sign as n, ${IS_MULTI_TOUCH('ac')} as multi
                   from ${DELTA} x join activity_campaigns ac on ac.tenant_id = $1 and ac.activity_id = x.activity_id`;
  await addToCampaignDaily(db, tenant, timeZone, delta, DELTA, { countedOnly: false });
  const { rows } = await client.query<{ id: string }>(
    `select distinct ac.campaign_id as id from ${DELTA} x join activity_campaigns ac on ac.tenant_id = $1 and ac.activity_id = x.activity_id`,
    [tenant],
  );
  return rows.map((r) => r.id);
}
