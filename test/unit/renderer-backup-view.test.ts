/**
 * Backups shaped for Settings → Backups and the Status page: rows, progress,
 * what a restore replaces, and the last backup that can be restored.
 */
import { describe, expect, it } from 'vitest';
import type { SystemStatus } from '../../src-shared/contract/system';
import type { BackupEntry, BackupProgress } from '../../src-shared/contract/backup';
import { backupRows, backupSummary, progressView, replacedCounts } from '../../src-renderer/src/lib/backup-view';

const entry = (over: Partial<BackupEntry>): BackupEntry => ({
  id: 'b.drmbackup',
  kind: 'manual',
  createdAt: '2026-12-05T07:00:00.000Z',
  bytes: 1000,
  appVersion: '0.1.0',
  migration: '0002_derived',
  tables: { developers: 12, activities: 340, campaigns: 3 },
  problem: null,
  ...over,
});

const progress = (over: Partial<BackupProgress>): BackupProgress => ({
  operation: 'backup',
  phase: 'copying',
  table: 'activities',
  tablesDone: 1,
  tablesTotal: 26,
  bytesDone: 250,
  bytesTotal: 1000,
  message: null,
  ...over,
});

describe('backupRows', () => {
  it('gives each backup its time, counts and problem', () => {
    const rows = backupRows({ folder: '/b', backups: [entry({}), entry({ id: 'x.drmbackup', tables: {}, problem: 'damaged' })] });
    expect(rows[0]).toEqual({
      id: 'b.drmbackup',
      createdAt: new Date('2026-12-05T07:00:00.000Z'),
      kind: 'manual',
      bytes: 1000,
      developers: 12,
      activities: 340,
      problem: null,
    });
    expect(rows[1]).toMatchObject({ developers: 0, activities: 0, problem: 'damaged' });
  });
});

describe('progressView', () => {
  it('measures copying and loading by bytes, and nothing else', () => {
    expect(progressView(progress({}))).toEqual({ fraction: 0.25, message: 'copying', table: 'activities' });
    expect(progressView(progress({ operation: 'restore', phase: 'loading', bytesDone: 2000 }))!.fraction).toBe(1);
    expect(progressView(progress({ phase: 'copying', table: null, bytesTotal: 0 }))).toEqual({
      fraction: null,
      message: 'copyingStart',
      table: null,
    });
    expect(progressView(progress({ operation: 'restore', phase: 'rebuilding', table: null }))).toEqual({
      fraction: null,
      message: 'rebuilding',
      table: null,
    });
  });

  it('has nothing to show before the first event or after the end', () => {
    expect(progressView(null)).toBeNull();
    expect(progressView(progress({ phase: 'done' }))).toBeNull();
    expect(progressView(progress({ phase: 'failed' }))).toBeNull();
  });
});

describe('replacedCounts', () => {
  it('names developers, activities and campaigns now and in the backup', () => {
    const status = { rows: { developers: 20, activities: 500 } } as unknown as SystemStatus;
    expect(replacedCounts(status, entry({}))).toEqual([
      { key: 'developers', now: 20, inBackup: 12 },
      { key: 'activities', now: 500, inBackup: 340 },
      { key: 'campaigns', now: 0, inBackup: 3 },
    ]);
    expect(replacedCounts(undefined, entry({})).map((r) => r.now)).toEqual([null, null, null]);
  });
});

describe('backupSummary', () => {
  it('names the newest backup that can be restored, and counts them all', () => {
    const backups = [
      entry({ id: 'damaged', createdAt: '2026-12-06T00:00:00.000Z', problem: 'damaged' }),
      entry({ id: 'newest-sound', createdAt: '2026-12-05T09:00:00.000Z' }),
      entry({ id: 'older', createdAt: '2026-12-01T09:00:00.000Z' }),
    ];
    expect(backupSummary({ folder: '/b', backups })).toEqual({ latest: backups[1], count: 3 });
    expect(backupSummary({ folder: '/b', backups: [] })).toEqual({ latest: null, count: 0 });
  });
});
