/**
 * Budget costs in the reporting currency: the one place that turns budget
 * entries into a reporting-currency cost, for ROI, the campaign list's plan
 * vs spent and Overview's spend card. Each entry converts at its spent_at
 * month's rate; the per-currency figures are kept beside the total, and a
 * missing rate makes the total null (never a number that leaves it out) and
 * is named so that the user can add it.
 */
import type { MissingRate } from '../../../src-shared/contract/rates';
import type { Db } from '../db/db';
import { budgetMonth, rateJoin } from './convert';

/** Budget amounts of one campaign in one currency and month, with the month's rate (null: missing). */
export interface CostPart {
  campaignId: string;
  currency: string;
  month: string;
  amount: number;
  /** The amount in the reporting currency; null when the rate is missing. */
  converted: number | null;
}

export interface CostSummary {
  /** The total in the reporting currency; null when a rate is missing. */
  reporting: number | null;
  /** What could be converted (a lower bound of the cost when a rate is missing). */
  converted: number;
  /** Per currency, in that currency, sorted by currency. */
  byCurrency: Record<string, number>;
  /** Sorted by currency then month. */
  missingRates: MissingRate[];
}

export const NO_COST: CostSummary = { reporting: 0, converted: 0, byCurrency: {}, missingRates: [] };

/** Budget entries spent in [from, to) (either end open), per campaign, currency and month. */
export async function costParts(
  db: Db,
  tenant: string,
  reportingCurrency: string,
  period: { from: string | null; to: string | null },
  campaignId?: string,
): Promise<CostPart[]> {
  const { rows } = await db.$client.query<{
    campaign_id: string;
    currency: string;
    month: string;
    amount: string;
    converted: string | null;
  }>(
    `select b.campaign_id, b.currency, ${budgetMonth('b')} as month, sum(b.amount) as amount, sum(b.amount * xr.rate) as converted
       from budgets b ${rateJoin('b', '$2')}
      where b.tenant_id = $1 and ($3::date is null or b.spent_at >= $3::date) and ($4::date is null or b.spent_at < $4::date)
        and ($5::uuid is null or b.campaign_id = $5::uuid)
      group by b.campaign_id, b.currency, month, xr.rate
      order by b.campaign_id, b.currency, month`,
    [tenant, reportingCurrency, period.from, period.to, campaignId ?? null],
  );
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    currency: r.currency,
    month: r.month,
    amount: Number(r.amount),
    converted: r.converted === null ? null : Number(r.converted),
  }));
}

/** Pure: one summary of `parts` (all of one campaign, or all of a tenant). */
export function summariseCosts(parts: readonly CostPart[]): CostSummary {
  const byCurrency: Record<string, number> = {};
  const missing = new Map<string, MissingRate>();
  let converted = 0;
  for (const p of [...parts].sort((a, b) => a.currency.localeCompare(b.currency) || a.month.localeCompare(b.month))) {
    byCurrency[p.currency] = (byCurrency[p.currency] ?? 0) + p.amount;
    // A zero amount needs no rate: nothing to convert.
    if (p.converted === null && p.amount !== 0) missing.set(`${p.currency} ${p.month}`, { currency: p.currency, month: p.month });
    else converted += p.converted ?? 0;
  }
  const missingRates = [...missing.values()];
  return { reporting: missingRates.length > 0 ? null : converted, converted, byCurrency, missingRates };
}

/** Pure: a summary per campaign id. */
export function summariseByCampaign(parts: readonly CostPart[]): Map<string, CostSummary> {
  const grouped = new Map<string, CostPart[]>();
  for (const p of parts) grouped.set(p.campaignId, [...(grouped.get(p.campaignId) ?? []), p]);
  return new Map([...grouped].map(([id, ps]) => [id, summariseCosts(ps)]));
}
