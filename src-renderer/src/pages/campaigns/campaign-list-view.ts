/**
 * The campaign list's numbers, pure and unit-tested (issue 11): one row per
 * campaign joining its ROI in the period (reporting currency) with its plan
 * vs spent (all time), sorting by any column, the totals row, the ROI bar
 * chart's data and the CSV. Cost per conversion replaces "conversions per
 * unit of cost", whose 0.00000121 said nothing (defect 11).
 */
import type { Campaign, CampaignRoi, RoiReport } from '../../../../src-shared/contract/campaigns';
import type { MissingRate } from '../../../../src-shared/contract/rates';
import type { ChartTable } from '../../analytics/chart-data';

export interface CampaignListRow extends CampaignRoi {
  channel: string | null;
  startDate: string | null;
  endDate: string | null;
  budgetTotal: number | null;
  /** All time, in the reporting currency; null when a rate is missing. */
  spent: number | null;
  overBudget: boolean;
  /** The rates the all-time spend needs and does not have. */
  spentMissingRates: MissingRate[];
}

export const sortKeys = [
  'campaign',
  'channel',
  'startDate',
  'budgetTotal',
  'spent',
  'costReporting',
  'actions',
  'conversions',
  'costPerConversion',
  'roiPercent',
] as const;
export type SortKey = (typeof sortKeys)[number];
export type SortDir = 'asc' | 'desc';

export function isSortKey(value: string | null): value is SortKey {
  return (sortKeys as readonly string[]).includes(value ?? '');
}

/** Joins the period's ROI with the list's plan vs spent, by campaign id. */
export function campaignListRows(report: RoiReport, campaigns: readonly Campaign[]): CampaignListRow[] {
  const byId = new Map(campaigns.map((c) => [c.campaignId, c]));
  return report.campaigns.map((r) => {
    const c = byId.get(r.campaignId) ?? null;
    return {
      ...r,
      channel: c?.channel ?? null,
      startDate: c?.startDate?.slice(0, 10) ?? null,
      endDate: c?.endDate?.slice(0, 10) ?? null,
      budgetTotal: c?.budgetTotal ?? null,
      spent: c ? c.spent : null,
      overBudget: c?.overBudget ?? false,
      spentMissingRates: c?.missingRates ?? [],
    };
  });
}

/** Sorted by `key`; empty values (no channel, no cost known) last whichever the direction, then by name. */
export function sortRows(rows: readonly CampaignListRow[], key: SortKey, dir: SortDir): CampaignListRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const byName = (a: CampaignListRow, b: CampaignListRow) => a.campaign.localeCompare(b.campaign);
  return [...rows].sort((a, b) => {
    const x = a[key];
    const y = b[key];
    if (x === null && y === null) return byName(a, b);
    if (x === null) return 1;
    if (y === null) return -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return order * sign || byName(a, b);
  });
}

export interface ListTotals {
  /** Sum of the plans set. */
  budgetTotal: number | null;
  /** All time; null when a campaign's spend needs a missing rate. */
  spent: number | null;
  /** In the period; null when a campaign's cost needs a missing rate. */
  costReporting: number | null;
  actions: number;
  conversions: number;
  costPerConversion: number | null;
  roiPercent: number | null;
}

const sumOrNull = (values: (number | null)[]) => (values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + v!, 0));

export function listTotals(rows: readonly CampaignListRow[], valuePerConversion: number | null): ListTotals {
  const plans = rows.map((r) => r.budgetTotal).filter((v): v is number => v !== null);
  const cost = sumOrNull(rows.map((r) => r.costReporting));
  const actions = rows.reduce((a, r) => a + r.actions, 0);
  const conversions = rows.reduce((a, r) => a + r.conversions, 0);
  return {
    budgetTotal: plans.length === 0 ? null : plans.reduce((a, v) => a + v, 0),
    spent: sumOrNull(rows.map((r) => r.spent)),
    costReporting: cost,
    actions,
    conversions,
    costPerConversion: cost !== null && conversions > 0 ? cost / conversions : null,
    roiPercent: valuePerConversion !== null && cost !== null && cost > 0 ? ((valuePerConversion * conversions - cost) / cost) * 100 : null,
  };
}

/** The ROI bar chart: campaigns with an ROI %, highest first. */
export function roiBars(rows: readonly CampaignListRow[]): { campaign: string; campaignId: string; roiPercent: number }[] {
  return rows
    .filter((r): r is CampaignListRow & { roiPercent: number } => r.roiPercent !== null)
    .map((r) => ({ campaign: r.campaign, campaignId: r.campaignId, roiPercent: r.roiPercent }))
    .sort((a, b) => b.roiPercent - a.roiPercent || a.campaign.localeCompare(b.campaign));
}

export interface ListLabels {
  campaign: string;
  channel: string;
  startDate: string;
  endDate: string;
  budgetTotal: string;
  spent: string;
  cost: string;
  actions: string;
  conversions: string;
  costPerConversion: string;
  roiPercent: string;
  missingRates: string;
}

/** The list as numbers for CSV: the page's columns, in the reporting currency, missing rates said. */
export function campaignListTable(rows: readonly CampaignListRow[], currency: string, labels: ListLabels): ChartTable {
  const money = (key: string, label: string) => ({ key, label, kind: 'money' as const, currencyKey: 'currency' });
  return {
    columns: [
      { key: 'campaign', label: labels.campaign, kind: 'text' },
      { key: 'channel', label: labels.channel, kind: 'text' },
      { key: 'startDate', label: labels.startDate, kind: 'day' },
      { key: 'endDate', label: labels.endDate, kind: 'day' },
      money('budgetTotal', labels.budgetTotal),
      money('spent', labels.spent),
      money('cost', labels.cost),
      { key: 'currency', label: 'currency', kind: 'text' },
      { key: 'actions', label: labels.actions, kind: 'weight' },
      { key: 'conversions', label: labels.conversions, kind: 'weight' },
      money('costPerConversion', labels.costPerConversion),
      { key: 'roiPercent', label: labels.roiPercent, kind: 'percentValue' },
      { key: 'missingRates', label: labels.missingRates, kind: 'text' },
    ],
    rows: rows.map((r) => ({
      campaign: r.campaign,
      channel: r.channel,
      startDate: r.startDate,
      endDate: r.endDate,
      budgetTotal: r.budgetTotal,
      spent: r.spent,
      cost: r.costReporting,
      currency,
      actions: r.actions,
      conversions: r.conversions,
      costPerConversion: r.costPerConversion,
      roiPercent: r.roiPercent,
      missingRates: [...new Set([...r.spentMissingRates, ...r.missingRates].map((m) => `${m.currency} ${m.month}`))].join(' '),
    })),
  };
}

/** Round ticks for the ROI axis, zero among them: steps of 1, 2, 2.5 or 5 × 10^n, about five of them. */
export function roiTicks(values: readonly number[]): number[] {
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  if (low === high) return [0];
  const rough = (high - low) / 5;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough)!;
  const ticks: number[] = [];
  for (let t = Math.floor(low / step) * step; t <= Math.ceil(high / step) * step + step / 2; t += step)
    ticks.push(Math.round(t * 1e6) / 1e6);
  return ticks;
}
