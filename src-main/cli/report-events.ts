/**
 * `drm report events [--from DATE --to DATE] [--group G] [--json]`: every
 * event dated in the period (to excluded), through the same handler as the
 * app. JSON is one array, by date: { resource, title, date, registered,
 * cancelled, attended, noShowRate, firstTime, repeat } (issue 13). Without
 * --json, a table. The figures are defined in README, "Resources and events".
 */
import type { EventRow } from '../../src-shared/contract/resources';
import { parseOptions, resolveTarget, targetOptions, unwrap, UsageError, withCore } from './context';
import { columns } from './terminal';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const OPTIONS = {
  ...targetOptions,
  from: { type: 'string' },
  to: { type: 'string' },
  group: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

export function eventsJson(rows: readonly EventRow[]) {
  return rows.map((r) => ({
    resource: r.resourceId,
    title: r.title,
    date: r.date,
    registered: r.registered,
    cancelled: r.cancelled,
    attended: r.attended,
    noShowRate: r.noShowRate,
    firstTime: r.firstTime,
    repeat: r.repeat,
  }));
}

const rate = (n: number | null) => (n === null ? '—' : `${(n * 100).toFixed(1)} %`);

export function formatEvents(rows: readonly EventRow[], period: string): string {
  const header = ['date', 'event', 'group', 'registered', 'cancelled', 'attended', 'no-show rate', 'first time', 'repeat'];
  const body = rows.map((r) => [
    r.date ?? '—',
    r.title ?? r.resourceId,
    r.groupKey ?? '—',
    String(r.registered),
    String(r.cancelled),
    String(r.attended),
    rate(r.noShowRate),
    String(r.firstTime),
    String(r.repeat),
  ]);
  const none = rows.length === 0 ? ['(no events: import a connpass participant list, or set a resource’s category to event)'] : [];
  return [`Events, ${period}`, '', ...columns(header, body), ...none].join('\n');
}

export async function reportEventsCommand(args: string[]): Promise<number> {
  const { values } = parseOptions(args, OPTIONS);
  for (const name of ['from', 'to'] as const) {
    const v = values[name];
    if (v !== undefined && !DAY.test(v)) throw new UsageError(`--${name} must be a date as YYYY-MM-DD, got "${v}"`);
  }
  const group = values.group?.trim() || undefined;
  const rows = await withCore(resolveTarget(values), async (core) =>
    unwrap(await core.handlers['resources:get-events']({ from: values.from, to: values.to, groupKey: group })),
  );
  const period = values.from || values.to ? `${values.from ?? '…'} to ${values.to ?? '…'} (to excluded)` : 'all time';
  process.stdout.write(
    values.json
      ? `${JSON.stringify(eventsJson(rows), null, 2)}\n`
      : `${formatEvents(rows, group ? `${period}, group ${group}` : period)}\n`,
  );
  return 0;
}
