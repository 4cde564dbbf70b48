/**
 * Timestamps as the exports write them. Everything is Asia/Tokyo, which has
 * had no daylight saving time since 1951, so local time is UTC + 9 h exactly
 * and formatting needs no time-zone library (and stays fast for 10M rows).
 */

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const JST = 9 * HOUR;

/** The generated year: 2024-04-01 00:00 JST (a Japanese fiscal year) for 365 days. */
export const WINDOW_START = Date.UTC(2024, 3, 1) - JST;
export const WINDOW_DAYS = 365;
export const WINDOW_END = WINDOW_START + WINDOW_DAYS * DAY;

/** `2024-05-01T10:00:00.000` read in JST. */
const local = (ms: number): string => new Date(ms + JST).toISOString();

/** `2024-05-01 10:00:00`: the activities template's usual form, zone given by the import. */
export function formatLocal(ms: number): string {
  const iso = local(ms);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** `2024-05-01T10:00:00+09:00` */
export const formatOffset = (ms: number): string => `${local(ms).slice(0, 19)}+09:00`;

/** `2024-05-01T01:00:00Z` (GitHub's form). */
export const formatUtc = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** `2024-05-01` in JST. */
export const formatDate = (ms: number): string => local(ms).slice(0, 10);

/** `2024/05/01`, as spreadsheets export dates. */
export const formatSlashDate = (ms: number): string => formatDate(ms).replaceAll('-', '/');

/** connpass's `2024年5月18日 13時02分` (minutes zero-padded, the rest not). */
export function formatJapanese(ms: number): string {
  const d = new Date(ms + JST);
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${d.getUTCHours()}時${mm}分`;
}

/** Start of the JST day that contains `ms`. */
export const dayStart = (ms: number): number => Math.floor((ms + JST) / DAY) * DAY - JST;
