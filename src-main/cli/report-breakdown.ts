/**
 * `--by channel|utm_source|utm_medium|category` of `drm report funnel` and
 * `drm report roi` (issue 13 §4): the option's check, and the breakdowns as
 * JSON and as tables. "(none)" stands for the row without a value (null in
 * JSON).
 */
import type { FunnelBreakdown } from '../../src-shared/contract/analytics';
import type { RoiBreakdown } from '../../src-shared/contract/campaigns';
import { breakdownDimensions, type BreakdownDimension } from '../../src-shared/contract/values';
import { UsageError } from './context';
import { funnelStageJson } from '../core/api/cli-json';
import { columns } from './terminal';

/** The --by value, checked (undefined when not given). */
export function breakdownOption(value: string | undefined): BreakdownDimension | undefined {
  if (value === undefined) return undefined;
  if (!(breakdownDimensions as readonly string[]).includes(value)) {
    throw new UsageError(`--by must be one of ${breakdownDimensions.join(', ')}, got "${value}"`);
  }
  return value as BreakdownDimension;
}

const NONE = '(none)';
const count = new Intl.NumberFormat('en-US');
const amount = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const share = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const num = (n: number | null) => (n === null ? '—' : amount.format(n));

/** JSON: the funnel's keys per row (as `drm report funnel --json`), values null for "(none)". */
export function funnelBreakdownJson(report: FunnelBreakdown) {
  return {
    from: report.from,
    to: report.to,
    by: report.by,
    developers: report.developers,
    rows: report.rows.map((r) => ({
      value: r.value,
      stages: r.stages.map(funnelStageJson),
    })),
  };
}

/** One line per value: each stage's at-or-beyond count, and the conversion from the first stage to the last. */
export function formatFunnelBreakdown(report: FunnelBreakdown): string {
  const stages = report.rows[0]?.stages ?? [];
  const header = [report.by, ...stages.map((s) => s.title), 'first → last'];
  const body = report.rows.map((r) => [
    r.value ?? NONE,
    ...r.stages.map((s) => count.format(s.atOrBeyond)),
    share(r.stages[r.stages.length - 1]?.conversionFromFirst ?? null),
  ]);
  return [
    `Funnel by ${report.by}, ${report.from} to ${report.to} (to excluded); developers at or beyond each stage`,
    `${count.format(report.developers)} developers in the whole funnel; one with activities of two values is in both rows`,
    '',
    ...(report.rows.length === 0 ? ['(no activity in the period)'] : columns(header, body)),
  ].join('\n');
}

/** JSON: one object per row. */
export const roiBreakdownJson = (report: RoiBreakdown) => report.rows;

export function formatRoiBreakdown(report: RoiBreakdown): string {
  const c = report.currencyReporting;
  const channel = report.by === 'channel';
  const header = [report.by, ...(channel ? ['campaigns', `cost (${c})`] : []), 'actions', 'conversions'];
  if (channel) header.push(`cost/conversion (${c})`, 'ROI %');
  const body = report.rows.map((r) => [
    r.value ?? NONE,
    ...(channel
      ? [
          String(r.campaigns),
          r.costReporting === null
            ? r.missingRates.map((m) => `rate missing for ${m.currency} ${m.month}`).join(', ')
            : num(r.costReporting),
        ]
      : []),
    num(r.actions),
    num(r.conversions),
    ...(channel ? [num(r.costPerConversion), r.roiPercent === null ? '—' : `${r.roiPercent.toFixed(1)} %`] : []),
  ]);
  const period = report.from || report.to ? `${report.from ?? '…'} to ${report.to ?? '…'} (to excluded)` : 'all time';
  return [
    `ROI by ${report.by}, ${period}; ${report.model} attribution, ${report.lookbackDays}-day lookback; conversions = ${report.conversionStage}`,
    ...(channel ? [] : ['credit on the activities with each value; no cost (a budget belongs to a campaign)']),
    '',
    ...(report.rows.length === 0 ? ['(no attributed activity in the period)'] : columns(header, body)),
  ].join('\n');
}
