/**
 * `drm report roi [--from DATE --to DATE] [--model linear|first|last]
 * [--lookback-days N] [--by-currency] [--json]`: campaign ROI through the
 * same handler as the app. JSON is one array, per campaign in the reporting
 * currency (issue 11): { campaign, currencyReporting, costReporting,
 * costByCurrency, actions, conversions, costPerConversion, roiPerCost,
 * roiPercent, missingRates }; with --by-currency, per campaign and currency
 * as before: { campaign, currency, cost, actions, conversions,
 * costPerConversion, roiPerCost } (issue 5). With --by channel|utm_source|
 * utm_medium|category, one row per value (report-breakdown.ts). Without
 * --json, a table.
 */
import type { RoiReport } from '../../src-shared/contract/campaigns';
import { attributionModels, type AttributionModelName } from '../../src-shared/contract/settings';
import { roiJson } from '../core/api/cli-json';
import { parseOptions, resolveTarget, targetOptions, unwrap, UsageError, withCore } from './context';
import { breakdownOption, formatRoiBreakdown, roiBreakdownJson } from './report-breakdown';
import { columns } from './terminal';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const OPTIONS = {
  ...targetOptions,
  from: { type: 'string' },
  to: { type: 'string' },
  model: { type: 'string' },
  'lookback-days': { type: 'string' },
  'by-currency': { type: 'boolean', default: false },
  by: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/** The per-currency rows as `--json --by-currency` prints them: exactly issue 5's keys, in its order. */
export function roiByCurrencyJson(report: RoiReport) {
  return report.rows.map((r) => ({
    campaign: r.campaign,
    currency: r.currency,
    cost: r.cost,
    actions: r.actions,
    conversions: r.conversions,
    costPerConversion: r.costPerConversion,
    roiPerCost: r.roiPerCost,
  }));
}

const amount = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const ratio = (n: number | null) => (n === null ? '—' : n.toPrecision(3));
const num = (n: number | null) => (n === null ? '—' : amount.format(n));

const percent = (n: number | null) => (n === null ? '—' : `${n >= 0 ? '+' : ''}${n.toFixed(1)} %`);
const missing = (rates: RoiReport['campaigns'][number]['missingRates']) =>
  rates.map((r) => `rate missing for ${r.currency} ${r.month}`).join(', ');

function heading(report: RoiReport): string {
  const period = report.from || report.to ? `${report.from ?? '…'} to ${report.to ?? '…'} (to excluded)` : 'all time';
  return `ROI, ${period}; ${report.model} attribution, ${report.lookbackDays}-day lookback; conversions = ${report.conversionStage}`;
}

const NONE = '(no campaigns yet: import activities or campaigns, or create one in the app)';

/** Per campaign, in the reporting currency; a missing rate is said where the cost would be. */
export function formatRoi(report: RoiReport): string {
  const c = report.currencyReporting;
  const header = ['campaign', `cost (${c})`, 'by currency', 'actions', 'conversions', `cost/conversion (${c})`, 'ROI %'];
  const body = report.campaigns.map((r) => [
    r.campaign,
    r.costReporting === null ? missing(r.missingRates) : num(r.costReporting),
    Object.entries(r.costByCurrency)
      .map(([currency, amount]) => `${num(amount)} ${currency}`)
      .join(' + ') || '—',
    num(r.actions),
    num(r.conversions),
    num(r.costPerConversion),
    percent(r.roiPercent),
  ]);
  return [heading(report), '', ...columns(header, body), ...(report.campaigns.length === 0 ? [NONE] : [])].join('\n');
}

/** Per campaign and currency (`--by-currency`): costs in each currency, never added. */
export function formatRoiByCurrency(report: RoiReport): string {
  const header = ['campaign', 'currency', 'cost', 'actions', 'conversions', 'cost/conversion', 'roi_per_cost'];
  const body = report.rows.map((r) => [
    r.campaign,
    r.currency,
    num(r.cost),
    num(r.actions),
    num(r.conversions),
    num(r.costPerConversion),
    ratio(r.roiPerCost),
  ]);
  return [heading(report), '', ...columns(header, body), ...(report.rows.length === 0 ? [NONE] : [])].join('\n');
}

export async function reportRoiCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, OPTIONS);
  for (const name of ['from', 'to'] as const) {
    const v = values[name];
    if (v !== undefined && !DAY.test(v)) throw new UsageError(`--${name} must be a date as YYYY-MM-DD, got "${v}"`);
  }
  if (values.model !== undefined && !(attributionModels as readonly string[]).includes(values.model)) {
    throw new UsageError(`--model must be one of ${attributionModels.join(', ')}, got "${values.model}"`);
  }
  let lookbackDays: number | undefined;
  if (values['lookback-days'] !== undefined) {
    lookbackDays = Number(values['lookback-days']);
    if (!Number.isInteger(lookbackDays) || lookbackDays < 1 || lookbackDays > 365) {
      throw new UsageError(`--lookback-days must be a whole number from 1 to 365, got "${values['lookback-days']}"`);
    }
  }
  const query = { from: values.from, to: values.to, model: values.model as AttributionModelName | undefined, lookbackDays };
  const by = breakdownOption(values.by);
  if (by !== undefined) {
    if (values['by-currency']) throw new UsageError('--by and --by-currency are two different tables: choose one');
    const breakdown = await withCore(resolveTarget(values), async (core) => {
      const result = await core.handlers['campaigns:get-roi-breakdown']({ ...query, by });
      if (!result.ok && result.error.code === 'BAD_INPUT') throw new UsageError(result.error.message);
      return unwrap(result);
    });
    process.stdout.write(values.json ? `${JSON.stringify(roiBreakdownJson(breakdown), null, 2)}\n` : `${formatRoiBreakdown(breakdown)}\n`);
    return 0;
  }
  const report = await withCore(resolveTarget(values), async (core) => unwrap(await core.handlers['campaigns:get-roi'](query)));
  const byCurrency = values['by-currency'];
  const json = byCurrency ? roiByCurrencyJson(report) : roiJson(report);
  process.stdout.write(
    values.json ? `${JSON.stringify(json, null, 2)}\n` : `${byCurrency ? formatRoiByCurrency(report) : formatRoi(report)}\n`,
  );
  return 0;
}
