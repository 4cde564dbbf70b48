/** Time zones offered for an import; any other IANA zone can be typed. */
export const COMMON_TIME_ZONES = [
  'Asia/Tokyo',
  'UTC',
  'America/Los_Angeles',
  'America/New_York',
  'Europe/London',
  'Europe/Berlin',
  'Asia/Seoul',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Asia/Kolkata',
  'Australia/Sydney',
] as const;

/** The zone of the computer the browser runs on; UTC if it cannot say. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

function supportedZones(): readonly string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

/**
 * An IANA zone name the engine can use. `supportedValuesOf` lists canonical
 * names only (not `UTC` or `Asia/Calcutta` in every engine), so a name it lacks
 * is still accepted when `Intl.DateTimeFormat` takes it; offsets like `+09:00`
 * are not zone names.
 */
export function isValidTimeZone(zone: string, supported: readonly string[] = supportedZones()): boolean {
  const name = zone.trim();
  if (name === '' || !/^[A-Za-z]/.test(name)) return false;
  if (supported.includes(name)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The select's choices: the user's own zone first when it is not already common. */
export function timeZoneChoices(own: string): string[] {
  const common: string[] = [...COMMON_TIME_ZONES];
  return common.includes(own) ? common : [own, ...common];
}
