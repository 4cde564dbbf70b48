/**
 * Lookbacks of multi-touch attribution: counted in 24-hour days back from the
 * conversion's instant, both ends included, up to a year. Its own module so
 * that attribution.ts, roi-steps.ts and roi-steps-build.ts share it without importing each other.
 */

/** The longest lookback a query may ask for; roi_steps covers every lookback up to it. */
export const MAX_LOOKBACK_DAYS = 365;

/** SQL: `days` (a SQL integer expression) as an interval of whole 24-hour days. */
export const lookbackInterval = (days: string) => `make_interval(hours => 24 * (${days}))`;

/**
 * SQL: the age in days of a touch at `touched` for a conversion at `converted` (touched ≤ converted):
 * 24-hour days rounded up, as `ceil(extract(epoch from converted - touched) / 86400)` — without its
 * numeric arithmetic, per pair. A difference of instants is whole days and a time of day under 24
 * hours, so the age is those days, plus one for any time left over.
 */
export const ageSql = (converted: string, touched: string) =>
  `(date_part('day', ${converted} - ${touched})::int + ((${converted} - ${touched})::time > '00:00')::int)`;
