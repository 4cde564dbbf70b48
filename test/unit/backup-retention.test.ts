/**
 * Retention keeps exactly the newest daily backup of each of the last 7 days
 * that have one and of each of the 4 weeks before those, and never deletes a
 * backup made before a migration, before a restore, by hand, under another
 * name, or the newest one.
 */
import { describe, expect, it } from 'vitest';
import { backupFileName, parseBackupName } from '../../src-main/core/backup/names';
import { backupsToPrune, isoWeekOf } from '../../src-main/core/backup/retention';

const at = (iso: string) => new Date(iso);
const daily = (iso: string) => backupFileName('daily', at(iso));

/** What remains after pruning `names`. */
const kept = (names: string[]) => {
  const doomed = new Set(backupsToPrune(names));
  return names.filter((n) => !doomed.has(n));
};

describe('backup names', () => {
  it('carry the kind and the UTC time, to the millisecond, and sort by time', () => {
    const name = backupFileName('pre-migration', at('2026-12-05T07:53:34.123Z'));
    expect(name).toBe('drm-backup-2026-12-05T07-53-34-123Z-pre-migration.drmbackup');
    expect(parseBackupName(name)).toEqual({ kind: 'pre-migration', createdAt: at('2026-12-05T07:53:34.123Z') });
    expect(parseBackupName(backupFileName('manual', at('2026-12-05T07:53:34.123Z'), 2))).toEqual({
      kind: 'manual',
      createdAt: at('2026-12-05T07:53:34.123Z'),
    });
    expect([daily('2026-12-05T10:00:00Z'), daily('2026-11-30T10:00:00Z')].sort()).toEqual([
      daily('2026-11-30T10:00:00Z'),
      daily('2026-12-05T10:00:00Z'),
    ]);
  });

  it('other names are not ours', () => {
    for (const name of [
      'backup.drmbackup',
      'drm-backup-2026-12-05T07-53-34-123Z-weekly.drmbackup',
      'drm-backup-2026-13-45T07-53-34-123Z-daily.drmbackup',
      'drm-backup-2026-12-05T07-53-34-123Z-daily.drmbackup.partial',
    ]) {
      expect(parseBackupName(name), name).toBeUndefined();
    }
  });
});

describe('ISO weeks', () => {
  it('start on Monday and belong to the year of their Thursday', () => {
    expect(isoWeekOf(at('2026-11-30T00:00:00Z'))).toBe('2026-W49'); // Monday
    expect(isoWeekOf(at('2026-12-06T23:59:59Z'))).toBe('2026-W49'); // Sunday
    expect(isoWeekOf(at('2026-12-07T00:00:00Z'))).toBe('2026-W50');
    expect(isoWeekOf(at('2027-01-01T12:00:00Z'))).toBe('2026-W53');
    expect(isoWeekOf(at('2024-12-30T12:00:00Z'))).toBe('2025-W01');
  });
});

describe('retention', () => {
  it('keeps everything while there are 7 days or fewer', () => {
    const names = ['2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06', '2026-12-07'].map((d) =>
      daily(`${d}T03:00:00Z`),
    );
    expect(backupsToPrune(names)).toEqual([]);
  });

  it('keeps the newest of each day, for the last 7 days that have one', () => {
    const names = [
      daily('2026-12-07T03:00:00Z'),
      daily('2026-12-07T15:00:00Z'), // newer the same day: this one stays
      daily('2026-12-06T03:00:00Z'),
      daily('2026-12-04T03:00:00Z'), // a missing day does not use up a slot
      daily('2026-12-03T03:00:00Z'),
      daily('2026-12-02T03:00:00Z'),
      daily('2026-12-01T03:00:00Z'),
      daily('2026-11-30T03:00:00Z'), // the 7th day: Monday of week 49
    ];
    expect(backupsToPrune(names)).toEqual([daily('2026-12-07T03:00:00Z')]);
  });

  it('then the newest of each of the 4 weeks before them, exactly as borg prune counts', () => {
    // One daily backup every day from 2026-10-01 to 2026-12-07 (a Monday).
    const names: string[] = [];
    for (let t = Date.parse('2026-10-01T03:00:00Z'); t <= Date.parse('2026-12-07T03:00:00Z'); t += 86_400_000)
      names.push(daily(new Date(t).toISOString()));
    const days = [
      // daily: the last 7 days
      '2026-12-07',
      '2026-12-06',
      '2026-12-05',
      '2026-12-04',
      '2026-12-03',
      '2026-12-02',
      '2026-12-01',
      // weekly: the newest of W50 (12-07) and of W49 (12-06) are kept already, so those weeks do not
      // count; then the Sundays of W48, W47, W46 and W45
      '2026-11-29',
      '2026-11-22',
      '2026-11-15',
      '2026-11-08',
    ];
    expect(kept(names).sort()).toEqual(days.map((d) => daily(`${d}T03:00:00Z`)).sort());
  });

  it('never deletes other kinds, other names, or the newest backup', () => {
    const names: string[] = [];
    for (let d = 1; d <= 28; d++) names.push(daily(`2026-11-${String(d).padStart(2, '0')}T03:00:00Z`));
    const others = [
      backupFileName('pre-migration', at('2026-01-01T00:00:00Z')),
      backupFileName('pre-restore', at('2026-02-01T00:00:00Z')),
      backupFileName('manual', at('2026-03-01T00:00:00Z')),
      'my-copy.drmbackup',
    ];
    const doomed = backupsToPrune([...names, ...others]);
    expect(doomed.some((n) => others.includes(n))).toBe(false);
    // 7 days (11-22 … 11-28), then W48 and W47 are covered by them, and only W46, W45, W44 are older.
    expect(doomed).toHaveLength(28 - 7 - 3);
    // A manual backup newer than every daily one is the newest and stays, and changes nothing for the dailies.
    const newestManual = backupFileName('manual', at('2026-12-31T00:00:00Z'));
    expect(backupsToPrune([...names, newestManual])).toEqual(doomed);
  });
});
