/**
 * The Overview page in one call: developers (visible, with analytics
 * consent), active developers (an activity in the 30 days up to `to`, from
 * developer_funnel's active_days), activities in the period (activity_daily),
 * spend per currency (budget entries spent in the period; currencies never
 * added), the funnel, the trend, and per currency the five campaigns that
 * cost least per conversion under the tenant's model (campaigns/roi.ts).
 * Each part is its own statement, and they run side by side on the pool.
 */
import type { OverviewReport } from '../../../src-shared/contract/analytics';
import type { RoiRow } from '../../../src-shared/contract/campaigns';
import type { TrendBucket } from '../../../src-shared/contract/common';
import { roiReport } from '../campaigns/roi';
import { FUNNEL_TABLE } from '../derived/developer-funnel';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../db/db';
import { budgets } from '../db/schema';
import { MERGED_AWAY_SQL } from '../identity/merged-away';
import { readSettings } from '../settings/read';
import { funnelReport } from './funnel';
import { addDays, checkPeriod } from './period';
import { trendReport } from './trend';

export const ACTIVE_DAYS = 30;
const TOP_CAMPAIGNS = 5;

/**
 * Pure: per currency, the campaigns with cost and conversions, cheapest cost
 * per conversion first (then by name), at most `limit` each. Costs in two
 * currencies are never compared, so the tenant's currency comes first and
 * each other currency follows as its own group; a campaign without budget
 * entries has no known cost and is not "cheapest".
 */
export function topCampaigns(rows: readonly RoiRow[], primaryCurrency: string, limit = TOP_CAMPAIGNS): RoiRow[] {
  const eligible = rows.filter((r) => r.conversions > 0 && r.cost > 0 && r.costPerConversion !== null);
  const currencies = [...new Set(eligible.map((r) => r.currency))].sort(
    (a, b) => Number(b === primaryCurrency) - Number(a === primaryCurrency) || a.localeCompare(b),
  );
  return currencies.flatMap((currency) =>
    eligible
      .filter((r) => r.currency === currency)
      .sort((a, b) => a.costPerConversion! - b.costPerConversion! || a.campaign.localeCompare(b.campaign))
      .slice(0, limit),
  );
}

const one = async (db: Db, sql: string, values: unknown[]): Promise<number> =>
  Number((await db.$client.query<{ n: string | null }>(sql, values)).rows[0]?.n ?? 0);

export async function overviewReport(
  db: Db,
  tenant: string,
  query: { from: string; to: string; bucket: TrendBucket },
): Promise<OverviewReport> {
  const { from, to } = checkPeriod(query.from, query.to);
  const [developers, activeDevelopers, activities, spend, funnel, trend, roi, settings] = await Promise.all([
    one(
      db,
      `select count(*) as n from developers d where d.tenant_id = $1 and d.consent_analytics and not ${MERGED_AWAY_SQL('d.developer_id')}`,
      [tenant],
    ),
    one(db, `select count(*) as n from ${FUNNEL_TABLE} where tenant_id = $1 and active_days && daterange($2::date, $3::date)`, [
      tenant,
      addDays(to, -ACTIVE_DAYS),
      to,
    ]),
    one(
      db,
      'select sum(activities + anonymous) as n from derived.activity_daily where tenant_id = $1 and day >= $2::date and day < $3::date',
      [tenant, from, to],
    ),
    db
      .select({ currency: budgets.currency, amount: sql<string>`sum(${budgets.amount})` })
      .from(budgets)
      .where(and(eq(budgets.tenantId, tenant), gte(budgets.spentAt, from), lt(budgets.spentAt, to)))
      .groupBy(budgets.currency)
      .orderBy(budgets.currency),
    funnelReport(db, tenant, { from, to }),
    trendReport(db, tenant, { from, to, bucket: query.bucket }),
    roiReport(db, tenant, { from, to }),
    readSettings(db, tenant),
  ]);
  return {
    from,
    to,
    developers,
    activeDevelopers,
    activities,
    spend: spend.map((r) => ({ currency: r.currency, amount: Number(r.amount) })),
    funnel,
    trend,
    topCampaigns: topCampaigns(roi.rows, settings.valueCurrency),
  };
}
