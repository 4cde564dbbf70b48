/**
 * Periods of the analytics pages, free of React so that unit tests cover them.
 *
 * The contract takes half-open periods [from, to) of calendar days in the
 * tenant's time zone, so "the last 7 days" on 2025-03-10 is
 * [2025-03-04, 2025-03-11): seven whole days, today included. Presets are
 * computed from "today" in that zone, never from the browser's clock zone, or a
 * team in Tokyo looking at a UTC server would lose its morning.
 */
import type { TrendBucket } from '../../../src-shared/contract/common';

export const periodPresets = ['last7', 'last30', 'last90', 'thisMonth', 'lastMonth', 'thisYear', 'custom'] as const;
export type PeriodPreset = (typeof periodPresets)[number];
/** 'all': no period at all (ROI, a campaign's page), for pickers that allow it. */
export type PeriodChoice = PeriodPreset | 'all';

/** Half-open [from, to) of 'YYYY-MM-DD' days. */
export interface Period {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

function dayToUtc(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function utcToDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** A real calendar day written as YYYY-MM-DD (not 2025-02-30). */
export function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY_PATTERN.test(value)) return false;
  const ms = dayToUtc(value);
  return Number.isFinite(ms) && utcToDay(ms) === value;
}

export function addDays(day: string, days: number): string {
  return utcToDay(dayToUtc(day) + days * DAY_MS);
}

/** Whole days in a period. */
export function periodDays(period: Period): number {
  return Math.round((dayToUtc(period.to) - dayToUtc(period.from)) / DAY_MS);
}

/** Today's date in a time zone (UTC when the zone is unknown to this engine). */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  } catch {
    format = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
  }
  const parts = Object.fromEntries(format.formatToParts(now).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

function monthStart(day: string, monthsBack = 0): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return utcToDay(Date.UTC(y, m - 1 - monthsBack, 1));
}

/** The half-open period a preset means on `today`; every preset but lastMonth ends with today. */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, today: string): Period {
  const tomorrow = addDays(today, 1);
  switch (preset) {
    case 'last7':
      return { from: addDays(today, -6), to: tomorrow };
    case 'last30':
      return { from: addDays(today, -29), to: tomorrow };
    case 'last90':
      return { from: addDays(today, -89), to: tomorrow };
    case 'thisMonth':
      return { from: monthStart(today), to: tomorrow };
    case 'lastMonth':
      return { from: monthStart(today, 1), to: monthStart(today) };
    case 'thisYear':
      return { from: `${today.slice(0, 4)}-01-01`, to: tomorrow };
  }
}

/** The last day inside a period, as a person reads "1 Jan – 31 Jan". */
export function lastDay(period: Period): string {
  return addDays(period.to, -1);
}

export type CustomPeriodError = 'missing' | 'invalid' | 'order';

/**
 * A custom period from the two date inputs, where the end date is inclusive
 * (what people type) and becomes the exclusive `to` the contract wants.
 */
export function customPeriod(from: string, through: string): { ok: true; period: Period } | { ok: false; error: CustomPeriodError } {
  if (from === '' || through === '') return { ok: false, error: 'missing' };
  if (!isDay(from) || !isDay(through)) return { ok: false, error: 'invalid' };
  if (through < from) return { ok: false, error: 'order' };
  return { ok: true, period: { from, to: addDays(through, 1) } };
}

/** The bucket that keeps a trend readable: days up to a month, weeks up to half a year, then months. */
export function defaultBucket(period: Period): TrendBucket {
  const days = periodDays(period);
  if (days <= 31) return 'day';
  if (days <= 186) return 'week';
  return 'month';
}

/** The year up to a day (inclusive): what "show the latest data" offers when a period is empty. */
export function yearUpTo(day: string): Period {
  return { from: addDays(day, -364), to: addDays(day, 1) };
}
