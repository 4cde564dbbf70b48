/**
 * Which automatic backups to delete: keep the newest daily backup of each of
 * the last 7 days that have one, then the newest of each of the 4 weeks
 * before those (ISO weeks, Monday first), as `borg prune --keep-daily 7
 * --keep-weekly 4` does: a week whose newest backup is already kept as a
 * daily one does not count as one of the 4. Days and weeks are UTC, like the
 * names.
 *
 * Only `daily` backups are ever deleted. Backups made before a migration or
 * before a restore, made by hand, or copied into the folder under another
 * name are kept until the user deletes them, and so is the newest backup.
 */
import { parseBackupName, type ParsedName } from './names';

export interface RetentionPolicy {
  daily: number;
  weekly: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = { daily: 7, weekly: 4 };

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** ISO 8601 week, e.g. `2026-W49` (the year is the week's Thursday's). */
export function isoWeekOf(d: Date): string {
  const day = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const weekday = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - weekday);
  const yearStart = Date.UTC(day.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((day.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${day.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

type Named = ParsedName & { name: string };

/** One borg rule: the newest backup per period, for the `count` newest periods not already kept. */
function keepPerPeriod(newestFirst: readonly Named[], count: number, period: (d: Date) => string, kept: Set<string>): void {
  let last: string | undefined;
  let added = 0;
  for (const backup of newestFirst) {
    if (added >= count) return;
    const p = period(backup.createdAt);
    if (p === last) continue;
    last = p;
    if (kept.has(backup.name)) continue;
    kept.add(backup.name);
    added += 1;
  }
}

/** The names among `names` to delete under `policy`. */
export function backupsToPrune(names: readonly string[], policy: RetentionPolicy = DEFAULT_RETENTION): string[] {
  const parsed = names.flatMap((name) => {
    const p = parseBackupName(name);
    return p ? [{ ...p, name }] : [];
  });
  const newestFirst = (list: Named[]) =>
    [...list].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.name.localeCompare(a.name));
  const daily = newestFirst(parsed.filter((p) => p.kind === 'daily'));
  const kept = new Set<string>();
  const newest = newestFirst(parsed)[0];
  if (newest) kept.add(newest.name);
  const byRule = new Set<string>();
  keepPerPeriod(daily, policy.daily, dayOf, byRule);
  keepPerPeriod(daily, policy.weekly, isoWeekOf, byRule);
  return daily.filter((b) => !kept.has(b.name) && !byRule.has(b.name)).map((b) => b.name);
}
