/**
 * `drm report funnel --from DATE --to DATE [--campaign NAME] [--source S]
 * [--by channel|utm_source|utm_medium|category] [--json]`: the funnel
 * through the same handler as the app (--by: one funnel per value,
 * report-breakdown.ts; not with --campaign or --source). JSON is
 * { from, to, anonymous, stages: [{ key, title, order, reached, atOrBeyond,
 * conversionFromPrevious }] } (issue 5); without --json, a table. A campaign
 * is named as the user knows it; an unknown name is a usage error (exit 2),
 * like any other bad input.
 */
import type { FunnelReport } from '../../src-shared/contract/analytics';
import type { Core } from '../core/types';
import { parseOptions, resolveTarget, targetOptions, unwrap, UsageError, withCore } from './context';
import { funnelJson } from '../core/api/cli-json';
import { breakdownOption, formatFunnelBreakdown, funnelBreakdownJson } from './report-breakdown';
import { displayWidth, padEnd, padStart } from './terminal';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const OPTIONS = {
  ...targetOptions,
  from: { type: 'string' },
  to: { type: 'string' },
  campaign: { type: 'string' },
  source: { type: 'string' },
  by: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

const count = new Intl.NumberFormat('en-US');
const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

export function formatFunnel(report: FunnelReport, filters: { campaign?: string; source?: string }): string {
  const scope = [filters.campaign && `campaign ${filters.campaign}`, filters.source && `source ${filters.source}`]
    .filter(Boolean)
    .join(', ');
  const header = ['stage', 'reached', 'at or beyond', 'from previous'];
  const body = report.stages.map((s) => [s.title, count.format(s.reached), count.format(s.atOrBeyond), percent(s.conversionFromPrevious)]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => displayWidth(row[i]!))));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? padEnd(c, widths[i]!) : padStart(c, widths[i]!))).join('  ');
  return [
    `Funnel, ${report.from} to ${report.to} (to excluded)${scope ? `; ${scope}` : ''}`,
    '',
    line(header),
    ...body.map(line),
    '',
    `anonymous activities (beside awareness): ${count.format(report.anonymous)}`,
  ].join('\n');
}

/** The id of the campaign named `name`: exact, else the one whose name differs only in case. */
export async function campaignIdByName(core: Core, name: string): Promise<string> {
  const campaigns = unwrap(await core.handlers['campaigns:list']({}));
  const exact = campaigns.find((c) => c.name === name);
  if (exact) return exact.campaignId;
  const folded = campaigns.filter((c) => c.name.toLowerCase() === name.toLowerCase());
  if (folded.length === 1) return folded[0]!.campaignId;
  const known = campaigns.map((c) => c.name).sort();
  throw new UsageError(
    `no campaign named "${name}"` +
      (known.length === 0
        ? ' (there are no campaigns yet)'
        : `; campaigns: ${known.slice(0, 20).join(', ')}${known.length > 20 ? ', …' : ''}`),
  );
}

export async function reportFunnelCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, OPTIONS);
  for (const name of ['from', 'to'] as const) {
    const v = values[name];
    if (v === undefined) throw new UsageError(`--${name} is required: drm report funnel --from YYYY-MM-DD --to YYYY-MM-DD`);
    if (!DAY.test(v)) throw new UsageError(`--${name} must be a date as YYYY-MM-DD, got "${v}"`);
  }
  const { from, to, campaign, source } = values as { from: string; to: string; campaign?: string; source?: string };
  if (from >= to) throw new UsageError(`--from (${from}) must be before --to (${to}); --to is excluded`);
  if (source !== undefined && source.trim() === '') throw new UsageError('--source must not be empty');
  const by = breakdownOption(values.by);
  if (by !== undefined) {
    if (campaign !== undefined || source !== undefined)
      throw new UsageError('--by breaks down the whole funnel: leave out --campaign and --source');
    const breakdown = await withCore(resolveTarget(values), async (core) => {
      const result = await core.handlers['analytics:get-funnel-breakdown']({ from, to, by });
      if (!result.ok && result.error.code === 'BAD_INPUT') throw new UsageError(result.error.message);
      return unwrap(result);
    });
    process.stdout.write(
      values.json ? `${JSON.stringify(funnelBreakdownJson(breakdown), null, 2)}\n` : `${formatFunnelBreakdown(breakdown)}\n`,
    );
    return 0;
  }
  const report = await withCore(resolveTarget(values), async (core) => {
    const campaignId = campaign === undefined ? undefined : await campaignIdByName(core, campaign);
    const result = await core.handlers['analytics:get-funnel']({ from, to, campaignId, source });
    // Bad input the handler finds (a day such as 2026-02-30) is a usage error too.
    if (!result.ok && result.error.code === 'BAD_INPUT') throw new UsageError(result.error.message);
    return unwrap(result);
  });
  process.stdout.write(
    values.json ? `${JSON.stringify(funnelJson(report), null, 2)}\n` : `${formatFunnel(report, { campaign, source })}\n`,
  );
  return 0;
}
