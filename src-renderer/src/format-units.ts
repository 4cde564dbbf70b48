/** Sizes and durations for the Import page, in the UI language. */

const UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/** 1,536 → "1.5 kB": decimal units, as macOS shows file sizes. */
export function formatBytes(bytes: number, locale: string): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: UNITS[unit],
    // "512 bytes": the short form of byte is the same word, unpluralised.
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: digits,
  }).format(value);
}

function unitFormat(locale: string, unit: 'hour' | 'minute' | 'second', value: number): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 0 }).format(value);
}

/** Whole seconds under a minute, then "2 min 5 sec", then hours and minutes. */
export function formatDuration(ms: number, locale: string): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) {
    // Sub-second jobs are common (small files): say "0.4 sec" rather than "0 sec".
    if (ms > 0 && ms < 950) {
      return new Intl.NumberFormat(locale, { style: 'unit', unit: 'second', unitDisplay: 'short', maximumFractionDigits: 1 }).format(
        Math.max(0.1, ms / 1000),
      );
    }
    return unitFormat(locale, 'second', seconds);
  }
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = seconds % 60;
  if (hours > 0) return `${unitFormat(locale, 'hour', hours)} ${unitFormat(locale, 'minute', minutes)}`;
  return rest === 0
    ? unitFormat(locale, 'minute', minutes)
    : `${unitFormat(locale, 'minute', minutes)} ${unitFormat(locale, 'second', rest)}`;
}
