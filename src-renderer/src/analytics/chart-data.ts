/**
 * Shapes the core's reports into what a chart draws and what its data table
 * and CSV hold: one place, so that the picture, the table and the exported
 * numbers cannot disagree. Pure, unit-tested.
 */
import type { FunnelReport, TrendReport } from '../../../src-shared/contract/analytics';
import type { CampaignDetail } from '../../../src-shared/contract/campaigns';
import type { FunnelStage } from '../../../src-shared/contract/settings';

export type ColumnKind = 'text' | 'day' | 'count' | 'weight' | 'share' | 'money' | 'percentValue' | 'ratio';

export interface TableColumn {
  key: string;
  label: string;
  kind: ColumnKind;
  /** For 'money': the row's key holding the currency code. */
  currencyKey?: string;
}

export type Cell = string | number | null;

/** A chart's numbers as a table: what the data table shows and the CSV exports. */
export interface ChartTable {
  columns: TableColumn[];
  rows: Record<string, Cell>[];
}

/** Labels for a stage; unknown keys (a tenant's own stage) fall back to the stage's title. */
export type StageLabel = (stage: Pick<FunnelStage, 'key' | 'title'>) => string;

export function byOrder<T extends { order: number }>(stages: readonly T[]): T[] {
  return [...stages].sort((a, b) => a.order - b.order);
}

/** Where anonymous activity is reported: beside awareness, or the first stage if a tenant renamed it. */
export function anonymousStageKey(stages: readonly FunnelStage[]): string | null {
  if (stages.some((s) => s.key === 'awareness')) return 'awareness';
  return byOrder(stages)[0]?.key ?? null;
}

export interface FunnelBar {
  key: string;
  label: string;
  reached: number;
  atOrBeyond: number;
  conversionFromPrevious: number | null;
  conversionFromFirst: number | null;
  droppedOff: number | null;
  /** At or beyond the stage in the previous period (null: not compared, or no such period). */
  previous: number | null;
}

export function funnelBars(report: FunnelReport, label: StageLabel): FunnelBar[] {
  const previous = new Map(report.previous?.stages.map((s) => [s.key, s.atOrBeyond]));
  return byOrder(report.stages).map((s) => ({
    key: s.key,
    label: label(s),
    reached: s.reached,
    atOrBeyond: s.atOrBeyond,
    conversionFromPrevious: s.conversionFromPrevious,
    conversionFromFirst: s.conversionFromFirst,
    droppedOff: s.droppedOff,
    previous: previous.get(s.key) ?? null,
  }));
}

export interface FunnelLabels {
  stage: string;
  reached: string;
  atOrBeyond: string;
  conversion: string;
  fromFirst: string;
  droppedOff: string;
  /** The previous period's column; left out when the report has no previous period. */
  previous: string;
  anonymous: string;
}

export function funnelTable(report: FunnelReport, label: StageLabel, labels: FunnelLabels): ChartTable {
  const anonymousKey = anonymousStageKey(report.stages);
  const compared = Boolean(report.previous);
  return {
    columns: [
      { key: 'stage', label: labels.stage, kind: 'text' },
      { key: 'atOrBeyond', label: labels.atOrBeyond, kind: 'count' },
      { key: 'reached', label: labels.reached, kind: 'count' },
      { key: 'conversion', label: labels.conversion, kind: 'share' },
      { key: 'fromFirst', label: labels.fromFirst, kind: 'share' },
      { key: 'droppedOff', label: labels.droppedOff, kind: 'count' },
      ...(compared ? [{ key: 'previous', label: labels.previous, kind: 'count' as const }] : []),
      { key: 'anonymous', label: labels.anonymous, kind: 'count' },
    ],
    rows: funnelBars(report, label).map((bar) => ({
      stage: bar.label,
      atOrBeyond: bar.atOrBeyond,
      reached: bar.reached,
      conversion: bar.conversionFromPrevious,
      fromFirst: bar.conversionFromFirst,
      droppedOff: bar.droppedOff,
      ...(compared ? { previous: bar.previous } : {}),
      anonymous: bar.key === anonymousKey ? report.anonymous : null,
    })),
  };
}

/**
 * The label beside a step of the funnel: its count, its share of the
 * previous step (the step %), or of nothing for the first.
 */
