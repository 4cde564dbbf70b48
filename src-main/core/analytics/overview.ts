/**
 * The Overview page in one call: developers (visible, with analytics
 * consent) and active developers (an activity in the 30 days up to `to`),
 * both popcounts of derived.funnel_bits (funnel-bits-read.ts), activities in the period (activity_daily),
 * spend (budget entries spent in the period, in the reporting currency with
 * the per-currency figures under it, rates/costs.ts), the funnel, the trend,
 * and the five campaigns that cost least per conversion under the tenant's
 * model (campaigns/roi.ts).
 * Each part is its own statement, and they run side by side on the pool.
 */
import type { OverviewReport } from '../../../src-shared/contract/analytics';
import type { CampaignRoi } from '../../../src-shared/contract/campaigns';
import type { TrendBucket } from '../../../src-shared/contract/common';
import { roiReport } from '../campaigns/roi';
import type { Db } from '../db/db';
import { costParts, summariseCosts } from '../rates/costs';
import { readSettings } from '../settings/read';
import { funnelReport } from './funnel';
import { activeDevelopers as countActive, countedDevelopers } from './funnel-bits-read';
import { addDays, checkPeriod } from './period';
import { trendReport } from './trend';

export const ACTIVE_DAYS = 30;
const TOP_CAMPAIGNS = 5;

/**
 * Pure: the campaigns with a known cost and conversions, cheapest cost per
 * conversion (in the reporting currency) first, then by name, at most
 * `limit`. A campaign without budget entries has no known cost and is not
 * "cheapest"; one missing a rate has no cost to compare.
 */
export function topCampaigns(rows: readonly CampaignRoi[], limit = TOP_CAMPAIGNS): CampaignRoi[] {
  return rows
    .filter((r) => r.conversions > 0 && r.costReporting !== null && r.costReporting > 0 && r.costPerConversion !== null)
    .sort((a, b) => a.costPerConversion! - b.costPerConversion! || a.campaign.localeCompare(b.campaign))
    .slice(0, limit);
}

const one = async (db: Db, sql: string, values: unknown[]): Promise<number> =>
  Number((await db.$client.query<{ n: string | null }>(sql, values)).rows[0]?.n ?? 0);

export async function overviewReport(
  db: Db,
  tenant: string,
  query: { from: string; to: string; bucket: TrendBucket },
): Promise<OverviewReport> {
  const { from, to } = checkPeriod(query.from, query.to);
  const settings = await readSettings(db, tenant);
  const [developers, activeDevelopers, activities, spend, funnel, trend, roi] = await Promise.all([
    countedDevelopers(db, tenant),
    countActive(db, tenant, { from: addDays(to, -ACTIVE_DAYS), to }),
    one(
      db,
      'select sum(activities + anonymous) as n from derived.activity_daily where tenant_id = $1 and day >= $2::date and day < $3::date',
      [tenant, from, to],
    ),
    costParts(db, tenant, settings.valueCurrency, { from, to }).then(summariseCosts),
    funnelReport(db, tenant, { from, to }),
    trendReport(db, tenant, { from, to, bucket: query.bucket }),
    roiReport(db, tenant, { from, to }),
  ]);
  return {
    from,
    to,
    developers,
    activeDevelopers,
    activities,
    spend: {
      currency: settings.valueCurrency,
      total: spend.reporting,
      byCurrency: Object.entries(spend.byCurrency).map(([currency, amount]) => ({ currency, amount })),
      missingRates: spend.missingRates,
    },
    funnel,
    trend,
    topCampaigns: topCampaigns(roi.campaigns),
  };
}
