/**
 * ROI broken down (issue 13 §4).
 *
 * By channel: each channel is the sum of its campaigns' ROI rows (roi.ts:
 * the same weights under any model and lookback, and costs converted into the
 * reporting currency), with cost per conversion and ROI % computed from those
 * sums as the ROI page computes them per campaign; "(none)" holds the
 * campaigns without a channel. A channel's cost is null when one of its
 * campaigns' costs needs a missing rate.
 *
 * By utm_source, utm_medium or resource category: the credit (attribution
 * weights, activity_campaigns) of the activities carrying each value, counted
 * as derived.campaign_daily counts it (developers with analytics consent, and
 * anonymous activities), under the tenant's model and lookback only — the
 * stored credit is per activity for that model alone, other models are kept
 * per campaign and day (roi_steps). Multi-touch credit sits on the conversion
 * it credits, so it counts under the conversion's own value. "(none)" is the
 * credit on activities without a value: credit is per activity and adds up,
 * unlike the funnel breakdown's developers (analytics/funnel-breakdown.ts,
 * where "(none)" is the developers in no value's row at a stage). No cost: a
 * budget belongs to a campaign, not to a utm value or a category.
 */
import type { RoiBreakdown, RoiBreakdownQuery, RoiBreakdownRow } from '../../../src-shared/contract/campaigns';
import type { BreakdownDimension } from '../../../src-shared/contract/values';
import type { Db } from '../db/db';
import { CoreError } from '../errors';
import { costParts, summariseCosts, type CostPart } from '../rates/costs';
import { readSettings, type TenantSettings } from '../settings/read';
import { checkPeriod, dayStart, roiTables, type DayPeriod } from './roi';

const percent = (value: number | null, conversions: number, cost: number | null) =>
  value !== null && cost !== null && cost > 0 ? ((value * conversions - cost) / cost) * 100 : null;

async function byChannel(
  db: Db,
  tenant: string,
  settings: TenantSettings,
  period: DayPeriod,
  model: RoiBreakdown['model'],
  lookbackDays: number,
): Promise<RoiBreakdownRow[]> {
  const [tables, parts, channels] = await Promise.all([
    roiTables(db, tenant, settings, period, model, lookbackDays),
    costParts(db, tenant, settings.valueCurrency, period),
    db.$client.query<{ campaign_id: string; channel: string | null }>(
      "select campaign_id, nullif(channel, '') as channel from campaigns where tenant_id = $1",
      [tenant],
    ),
  ]);
  const channelOf = new Map(channels.rows.map((r) => [r.campaign_id, r.channel]));
  const groups = new Map<string | null, { campaigns: number; actions: number; conversions: number; parts: CostPart[] }>();
  const group = (channel: string | null) => {
    let g = groups.get(channel);
    if (!g) groups.set(channel, (g = { campaigns: 0, actions: 0, conversions: 0, parts: [] }));
    return g;
  };
  for (const c of tables.campaigns) {
    const g = group(channelOf.get(c.campaignId) ?? null);
    g.campaigns += 1;
    g.actions += c.actions;
    g.conversions += c.conversions;
  }
  for (const p of parts) group(channelOf.get(p.campaignId) ?? null).parts.push(p);
  return [...groups].map(([value, g]) => {
    const cost = summariseCosts(g.parts);
    return {
      value,
      campaigns: g.campaigns,
      costReporting: cost.reporting,
      missingRates: cost.missingRates,
      actions: g.actions,
      conversions: g.conversions,
      costPerConversion: cost.reporting !== null && g.conversions > 0 ? cost.reporting / g.conversions : null,
      roiPercent: percent(settings.valuePerConversion, g.conversions, cost.reporting),
    };
  });
}

/** SQL: an activity `a`'s value of `by` (null: none). */
const VALUE_SQL: Record<Exclude<BreakdownDimension, 'channel'>, string> = {
  utm_source: "nullif(a.metadata->>'utm_source', '')",
  utm_medium: "nullif(a.metadata->>'utm_medium', '')",
  category: 'a.category',
};

async function byActivityValue(
  db: Db,
  tenant: string,
  settings: TenantSettings,
  period: DayPeriod,
  by: Exclude<BreakdownDimension, 'channel'>,
): Promise<RoiBreakdownRow[]> {
  // $1 tenant, $2 zone, $3 from, $4 to, $5 conversion stage.
  const { rows } = await db.$client.query<{ value: string | null; actions: string; conversions: string }>(
    `select ${VALUE_SQL[by]} as value, sum(ac.weight) as actions, coalesce(sum(ac.weight) filter (where m.stage_key = $5), 0) as conversions
       from activity_campaigns ac
       join activities a on a.activity_id = ac.activity_id
       left join developers d on d.developer_id = a.developer_id
       left join activity_funnel_map m on m.tenant_id = a.tenant_id and m.action = a.action
      where ac.tenant_id = $1 and a.tenant_id = $1 and (a.developer_id is null or d.consent_analytics)
        and ($3::date is null or a.occurred_at >= ${dayStart('$3', '$2')})
        and ($4::date is null or a.occurred_at < ${dayStart('$4', '$2')})
      group by 1`,
    [tenant, settings.timeZone, period.from, period.to, settings.conversionStage],
  );
  return rows.map((r) => ({
    value: r.value,
    campaigns: 0,
    costReporting: null,
    missingRates: [],
    actions: Number(r.actions),
    conversions: Number(r.conversions),
    costPerConversion: null,
    roiPercent: null,
  }));
}

export async function roiBreakdown(db: Db, tenant: string, query: RoiBreakdownQuery): Promise<RoiBreakdown> {
  const period = checkPeriod(query.from, query.to);
  const settings = await readSettings(db, tenant);
  const model = query.model ?? settings.attributionModel;
  const lookbackDays = query.lookbackDays ?? settings.lookbackDays;
  let rows: RoiBreakdownRow[];
  if (query.by === 'channel') {
    rows = await byChannel(db, tenant, settings, period, model, lookbackDays);
  } else if (model !== settings.attributionModel || lookbackDays !== settings.lookbackDays) {
    throw new CoreError(
      'BAD_INPUT',
      `A breakdown by ${query.by} is kept only under the attribution settings (${settings.attributionModel}, ${settings.lookbackDays}-day lookback), ` +
        `not ${model} with ${lookbackDays} days: choose those, or break down by channel`,
      { field: 'model', model: settings.attributionModel, lookbackDays: settings.lookbackDays },
    );
  } else {
    rows = await byActivityValue(db, tenant, settings, period, query.by);
  }
  rows.sort(
    (a, b) =>
      b.conversions - a.conversions ||
      b.actions - a.actions ||
      (a.value === b.value ? 0 : a.value === null ? 1 : b.value === null ? -1 : a.value < b.value ? -1 : 1),
  );
  return {
    from: period.from,
    to: period.to,
    by: query.by,
    model,
    lookbackDays,
    conversionStage: settings.conversionStage,
    currencyReporting: settings.valueCurrency,
    rows,
  };
}
