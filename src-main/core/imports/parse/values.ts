/**
 * Cell value parsers for the CSV import: pure, total functions that turn one
 * decoded cell into a normalised value or a reason the user can act on.
 *
 * Japanese spreadsheets mix full-width and half-width characters freely, so
 * every parser that compares characters applies NFKC first (１２：３０ → 12:30,
 * ￥ → ¥, ＠ → @). Display text is never passed through here.
 */
import { DateTime, IANAZone, type Zone } from 'luxon';
import { AMOUNT_DECIMALS, amountTextProblem, isStorableYear } from '../../../../src-shared/bounds';
import { importProblem, type ImportErrorCode, type ImportErrorParams, type ImportProblem } from '../../../../src-shared/import-errors';
import { emailKey, fold } from '../../identity/normalise';
import { machineZone } from '../../machine-zone';

/** A value, or a problem from the catalogue (src-shared/import-errors.ts) with its English text. */
export type Parsed<T> = { ok: true; value: T } | ({ ok: false; reason: string } & ImportProblem);

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
export const fail = <T>(code: ImportErrorCode, params: ImportErrorParams = {}): Parsed<T> => ({
  ok: false,
  ...importProblem(code, params),
});

/**
 * IANA zones by name, validated once: luxon's isValidZone builds an
 * Intl.DateTimeFormat per call, which at a million rows costs tens of seconds
 * and native memory the garbage collector does not see.
 */
const zones = new Map<string, Zone | null>();

function zoneNamed(name: string): Zone | null {
  let zone = zones.get(name);
  if (zone === undefined) {
    zone = IANAZone.isValidZone(name) ? IANAZone.create(name) : null;
    zones.set(name, zone);
  }
  return zone;
}

/** Validates an IANA zone name (or 'UTC'); undefined means the machine's zone. */
export function resolveZone(zone: string | undefined): Parsed<string> {
  const name = zone?.trim() || machineZone();
  return zoneNamed(name) ? ok(name) : fail('unknown-zone', { zone: name });
}

interface Written {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Offset in minutes when the text carries one. */
  offset?: number;
  hasTime: boolean;
}

// One grammar per written form; all are anchored and run on NFKC text.
const isoLike =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|UTC|GMT|JST|[+-]\d{2}(?::?\d{2})?)?$/i;
const slashed = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?$/;
// connpass writes 2019年7月13日 13時02分; a weekday in brackets and H:MM are seen too.
const jpDate = String.raw`(\d{4})年\s*(\d{1,2})月\s*(\d{1,2})日\s*(?:\([^)]{1,3}\))?`;
const japanese = new RegExp(String.raw`^${jpDate}(?:\s*(\d{1,2})時\s*(\d{1,2})分(?:\s*(\d{1,2})秒)?)?$`);
const japaneseColon = new RegExp(String.raw`^${jpDate}\s*(\d{1,2}):(\d{2})(?::(\d{2}))?$`);

function offsetMinutes(zone: string): number {
  const z = zone.toUpperCase();
  if (z === 'Z' || z === 'UTC' || z === 'GMT') return 0;
  if (z === 'JST') return 9 * 60;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (!m) return Number.NaN;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? '0');
  return m[1] === '-' ? -minutes : minutes;
}

function fromGroups(g: readonly (string | undefined)[], zone: string | undefined): Written {
  const num = (s: string | undefined) => (s === undefined ? 0 : Number(s));
  // Sub-millisecond digits are dropped (truncated, never rounded into the next ms)
  // because dedup keys compare timestamps at millisecond precision.
  const fraction = g[7] === undefined ? 0 : Number(g[7].slice(0, 3).padEnd(3, '0'));
  return {
    year: num(g[1]),
    month: num(g[2]),
    day: num(g[3]),
    hour: num(g[4]),
    minute: num(g[5]),
    second: num(g[6]),
    millisecond: fraction,
    offset: zone === undefined ? undefined : offsetMinutes(zone),
    hasTime: g[4] !== undefined,
  };
}

