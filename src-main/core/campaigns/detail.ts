/**
 * One campaign's page: the campaign, its budget entries, its ROI rows for the
 * period, attributed actions and conversions over time (from
 * derived.campaign_daily), cost by category and the developers with the most
 * attributed weight (developers with analytics consent only). All numbers use
 * the tenant's attribution model.
 */
import type { Db } from '../db/db';
import { readSettings } from '../settings/read';
import type { CampaignDetail } from '../../../src-shared/contract/campaigns';
import type { TrendBucket } from '../../../src-shared/contract/common';
import { BUDGET_COLUMNS, toBudget } from './budgets';
import { checkPeriod, dayStart, roiRows } from './roi';
import { getCampaign } from './service';

const TOP_DEVELOPERS = 10;

export interface CampaignDetailQuery {
  campaignId: string;
  from?: string;
  to?: string;
  bucket: TrendBucket;
}

export async function campaignDetail(db: Db, tenant: string, query: CampaignDetailQuery): Promise<CampaignDetail> {
  const period = checkPeriod(query.from, query.to);
  const campaign = await getCampaign(db, tenant, query.campaignId);
  const settings = await readSettings(db, tenant);
  const id = query.campaignId;

  const budgets = await db.$client.query<Parameters<typeof toBudget>[0]>(
    `select ${BUDGET_COLUMNS} from budgets where tenant_id = $1 and campaign_id = $2 order by spent_at desc, created_at desc, budget_id`,
    [tenant, id],
  );
  const roi = await roiRows(db, tenant, settings, period, settings.attributionModel, settings.lookbackDays, id);

  // Buckets from the period's first day (else the campaign's first attributed day) to its end, empty ones included.
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
    [tenant, id, period.from, period.to, settings.conversionStage, query.bucket],
  );

  const costByCategory = await db.$client.query<{ category: string; currency: string; amount: string }>(
    `select category, currency, sum(amount) as amount from budgets
      where tenant_id = $1 and campaign_id = $2
        and ($3::date is null or spent_at >= $3::date) and ($4::date is null or spent_at < $4::date)
      group by category, currency order by currency, sum(amount) desc, category`,
    [tenant, id, period.from, period.to],
  );

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
    [tenant, id, period.from, period.to, settings.conversionStage, settings.timeZone],
  );

  return {
    campaign,
    budgets: budgets.rows.map(toBudget),
    roi,
    overTime: overTime.rows.map((r) => ({ period: r.period, actions: Number(r.actions), conversions: Number(r.conversions) })),
    costByCategory: costByCategory.rows.map((r) => ({ category: r.category, currency: r.currency, amount: Number(r.amount) })),
    topDevelopers: top.rows.map((r) => ({
      developerId: r.developer_id,
      displayName: r.display_name,
      actions: Number(r.actions),
      conversions: Number(r.conversions),
    })),
  };
}
