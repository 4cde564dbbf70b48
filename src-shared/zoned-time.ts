/**
 * An instant written as the local time of a zone, with that zone's offset:
 * `2026-03-31T15:30:00Z` in Asia/Tokyo is `2026-04-01T00:30:00+09:00`. CSV
 * exports use it so that a spreadsheet shows the tenant's own clock and
 * still knows the instant (a bare UTC "…Z" reads nine hours off in Tokyo).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      timeZoneName: 'longOffset',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** ISO 8601 in `zone` with its offset; milliseconds only when there are some. */
export function zonedIso(instant: Date | string, zone: string): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const parts: Record<string, string> = {};
  for (const p of formatterFor(zone).formatToParts(date)) parts[p.type] = p.value;
  // "GMT+09:00", or "GMT" for a zero offset.
  const offset = parts.timeZoneName!.replace(/^GMT/, '') || '+00:00';
  const ms = date.getUTCMilliseconds();
  const fraction = ms === 0 ? '' : `.${String(ms).padStart(3, '0')}`;
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}${fraction}${offset}`;
}
