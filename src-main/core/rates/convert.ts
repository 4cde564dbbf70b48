/**
 * SQL for converting budget entries into the reporting currency: each entry
 * at its spent_at month's rate (app.exchange_rates, quoted in the reporting
 * currency). An entry already in the reporting currency needs no rate; one
 * whose rate is missing converts to null, so that no total ever quietly
 * leaves it out. ROI, campaign_stats and Overview's spend share it.
 */

/** The month a budget entry converts at, as exchange_rates spells it. */
export const budgetMonth = (budget: string) => `to_char(${budget}.spent_at, 'YYYY-MM')`;

/**
 * A lateral join giving `alias.rate` for the budget row `budget` into the
 * currency in the parameter `reporting` (1 for that currency, null when the
 * rate is missing).
 */
export function rateJoin(budget: string, reporting: string, alias = 'xr'): string {
  return `left join lateral (
      select case when ${budget}.currency = ${reporting} then 1::numeric else (
        select r.rate from app.exchange_rates r
         where r.tenant_id = ${budget}.tenant_id and r.quote_currency = ${reporting}
           and r.currency = ${budget}.currency and r.month = ${budgetMonth(budget)}) end as rate) ${alias} on true`;
}
