/**
 * Campaign ROI (DESIGN.md, "Campaign ROI"): per campaign and currency, cost
 * (budget entries spent in the period), actions (attribution weights),
 * conversions (weights of activities mapped to the conversion stage), cost per
 * conversion, roi_per_cost and, when a value per conversion in that currency
 * is set, ROI %. Two currencies are never added: a campaign with budgets in
 * two has two rows (each with the same actions and conversions); one without
 * budgets has one JPY row with cost 0.
 *
 * Under the tenant's model and lookback every weight comes from
 * derived.campaign_daily. Under another, the direct part still does
 * (`weight - multi_touch`) and the multi-touch part comes from
 * derived.conversion_touches, whose rows carry each model's rule for any
 * lookback (see attribution.ts): one filtered sum. Neither reads activities.
 */
import type { RoiQuery, RoiReport, RoiRow } from '../../../src-shared/contract/campaigns';
import { touchCreditSql } from '../derived/attribution';
import type { Db } from '../db/db';
import { CoreError } from '../errors';
import { readSettings, type TenantSettings } from '../settings/read';

export const DEFAULT_CURRENCY = 'JPY';

/** A period of days [from, to) in the tenant's zone; either end may be open. */
export interface DayPeriod {
  from: string | null;
  to: string | null;
}

export function checkPeriod(from: string | undefined, to: string | undefined): DayPeriod {
  if (from !== undefined && to !== undefined && from >= to) {
    throw new CoreError('BAD_INPUT', `The period is empty: "from" (${from}) must be before "to" (${to}); "to" is excluded`, { from, to });
  }
  return { from: from ?? null, to: to ?? null };
}

/** SQL: the instant the day in `param` starts in the zone in `zone` (both parameter references). */
export const dayStart = (param: string, zone: string) => `(${param}::date::timestamp at time zone ${zone})`;

interface Weights {
  actions: number;
  conversions: number;
}

/**
 * Attributed actions and conversions per campaign for the period, under
 * `model` and `lookbackDays`; `campaignId` narrows it to one campaign.
 */
export async function campaignWeights(
  db: Db,
  tenant: string,
  settings: TenantSettings,
  period: DayPeriod,
  model: RoiReport['model'],
  lookbackDays: number,
  campaignId?: string,
): Promise<Map<string, Weights>> {
  const own = model === settings.attributionModel && lookbackDays === settings.lookbackDays;
  // $1 tenant, $2 from, $3 to, $4 conversion stage, $5 campaign or null.
  const values: unknown[] = [tenant, period.from, period.to, settings.conversionStage, campaignId ?? null];
  const direct = own ? 'cd.weight' : '(cd.weight - cd.multi_touch)';
  const daily = await db.$client.query<{ campaign_id: string; actions: string; conversions: string }>(
    `select cd.campaign_id, sum(${direct}) as actions,
            coalesce(sum(${direct}) filter (where m.stage_key = $4), 0) as conversions
       from derived.campaign_daily cd
       left join activity_funnel_map m on m.tenant_id = cd.tenant_id and m.action = cd.action
      where cd.tenant_id = $1 and ($2::date is null or cd.day >= $2::date) and ($3::date is null or cd.day < $3::date)
        and ($5::uuid is null or cd.campaign_id = $5::uuid)
      group by cd.campaign_id`,
    values,
  );
  const weights = new Map<string, Weights>();
  for (const r of daily.rows) weights.set(r.campaign_id, { actions: Number(r.actions), conversions: Number(r.conversions) });
  if (own) return weights;

  // Multi-touch credit under the asked model and lookback (consenting developers only), in the period.
  const credit = touchCreditSql(model, '$2::int');
  const multi = await db.$client.query<{ campaign_id: string; weight: string }>(
    `select ct.campaign_id, sum(${credit.weight}) as weight from derived.conversion_touches ct
      where ct.tenant_id = $1 and ${credit.where}
        and ($3::date is null or ct.converted_at >= ${dayStart('$3', '$5')})
        and ($4::date is null or ct.converted_at < ${dayStart('$4', '$5')})
        and ($6::uuid is null or ct.campaign_id = $6::uuid)
      group by ct.campaign_id`,
    [tenant, lookbackDays, period.from, period.to, settings.timeZone, campaignId ?? null],
  );
  for (const r of multi.rows) {
    const w = weights.get(r.campaign_id) ?? { actions: 0, conversions: 0 };
    w.actions += Number(r.weight);
    w.conversions += Number(r.weight);
    weights.set(r.campaign_id, w);
  }
  return weights;
}

/** ROI rows for every campaign of the tenant (or one), sorted by name then currency. */
export async function roiRows(
  db: Db,
  tenant: string,
  settings: TenantSettings,
  period: DayPeriod,
  model: RoiReport['model'],
  lookbackDays: number,
  campaignId?: string,
): Promise<RoiRow[]> {
  const weights = await campaignWeights(db, tenant, settings, period, model, lookbackDays, campaignId);
  // One row per campaign and currency it has budgets in (ever), cost summed over the period.
  const { rows } = await db.$client.query<{ campaign_id: string; name: string; currency: string | null; cost: string | null }>(
    `select c.campaign_id, c.name, cur.currency, cost.amount as cost
       from campaigns c
       left join lateral (select distinct b.currency from budgets b where b.tenant_id = $1 and b.campaign_id = c.campaign_id) cur on true
       left join lateral (
         select sum(b.amount) as amount from budgets b
          where b.tenant_id = $1 and b.campaign_id = c.campaign_id and b.currency = cur.currency
            and ($2::date is null or b.spent_at >= $2::date) and ($3::date is null or b.spent_at < $3::date)) cost on true
      where c.tenant_id = $1 and ($4::uuid is null or c.campaign_id = $4::uuid)
      order by lower(c.name), c.name, c.campaign_id, cur.currency`,
    [tenant, period.from, period.to, campaignId ?? null],
  );
  return rows.map((r) => {
    const w = weights.get(r.campaign_id) ?? { actions: 0, conversions: 0 };
    const currency = r.currency ?? DEFAULT_CURRENCY;
    const cost = Number(r.cost ?? 0);
    const value = settings.valuePerConversion;
    return {
      campaignId: r.campaign_id,
      campaign: r.name,
      currency,
      cost,
      actions: w.actions,
      conversions: w.conversions,
      costPerConversion: w.conversions > 0 ? cost / w.conversions : null,
      roiPerCost: cost > 0 ? w.conversions / cost : null,
      roiPercent: value !== null && settings.valueCurrency === currency && cost > 0 ? ((value * w.conversions - cost) / cost) * 100 : null,
    };
  });
}

export async function roiReport(db: Db, tenant: string, query: RoiQuery): Promise<RoiReport> {
  const period = checkPeriod(query.from, query.to);
  const settings = await readSettings(db, tenant);
  const model = query.model ?? settings.attributionModel;
  const lookbackDays = query.lookbackDays ?? settings.lookbackDays;
  return {
    from: period.from,
    to: period.to,
    model,
    lookbackDays,
    conversionStage: settings.conversionStage,
    rows: await roiRows(db, tenant, settings, period, model, lookbackDays),
  };
}
