/**
 * Lookbacks of multi-touch attribution: counted in 24-hour days back from the
 * conversion's instant, both ends included, up to a year. Its own module so
 * that attribution.ts and roi-steps.ts share it without importing each other.
 */

/** The longest lookback a query may ask for; roi_steps covers every lookback up to it. */
export const MAX_LOOKBACK_DAYS = 365;

/** SQL: `days` (a SQL integer expression) as an interval of whole 24-hour days. */
export const lookbackInterval = (days: string) => `make_interval(hours => 24 * (${days}))`;