function readWritten(text: string): Written | undefined {
  const t = text.normalize('NFKC').trim();
  // The match itself is the array of groups (no copy: this runs for every timestamp of a file).
  let m = isoLike.exec(t);
  if (m) return fromGroups(m, m[8]);
  m = slashed.exec(t);
  if (m) return fromGroups(m, undefined);
  m = japanese.exec(t) ?? japaneseColon.exec(t);
  if (m) return fromGroups(m, undefined);
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const isoDay = (w: Written) => `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;

function invalidReason<T>(w: Written): Parsed<T> | undefined {
  if (w.month < 1 || w.month > 12) return fail('month-range', { month: w.month });
  if (w.day < 1 || w.day > daysInMonth(w.year, w.month))
    return fail('day-range', { day: w.day, month: `${w.year}-${String(w.month).padStart(2, '0')}` });
  // The same range the reports accept (src-shared/bounds.ts), on the date as written.
  if (!isStorableYear(w.year)) return fail('year-range', { day: isoDay(w) });
  if (w.hour > 23 || w.minute > 59 || w.second > 59) return fail('time-range');
  if (w.offset !== undefined && (Number.isNaN(w.offset) || Math.abs(w.offset) > 18 * 60)) return fail('utc-offset');
  return undefined;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The written fields read as if they were UTC. */
function wallMillis(w: Written): number {
  // Date.UTC reads years 0–99 as 1900–1999; from 100 on it is the same arithmetic, without a Date object.
  if (w.year >= 100) return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);
  const d = new Date(0);
  d.setUTCFullYear(w.year, w.month - 1, w.day); // unlike Date.UTC, keeps years 0–99 as written
  d.setUTCHours(w.hour, w.minute, w.second, w.millisecond);
  return d.getTime();
}

/**
 * Offsets (minutes) of wall-clock days, then hours, that have a single
 * offset, per zone. Converting through luxon costs ~10 µs; imports repeat the
 * same days, so after the first row of a day the conversion is a map look-up.
 * A day with a DST change in it (null) is cached hour by hour instead, and an
 * hour with a change in it is never cached and always goes through luxon.
 * Per hour alone, a file spread over a year missed the cache for most of
 * its first 8,760 hours in each parse worker: three conversions a row, a
 * fifth of the parse CPU at 20k rows.
 */
const dayOffsets = new Map<Zone, Map<number, number | null>>();
const hourOffsets = new Map<Zone, Map<number, number>>();

/** The offset of the whole wall-clock day holding `wall`, or null when it changes that day. */
function dayOffset(w: Written, wall: number, zone: Zone): number | null {
  const dayNo = Math.floor(wall / DAY);
  let known = dayOffsets.get(zone);
  if (!known) dayOffsets.set(zone, (known = new Map()));
  const cached = known.get(dayNo);
  if (cached !== undefined) return cached;
  const { year, month, day } = w;
  const start = dayNo * DAY;
  const first = DateTime.fromObject({ year, month, day, hour: 0 }, { zone }).toMillis();
  const last = DateTime.fromObject({ year, month, day, hour: 23, minute: 59, second: 59, millisecond: 999 }, { zone }).toMillis();
  const offset = (start - first) / MINUTE;
  // Both ends with one offset (a skipped midnight moves `first` and fails this too).
  const single = last === start + DAY - 1 - offset * MINUTE ? offset : null;
  if (known.size > 100_000) known.clear();
  known.set(dayNo, single);
  return single;
}

function zonedMillis(w: Written, zone: Zone): number {
  const wall = wallMillis(w);
  const whole = dayOffset(w, wall, zone);
  if (whole !== null) return wall - whole * MINUTE;
  const hour = Math.floor(wall / HOUR);
  let known = hourOffsets.get(zone);
  if (!known) hourOffsets.set(zone, (known = new Map()));
  const cached = known.get(hour);
  if (cached !== undefined) return wall - cached * MINUTE;
  const { year, month, day } = w;
  const at = (minute: number, second: number, millisecond: number) =>
    DateTime.fromObject({ year, month, day, hour: w.hour, minute, second, millisecond }, { zone }).toMillis();
  // A wall-clock time skipped by a DST jump is moved forward by luxon, as most tools do.
  const exact = at(w.minute, w.second, w.millisecond);
  const offset = (wall - exact) / MINUTE;
  // Cache only when both ends of the hour convert with this same offset:
  // then no DST change (and no skipped time) lies inside the hour.
  const start = hour * HOUR;
  if (at(0, 0, 0) === start - offset * MINUTE && at(59, 59, 999) === start + HOUR - 1 - offset * MINUTE) {
    if (known.size > 100_000) known.clear();
    known.set(hour, offset);
  }
  return exact;
}

/**
 * Text → UTC epoch milliseconds. A timestamp without an offset is read in
 * `zone` (IANA); a date alone means midnight there.
 */
export function parseTimestamp(text: string, zone: string): Parsed<number> {
  const where = zoneNamed(zone);
  if (!where) return fail('unknown-zone', { zone });
  const w = readWritten(text);
  if (!w) return fail('datetime', { value: text });
  const bad = invalidReason<number>(w);
  if (bad) return bad;
  return ok(w.offset === undefined ? zonedMillis(w, where) : wallMillis(w) - w.offset * MINUTE);
}

/**
 * Text → calendar date 'YYYY-MM-DD', as written. Spreadsheets often add a time
 * (`2024/5/1 0:00`); it is ignored, and so is an offset: a spending date is a
 * calendar date, not an instant.
 */
export function parseDate(text: string): Parsed<string> {
  const w = readWritten(text);
  if (!w) return fail('date', { value: text });
  const bad = invalidReason<string>(w);
  if (bad) return bad;
  return ok(isoDay(w));
}

export interface Amount {
  /** Exact decimal text: optional '-', digits without leading zeros, optional '.digits'. */
  value: string;
  /** ISO 4217 code when the text names one (¥, 円, JPY, USD …). */
  currency?: string;
}

/**
 * Money text → exact decimal string, never through a float (1234.10 stays
 * "1234.10"). Accepts ¥1,234 / ￥1,234 / 1,234円 / JPY 1,234 / 12.50 USD, full-width
 * digits and a leading minus (ASCII, full-width or U+2212). Thousands separators
 * must sit every three digits: "1,23" is rejected as a likely decimal comma.
 */
export function parseAmount(text: string): Parsed<Amount> {
  let t = text
    .normalize('NFKC')
    .trim()
    .replace(/\u2212/g, '-');
  if (t === '') return fail('amount-empty');
  let currency: string | undefined;
  let conflict = false;
  const take = (re: RegExp, code?: string) => {
    const m = re.exec(t);
    if (!m) return false;
    const found = code ?? m[1]?.toUpperCase();
    if (currency !== undefined && found !== currency) {
      conflict = true;
      return false;
    }
    currency = found;
    t = t.replace(re, '').trim();
    return true;
  };
  let negative = false;
  if (t.startsWith('-')) {
    negative = true;
    t = t.slice(1).trim();
  }
  take(/^¥/, 'JPY');
  take(/円$/, 'JPY');
  take(/^([A-Za-z]{3})\s*(?=[\d-])/);
  take(/(?<=\d)\s*([A-Za-z]{3})$/);
  if (conflict) return fail('amount-currencies');
  if (!negative && t.startsWith('-')) {
    negative = true;
    t = t.slice(1).trim();
  }
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(t);
  if (!m || m[1] === undefined) return fail('amount', { value: text });
  const whole = m[1].replace(/,/g, '').replace(/^0+(?=\d)/, '');
  const fraction = m[2] === undefined ? '' : `.${m[2]}`;
  const isZero = /^0+$/.test(whole) && /^\.?0*$/.test(fraction);
  const value = `${negative && !isZero ? '-' : ''}${whole}${fraction}`;
  const problem = amountTextProblem(value);
  // The pattern above leaves only the bounds to break: too many places, or too large.
  if (problem) return problem.startsWith('more than') ? fail('amount-decimals', { places: AMOUNT_DECIMALS }) : fail('amount-too-large');
  return ok(currency === undefined ? { value } : { value, currency });
}

const truthy = new Set([
  'true',
  't',
  'yes',
  'y',
  '1',
  'on',
  'optin',
  'granted',
  'はい',
  '同意',
  '同意する',
  '同意済み',
  'あり',
  '有',
  '可',
  '済',
  '○',
  '◯',
]);
const falsy = new Set([
  'false',
  'f',
  'no',
  'n',
  '0',
  'off',
  'optout',
  'denied',
  'いいえ',
  '拒否',
  '同意しない',
  '非同意',
  'なし',
  '無',
  '不可',
  '×',
  '✕',
]);

/** Consent-style yes/no in English or Japanese. */
export function parseBoolean(text: string): Parsed<boolean> {
  const t = text
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]/g, '');
  if (truthy.has(t)) return ok(true);
  if (falsy.has(t)) return ok(false);
  return fail('boolean', { value: text });
}

/** Email as identity resolution compares it: trimmed, NFKC, lower-cased. */
export function normaliseEmail(text: string): Parsed<string> {
  const t = emailKey(text);
  const at = t.indexOf('@');
  if (at <= 0 || at !== t.lastIndexOf('@') || at === t.length - 1) return fail('email', { value: text });
  if (/\s/.test(t)) return fail('email-spaces');
  return ok(t);
}

/** Providers whose user names are case-insensitive: one account whatever the case. */
export const caseInsensitiveProviders: ReadonlySet<string> = new Set(['github', 'x', 'connpass']);

const profileUrls: Record<string, RegExp> = {
  github: /^(?:https?:\/\/)?(?:www\.)?github\.com\/([^/?#]+)\/?$/i,
  x: /^(?:https?:\/\/)?(?:www\.|mobile\.)?(?:x|twitter)\.com\/([^/?#]+)\/?$/i,
  connpass: /^(?:https?:\/\/)?connpass\.com\/user\/([^/?#]+)\/?$/i,
};

/** Provider names as people write them → the provider key accounts use. */
export function normaliseProvider(text: string): string {
  const p = text.normalize('NFKC').trim().toLowerCase();
  return p === 'twitter' ? 'x' : p;
}

/**
 * A user name on a service: trimmed, leading @ dropped, a profile URL reduced
 * to its user name, and lower-cased (after NFKC) where the service ignores case.
 */
export function normaliseHandle(provider: string, handle: string): Parsed<string> {
  const p = normaliseProvider(provider);
  let h = handle.trim();
  const url = profileUrls[p]?.exec(h);
  if (url?.[1] !== undefined) h = url[1];
  h = h.replace(/^@/, '').trim();
  if (caseInsensitiveProviders.has(p)) {
    h = fold(h);
    if (/\s/.test(h)) return fail('handle-spaces', { provider: p });
  }
  return h === '' ? fail('handle-empty') : ok(h);
}
