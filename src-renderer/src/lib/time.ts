/** Times as the pages show them: parsed from the core's ISO strings, said relative to now. */

/** A parsed ISO time, or null for a missing or unreadable one. */
export function parseTime(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export type RelativeUnit = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';

/** The unit a relative time reads best in: "3 hours ago", "2 months ago". Negative is the past. */
export function relativeParts(thenMs: number, nowMs: number): { value: number; unit: RelativeUnit } {
  const diff = (thenMs - nowMs) / 1000;
  const abs = Math.abs(diff);
  const round = (n: number) => Math.round(n) || 0;
  if (abs < 60) return { value: round(diff), unit: 'second' };
  if (abs < 3600) return { value: round(diff / 60), unit: 'minute' };
  if (abs < 86_400) return { value: round(diff / 3600), unit: 'hour' };
  if (abs < 30 * 86_400) return { value: round(diff / 86_400), unit: 'day' };
  if (abs < 365 * 86_400) return { value: round(diff / (30 * 86_400)), unit: 'month' };
  return { value: round(diff / (365 * 86_400)), unit: 'year' };
}
