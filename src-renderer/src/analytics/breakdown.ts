/**
 * The breakdowns of the Funnel page and the ROI view (issue 13 §4): the
 * `by` parameter in the address, and each report as the table its chart,
 * data table and CSV share. Pure, unit-tested.
 */
import type { FunnelBreakdown } from '../../../src-shared/contract/analytics';
import type { RoiBreakdown } from '../../../src-shared/contract/campaigns';
import { breakdownDimensions, type BreakdownDimension } from '../../../src-shared/contract/values';
import { byOrder, type ChartTable, type StageLabel } from './chart-data';

/** `?by=channel` → 'channel'; absent or unknown → null (no breakdown). */
export function readBreakdown(params: URLSearchParams): BreakdownDimension | null {
  const by = params.get('by');
  return breakdownDimensions.find((d) => d === by) ?? null;
}

/** One bar per value: its label and the number the chart draws. */
export interface BreakdownBar {
  label: string;
  value: number;
}

export interface FunnelBreakdownLabels {
  value: string;
  none: string;
  stage: StageLabel;
  conversion: string;
}

/** Per value: developers at or beyond each stage, and the conversion from the first stage to the last. */
export function funnelBreakdownTable(report: FunnelBreakdown, labels: FunnelBreakdownLabels): ChartTable {
  const stages = byOrder(report.rows[0]?.stages ?? []);
  return {
    columns: [
      { key: 'value', label: labels.value, kind: 'text' },
      ...stages.map((s) => ({ key: `stage:${s.key}`, label: labels.stage(s), kind: 'count' as const })),
      { key: 'conversion', label: labels.conversion, kind: 'share' },
    ],
    rows: report.rows.map((r) => {
      const ordered = byOrder(r.stages);
      return {
        value: r.value ?? labels.none,
        ...Object.fromEntries(ordered.map((s) => [`stage:${s.key}`, s.atOrBeyond])),
        conversion: ordered[ordered.length - 1]?.conversionFromFirst ?? null,
      };
    }),
  };
}

/** Developers at the first stage per value, in the report's order (most first). */
export function funnelBreakdownBars(report: FunnelBreakdown, none: string): BreakdownBar[] {
  return report.rows.map((r) => ({ label: r.value ?? none, value: byOrder(r.stages)[0]?.atOrBeyond ?? 0 }));
}

export interface RoiBreakdownLabels {
  value: string;
  none: string;
  campaigns: string;
  cost: string;
  actions: string;
  conversions: string;
  costPerConversion: string;
  roiPercent: string;
}

/** Per value: by channel its campaigns, cost, credit, cost per conversion and ROI %; otherwise the credit alone. */
export function roiBreakdownTable(report: RoiBreakdown, labels: RoiBreakdownLabels): ChartTable {
  const channel = report.by === 'channel';
  const money = (key: string, label: string) => ({ key, label, kind: 'money' as const, currencyKey: 'currency' });
  return {
    columns: [
      { key: 'value', label: labels.value, kind: 'text' },
      ...(channel ? [{ key: 'campaigns', label: labels.campaigns, kind: 'count' as const }, money('cost', labels.cost)] : []),
      { key: 'actions', label: labels.actions, kind: 'weight' },
      { key: 'conversions', label: labels.conversions, kind: 'weight' },
      ...(channel
        ? [
            money('costPerConversion', labels.costPerConversion),
            { key: 'roiPercent', label: labels.roiPercent, kind: 'percentValue' as const },
          ]
        : []),
    ],
    rows: report.rows.map((r) => ({
      value: r.value ?? labels.none,
      ...(channel
        ? { campaigns: r.campaigns, cost: r.costReporting, costPerConversion: r.costPerConversion, roiPercent: r.roiPercent }
        : {}),
      currency: report.currencyReporting,
      actions: r.actions,
      conversions: r.conversions,
    })),
  };
}

/** Attributed conversions per value, in the report's order (most first). */
export function roiBreakdownBars(report: RoiBreakdown, none: string): BreakdownBar[] {
  return report.rows.map((r) => ({ label: r.value ?? none, value: r.conversions }));
}
