/**
 * Clicks on short links logged elsewhere (issue 13 §1): a CSV of
 * `timestamp,key,click_id,referrer,user_agent`, or an nginx/Apache combined
 * access log, which click-log-file.ts turns into this CSV (with `method`,
 * `status`, the log's `line`, `log_ref` and `skip`) before the import reads
 * it. Requests that are not a GET, answers that are not 2xx/3xx and lines
 * that are no log line are skipped with their reason; keys are matched to
 * short links when the file loads (load/click-resolve.ts), where unknown
 * ones are skipped too.
 */
import { resolveClicks } from '../load/click-resolve';
import { accepted, dropUndefined, type RowReader } from '../parse/row-reader';
import { parseTimestamp } from '../parse/values';
import type { RowOutcome } from '../types';
import { defineFormat, field } from './format';

/** Longest click id kept (ours are 22 characters; a tracker's are rarely over 64). */
const MAX_CLICK_ID = 128;

export function clickLogRow(r: RowReader): RowOutcome {
  // An access log's own line number, when the CSV was made from one.
  const logLine = Number(r.get('line'));
  const line = Number.isInteger(logLine) && logLine > 0 ? logLine : r.line;
  const skip = r.get('skip');
  if (skip !== undefined) return { status: 'skipped', line, reason: skip };
  const method = r.get('method')?.toUpperCase();
  if (method !== undefined && method !== 'GET') return { status: 'skipped', line, reason: `${method} request, not a click` };
  const status = r.get('status');
  if (status !== undefined && !/^[23]\d\d$/.test(status)) return { status: 'skipped', line, reason: `answered ${status}` };
  const occurredAt = r.parse('timestamp', (t) => parseTimestamp(t, r.ctx.zone), true);
  const key = r.require('key');
  const clickId = r.get('click_id')?.slice(0, MAX_CLICK_ID);
  if (r.failed || occurredAt === undefined || key === undefined) return r.failure();
  return accepted(
    dropUndefined({
      kind: 'click' as const,
      line,
      key: key.replace(/^\/+/, ''),
      occurredAt,
      clickId,
      referrer: r.get('referrer'),
      userAgent: r.get('user_agent'),
      ref: r.get('log_ref'),
    }),
  );
}

export const clickLog = defineFormat({
  type: 'shortlink-clicks',
  label: 'Short-link clicks (click log CSV or nginx/Apache access log)',
  shortLabel: 'Short-link clicks',
  fields: [
    field('timestamp', ['time', 'occurred_at', 'clicked_at', 'date'], true),
    field('key', ['shortlink', 'short_key', 'path'], true),
    field('click_id', ['drm_cid', 'anon_id']),
    field('referrer', ['referer']),
    field('user_agent', ['ua', 'useragent']),
    field('method'),
    field('status'),
    field('line'),
    field('log_ref'),
    field('skip'),
  ],
  // Before the activities template, which also takes a click_id column.
  detect: { rank: 5, test: (h) => h.all('timestamp', 'key') && h.any('click_id', 'user_agent', 'referrer') },
  options: ['timezone'],
  load: { kind: 'entity', resolve: resolveClicks },
  tables: ['activities', 'activity_campaigns'],
  template: true,
  example: {
    timestamp: '2026-04-18T10:15:00+09:00',
    key: 'devfest',
    click_id: 'p8Y2bC3nq0wz5gVxJ1aKfQ',
    referrer: 'https://slides.example/talk',
    user_agent: 'Mozilla/5.0',
  },
  primaryCount: 'activities',
  keepsUnmapped: false,
  actorFieldSets: [],
  row: clickLogRow,
});
