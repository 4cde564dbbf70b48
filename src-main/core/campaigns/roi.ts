/**
 * Campaign ROI (DESIGN.md, "Campaign ROI"; issue 11): per campaign, cost
 * (budget entries spent in the period, each converted into the reporting
 * currency at its spent_at month's rate, rates/costs.ts), actions
 * (attribution weights), conversions (weights of activities mapped to the
 * conversion stage), cost per conversion, roi_per_cost and, when a value per
 * conversion is set, ROI %. A campaign whose cost needs a missing rate has no
 * cost, no ratio and no ROI: it names the missing rates instead. Beside it,
 * the breakdown per campaign and currency (the same actions and conversions
 * on each row; a campaign without budgets has one row in the reporting
 * currency with cost 0).
 *
 * Under the tenant's model and lookback every weight comes from
 * derived.campaign_daily. Under another, the direct part still does
 * (`weight - multi_touch`) and the multi-touch part comes from
 * derived.roi_steps, which holds each model's credit for every lookback per
 * campaign and day (derived/roi-steps.ts): one sum over the period's rows.
 * Neither reads activities.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { CampaignRoi, RoiQuery, RoiReport, RoiRow } from '../../../src-shared/contract/campaigns';
import { ROI_CREDIT_SQL } from '../derived/roi-steps';
import type { Db } from '../db/db';
import { budgets, campaigns } from '../db/schema';
import { costParts, NO_COST, summariseByCampaign } from '../rates/costs';
import { CoreError } from '../errors';
import { readSettings, type TenantSettings } from '../settings/read';

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
  const multi = await db.$client.query<{ campaign_id: string; weight: string }>(ROI_CREDIT_SQL, [
    tenant,
    lookbackDays,
    model,
    period.from,
    period.to,
    campaignId ?? null,
  ]);
  for (const r of multi.rows) {
    const w = weights.get(r.campaign_id) ?? { actions: 0, conversions: 0 };
    w.actions += Number(r.weight);
    w.conversions += Number(r.weight);
    weights.set(r.campaign_id, w);
  }
  return weights;
}

/** ROI per campaign in the reporting currency and per campaign and currency, for the tenant (or one campaign). */
export interface RoiTables {
  campaigns: CampaignRoi[];
  rows: RoiRow[];
}

const percent = (value: number | null, conversions: number, cost: number | null) =>
  value !== null && cost !== null && cost > 0 ? ((value * conversions - cost) / cost) * 100 : null;

/** Both ROI tables, sorted by campaign name (then currency). */
export async function roiTables(
  db: Db,
  tenant: string,
  settings: TenantSettings,
  period: DayPeriod,
  model: RoiReport['model'],
  lookbackDays: number,
  campaignId?: string,
): Promise<RoiTables> {
  const reporting = settings.valueCurrency;
  const [weights, parts, list, ever] = await Promise.all([
    campaignWeights(db, tenant, settings, period, model, lookbackDays, campaignId),
    costParts(db, tenant, reporting, period, campaignId),
    db
      .select({ campaignId: campaigns.campaignId, name: campaigns.name })
      .from(campaigns)
      .where(and(eq(campaigns.tenantId, tenant), campaignId === undefined ? undefined : eq(campaigns.campaignId, campaignId)))
      .orderBy(sql`lower(${campaigns.name})`, campaigns.name, campaigns.campaignId),
    db
      .selectDistinct({ campaignId: budgets.campaignId, currency: budgets.currency })
      .from(budgets)
      .where(and(eq(budgets.tenantId, tenant), campaignId === undefined ? undefined : eq(budgets.campaignId, campaignId)))
      .orderBy(budgets.campaignId, budgets.currency),
  ]);
  const costs = summariseByCampaign(parts);
  const currenciesOf = new Map<string, string[]>();
  for (const r of ever) currenciesOf.set(r.campaignId, [...(currenciesOf.get(r.campaignId) ?? []), r.currency]);
  const value = settings.valuePerConversion;
  const result: RoiTables = { campaigns: [], rows: [] };
  for (const c of list) {
    const w = weights.get(c.campaignId) ?? { actions: 0, conversions: 0 };
    const cost = costs.get(c.campaignId) ?? NO_COST;
    const known = cost.reporting;
    result.campaigns.push({
      campaignId: c.campaignId,
      campaign: c.name,
      currencyReporting: reporting,
      costReporting: known,
      costByCurrency: cost.byCurrency,
      missingRates: cost.missingRates,
      actions: w.actions,
      conversions: w.conversions,
      costPerConversion: known !== null && w.conversions > 0 ? known / w.conversions : null,
      roiPerCost: known !== null && known > 0 ? w.conversions / known : null,
      roiPercent: percent(value, w.conversions, known),
    });
    // The breakdown: one row per currency the campaign has budgets in (ever), cost in the period.
    const currencies = currenciesOf.get(c.campaignId) ?? [reporting];
    for (const currency of currencies) {
      const amount = cost.byCurrency[currency] ?? 0;
      result.rows.push({
        campaignId: c.campaignId,
        campaign: c.name,
        currency,
        cost: amount,
        actions: w.actions,
        conversions: w.conversions,
        costPerConversion: w.conversions > 0 ? amount / w.conversions : null,
        roiPerCost: amount > 0 ? w.conversions / amount : null,
        roiPercent: currencies.length === 1 && currency === reporting ? percent(value, w.conversions, amount) : null,
      });
    }
  }
  return result;
}

export async function roiReport(db: Db, tenant: string, query: RoiQuery): Promise<RoiReport> {
  const period = checkPeriod(query.from, query.to);
  const settings = await readSettings(db, tenant);
  const model = query.model ?? settings.attributionModel;
  const lookbackDays = query.lookbackDays ?? settings.lookbackDays;
  const tables = await roiTables(db, tenant, settings, period, model, lookbackDays);
  return {
    from: period.from,
    to: period.to,
    model,
    lookbackDays,
    conversionStage: settings.conversionStage,
    currencyReporting: settings.valueCurrency,
    valuePerConversion: settings.valuePerConversion,
    ...tables,
  };
}