export function funnelStepLabel(bar: FunnelBar, count: (n: number) => string, share: (r: number) => string): string {
  return bar.conversionFromPrevious === null ? count(bar.atOrBeyond) : `${count(bar.atOrBeyond)} · ${share(bar.conversionFromPrevious)}`;
}

export interface Series {
  /** The property of a chart row holding this series (safe as a recharts dataKey). */
  dataKey: string;
  label: string;
  /** The stage key, or null for activities mapped to no stage. */
  stageKey: string | null;
}

export interface TrendShape {
  series: Series[];
  rows: Record<string, string | number>[];
  table: ChartTable;
  /** All activities in the period, every stage and unmapped. */
  total: number;
}

/**
 * The trend stacked by stage in funnel order, with the activities whose
 * action maps to no stage as a last series, shown only when there are some.
 */
export function trendShape(trend: TrendReport, label: StageLabel, labels: { period: string; unmapped: string; total: string }): TrendShape {
  const stages = byOrder(trend.stages);
  const series: Series[] = stages.map((s, i) => ({ dataKey: `s${i}`, label: label(s), stageKey: s.key }));
  if (trend.points.some((p) => p.unmapped > 0)) series.push({ dataKey: 'unmapped', label: labels.unmapped, stageKey: null });
  let total = 0;
  const rows = trend.points.map((point) => {
    const row: Record<string, string | number> = { period: point.period };
    let sum = 0;
    for (const s of series) {
      const value = s.stageKey === null ? point.unmapped : (point.byStage[s.stageKey] ?? 0);
      row[s.dataKey] = value;
      sum += value;
    }
    row.total = sum;
    total += sum;
    return row;
  });
  const table: ChartTable = {
    columns: [
      { key: 'period', label: labels.period, kind: 'day' },
      ...series.map((s) => ({ key: s.dataKey, label: s.label, kind: 'count' as const })),
      { key: 'total', label: labels.total, kind: 'count' },
    ],
    rows,
  };
  return { series, rows, table, total };
}

export function campaignTimeTable(
  overTime: CampaignDetail['overTime'],
  labels: { period: string; actions: string; conversions: string },
): ChartTable {
  return {
    columns: [
      { key: 'period', label: labels.period, kind: 'day' },
      { key: 'actions', label: labels.actions, kind: 'weight' },
      { key: 'conversions', label: labels.conversions, kind: 'weight' },
    ],
    rows: overTime.map((p) => ({ period: p.period, actions: p.actions, conversions: p.conversions })),
  };
}

export interface CurrencyCosts {
  currency: string;
  total: number;
  rows: { category: string; amount: number }[];
}

/**
 * Cost by category, one group per currency (never added across), largest
 * first; categories as `label` names them, entries that read the same added
 * into one bar.
 */
export function costsByCurrency(
  costByCategory: CampaignDetail['costByCategory'],
  label: (category: string) => string = (category) => category,
): CurrencyCosts[] {
  const groups = new Map<string, CurrencyCosts>();
  for (const c of costByCategory) {
    const group = groups.get(c.currency) ?? { currency: c.currency, total: 0, rows: [] };
    const category = label(c.category);
    const row = group.rows.find((r) => r.category === category);
    if (row) row.amount += c.amount;
    else group.rows.push({ category, amount: c.amount });
    group.total += c.amount;
    groups.set(c.currency, group);
  }
  const out = [...groups.values()];
  for (const g of out) g.rows.sort((a, b) => b.amount - a.amount || a.category.localeCompare(b.category));
  return out.sort((a, b) => a.currency.localeCompare(b.currency));
}

export function costTable(group: CurrencyCosts, labels: { category: string; amount: string }): ChartTable {
  return {
    columns: [
      { key: 'category', label: labels.category, kind: 'text' },
      { key: 'amount', label: labels.amount, kind: 'money', currencyKey: 'currency' },
    ],
    rows: group.rows.map((r) => ({ category: r.category, amount: r.amount, currency: group.currency })),
  };
}

/** Whether a chart has anything to draw. */
export function hasValues(rows: readonly Record<string, unknown>[], keys: readonly string[]): boolean {
  return rows.some((row) => keys.some((key) => typeof row[key] === 'number' && (row[key] as number) !== 0));
}
