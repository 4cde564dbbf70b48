/**
 * `drm report roi [--from DATE --to DATE] [--model linear|first|last]
 * [--lookback-days N] [--json]`: campaign ROI through the same handler as the
 * app. JSON is one array of { campaign, currency, cost, actions, conversions,
 * costPerConversion, roiPerCost } (issue 5); without --json, a table.
 */
import type { RoiReport } from '../../src-shared/contract/campaigns';
import { attributionModels, type AttributionModelName } from '../../src-shared/contract/settings';
import { parseOptions, resolveTarget, targetOptions, unwrap, UsageError, withCore } from './context';
import { displayWidth, padEnd } from './terminal';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const OPTIONS = {
  ...targetOptions,
  from: { type: 'string' },
  to: { type: 'string' },
  model: { type: 'string' },
  'lookback-days': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

/** The rows as `--json` prints them: exactly the keys, in its order. */
export function roiJson(report: RoiReport) {
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

export function formatRoi(report: RoiReport): string {
  const period = report.from || report.to ? `${report.from ?? '…'} to ${report.to ?? '…'} (to excluded)` : 'all time';
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
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => displayWidth(row[i]!))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => padEnd(c, widths[i]!))
      .join('  ')
      .trimEnd();
  return [
    `ROI, ${period}; ${report.model} attribution, ${report.lookbackDays}-day lookback; conversions = ${report.conversionStage}`,
    '',
    line(header),
    ...body.map(line),
    ...(report.rows.length === 0 ? ['(no campaigns yet: import activities or campaigns, or create one in the app)'] : []),
  ].join('\n');
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
  const report = await withCore(resolveTarget(values), async (core) =>
    unwrap(
      await core.handlers['campaigns:get-roi']({
        from: values.from,
        to: values.to,
        model: values.model as AttributionModelName | undefined,
        lookbackDays,
      }),
    ),
  );
  process.stdout.write(values.json ? `${JSON.stringify(roiJson(report), null, 2)}\n` : `${formatRoi(report)}\n`);
  return 0;
}
