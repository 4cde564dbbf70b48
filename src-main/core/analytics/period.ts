/**
 * Calendar days and periods as the analytics channels take them: 'YYYY-MM-DD'
 * strings, periods half-open [from, to), counted in the tenant's zone by the
 * SQL that uses them. The arithmetic here is on calendar days only (UTC date
 * math on day numbers), so it never depends on the machine's zone.
 */
import type { TrendBucket } from '../../../src-shared/contract/common';
import { DATE_RANGE_TEXT, isPeriodEnd, isStorableDay } from '../../../src-shared/bounds';
import { CoreError } from '../errors';

const DAY_MS = 86_400_000;

/** Day number (days since 1970-01-01) of a 'YYYY-MM-DD' that names a real calendar day, else null. */
export function dayNumber(day: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 2026-02-30 over to March: a real day comes back unchanged.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

export function dayString(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export const addDays = (day: string, n: number): string => dayString(dayNumber(day)! + n);

/** Checks a period [from, to): two real days, `from` before `to`. */
export function checkPeriod(from: string, to: string): { from: string; to: string } {
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (dayNumber(value) === null) {
      throw new CoreError('BAD_INPUT', `"${field}" is not a calendar day: "${value}"; write it as YYYY-MM-DD`, { field, value });
    }
  }
  if (!isStorableDay(from) || !isPeriodEnd(to)) {
    throw new CoreError('BAD_INPUT', `The period ${from} … ${to} is outside the dates the app keeps (${DATE_RANGE_TEXT})`, { from, to });
  }
  if (from >= to) {
    throw new CoreError('BAD_INPUT', `The period is empty: "from" (${from}) must be before "to" (${to}); "to" is excluded`, { from, to });
  }
  return { from, to };
}

/**
 * The period of the same length that ends where [from, to) starts, or null
 * when it would start before the first day the app keeps.
 */
export function previousPeriod(period: { from: string; to: string }): { from: string; to: string } | null {
  const start = dayNumber(period.from)!;
  const from = dayString(start - (dayNumber(period.to)! - start));
  return isStorableDay(from) ? { from, to: period.from } : null;
}

/** The first day of the bucket holding `day`: itself, the Monday of its ISO week, or the 1st of its month. */
export function bucketStart(day: string, bucket: TrendBucket): string {
  if (bucket === 'day') return day;
  if (bucket === 'month') return `${day.slice(0, 8)}01`;
  const n = dayNumber(day)!;
  // 1970-01-01 was a Thursday: (n + 3) mod 7 counts days since Monday.
  return dayString(n - ((((n + 3) % 7) + 7) % 7));
}

/** The bucket after the one starting on `start`. */
function nextBucket(start: string, bucket: TrendBucket): string {
  if (bucket === 'day') return addDays(start, 1);
  if (bucket === 'week') return addDays(start, 7);
  const [y, m] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** More buckets than any chart can show: ask for a coarser bucket instead. */
export const MAX_BUCKETS = 3700;

/**
 * The first day of every bucket holding a day of [from, to), in order. The
 * first may start before `from` (a week begun on a Monday before it); its
 * counts still cover only days of the period.
 */
export function bucketStarts(from: string, to: string, bucket: TrendBucket): string[] {
  const starts: string[] = [];
  for (let start = bucketStart(from, bucket); start < to; start = nextBucket(start, bucket)) {
    if (starts.length === MAX_BUCKETS) {
      throw new CoreError(
        'BAD_INPUT',
        `The period ${from} … ${to} has more than ${MAX_BUCKETS} ${bucket}s; choose a coarser bucket or a shorter period`,
        {
          from,
          to,
          bucket,
        },
      );
    }
    starts.push(start);
  }
  return starts;
}
