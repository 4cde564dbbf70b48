/**
 * The campaign page's set-based numbers: attributed actions and conversions
 * per bucket of the period (empty buckets included) and the developers with
 * the most attributed weight, aggregated over derived.campaign_daily and the
 * campaign's attributions (so they stay SQL; detail.ts reads the rest).
 */
import type { Db } from '../db/db';
import type { CampaignDetail } from '../../../src-shared/contract/campaigns';
import type { TrendBucket } from '../../../src-shared/contract/common';
import { dayStart, type DayPeriod } from './roi';

const TOP_DEVELOPERS = 10;

/** Buckets from the period's first day (else the campaign's first attributed day) to its end, empty ones included. */
export async function attributedOverTime(
  db: Db,
  tenant: string,
  id: string,
  period: DayPeriod,
  conversionStage: string,
  bucket: TrendBucket,
): Promise<CampaignDetail['overTime']> {
  const overTime = await db.$client.query<{ period: string; actions: string; conversions: string }>(
    `with w as (
       select cd.day, sum(cd.weight) as actions, coalesce(sum(cd.weight) filter (where m.stage_key = $5), 0) as conversions
         from derived.campaign_daily cd
         left join activity_funnel_map m on m.tenant_id = cd.tenant_id and m.action = cd.action
        where cd.tenant_id = $1 and cd.campaign_id = $2
          and ($3::date is null or cd.day >= $3::date) and ($4::date is null or cd.day < $4::date)
        group by cd.day),
     span as (select coalesce($3::date, min(day)) as first, coalesce($4::date - 1, max(day)) as last from w),
     buckets as (
       select b::date as start from span,
              generate_series(date_trunc($6, span.first::timestamp), span.last::timestamp, ('1 ' || $6)::interval) b
        where span.first is not null)
     select to_char(buckets.start, 'YYYY-MM-DD') as period,
            coalesce(sum(w.actions), 0) as actions, coalesce(sum(w.conversions), 0) as conversions
       from buckets left join w on date_trunc($6, w.day::timestamp)::date = buckets.start
      group by buckets.start order by buckets.start`,
    [tenant, id, period.from, period.to, conversionStage, bucket],
  );
  return overTime.rows.map((r) => ({ period: r.period, actions: Number(r.actions), conversions: Number(r.conversions) }));
}

/** The developers (with analytics consent) with the most attributed weight in the period. */
export async function topDevelopers(
  db: Db,
  tenant: string,
  id: string,
  period: DayPeriod,
  conversionStage: string,
  timeZone: string,
): Promise<CampaignDetail['topDevelopers']> {
  const top = await db.$client.query<{ developer_id: string; display_name: string | null; actions: string; conversions: string }>(
    `select d.developer_id, d.display_name, sum(ac.weight) as actions,
            coalesce(sum(ac.weight) filter (where m.stage_key = $5), 0) as conversions
       from activity_campaigns ac
       join activities a on a.activity_id = ac.activity_id
       join developers d on d.developer_id = a.developer_id and d.consent_analytics
       left join activity_funnel_map m on m.tenant_id = a.tenant_id and m.action = a.action
      where ac.tenant_id = $1 and ac.campaign_id = $2
        and ($3::date is null or a.occurred_at >= ${dayStart('$3', '$6')})
        and ($4::date is null or a.occurred_at < ${dayStart('$4', '$6')})
      group by d.developer_id, d.display_name
      order by sum(ac.weight) desc, d.display_name nulls last, d.developer_id
      limit ${TOP_DEVELOPERS}`,
    [tenant, id, period.from, period.to, conversionStage, timeZone],
  );
  return top.rows.map((r) => ({
    developerId: r.developer_id,
    displayName: r.display_name,
    actions: Number(r.actions),
    conversions: Number(r.conversions),
  }));
}
