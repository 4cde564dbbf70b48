/**
 * One campaign's page: the campaign, its budget entries, its ROI rows for the
 * period, attributed actions and conversions over time (from
 * derived.campaign_daily), cost by category and the developers with the most
 * attributed weight (developers with analytics consent only). All numbers use
 * the tenant's attribution model.
 */
import { and, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/db';
import { budgets } from '../db/schema';
import { readSettings } from '../settings/read';
import type { CampaignDetail } from '../../../src-shared/contract/campaigns';
import type { TrendBucket } from '../../../src-shared/contract/common';
import { budgetColumns, toBudget } from './budgets';
import { attributedOverTime, topDevelopers } from './detail-series';
import { checkPeriod, roiTables, type DayPeriod } from './roi';
import { getCampaign } from './service';

export interface CampaignDetailQuery {
  campaignId: string;
  from?: string;
  to?: string;
  bucket: TrendBucket;
}

/** The campaign's budget entries over the period, summed per category and currency. */
async function costByCategory(db: Db, tenant: string, id: string, period: DayPeriod): Promise<CampaignDetail['costByCategory']> {
  const amount = sql<string>`sum(${budgets.amount})`;
  const rows = await db
    .select({ category: budgets.category, currency: budgets.currency, amount })
    .from(budgets)
    .where(
      and(
        eq(budgets.tenantId, tenant),
        eq(budgets.campaignId, id),
        period.from === null ? undefined : gte(budgets.spentAt, period.from),
        period.to === null ? undefined : lt(budgets.spentAt, period.to),
      ),
    )
    .groupBy(budgets.category, budgets.currency)
    .orderBy(budgets.currency, desc(amount), budgets.category);
  return rows.map((r) => ({ category: r.category, currency: r.currency, amount: Number(r.amount) }));
}

export async function campaignDetail(db: Db, tenant: string, query: CampaignDetailQuery): Promise<CampaignDetail> {
  const period = checkPeriod(query.from, query.to);
  const campaign = await getCampaign(db, tenant, query.campaignId);
  const settings = await readSettings(db, tenant);
  const id = query.campaignId;

  const entries = await db
    .select(budgetColumns)
    .from(budgets)
    .where(and(eq(budgets.tenantId, tenant), eq(budgets.campaignId, id)))
    .orderBy(desc(budgets.spentAt), desc(budgets.createdAt), budgets.budgetId);
  const roi = await roiTables(db, tenant, settings, period, settings.attributionModel, settings.lookbackDays, id);
  const overTime = await attributedOverTime(db, tenant, id, period, settings.conversionStage, query.bucket);
  const cost = await costByCategory(db, tenant, id, period);
  const top = await topDevelopers(db, tenant, id, period, settings.conversionStage, settings.timeZone);
  return {
    campaign,
    budgets: entries.map(toBudget),
    roi: roi.campaigns[0]!,
    roiByCurrency: roi.rows,
    overTime,
    costByCategory: cost,
    topDevelopers: top,
  };
}
