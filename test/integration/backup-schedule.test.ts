/**
 * The daily backup: made when the newest backup is a day old and the
 * database holds data, not again the same day, not when switched off, a
 * failure reported rather than thrown, and told to the channels once, not
 * at every hourly check while it lasts; and retention applied after it, which
 * never deletes a backup made before a migration or by hand.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackups } from '../../src-main/core/backup/index';
import { backupFileName, parseBackupName } from '../../src-main/core/backup/names';
import { runScheduledBackup } from '../../src-main/core/backup/schedule';
import { writeBackupSettings } from '../../src-main/core/backup/settings';
import { createCoreEvents } from '../../src-main/core/events';
import { resolveMigrationsDir } from '../../src-main/core/paths';
import { importFile, writeCsv } from '../helpers/imports';
import { useBackupCore } from '../helpers/backup';

const backup = useBackupCore('backup-schedule');
const { state, folder } = backup;
const DAY = 24 * 60 * 60 * 1000;

describe('the daily backup', () => {
  it('is not made for a database without data', async () => {
    expect(await runScheduledBackup(backup.core.backups, state)).toBeUndefined();
    expect(existsSync(folder)).toBe(false);
  });

  it('is made once a day, and not when switched off', async () => {
    const csv = 'occurred_at,action,source,email\n2026-01-05T10:00:00Z,signup,web,a@example.com\n';
    expect((await importFile(backup.core, writeCsv(backup.dir, 'a.csv', csv), { type: 'activities' })).status).toBe('succeeded');
    const made = await runScheduledBackup(backup.core.backups, state);
    expect(made).toMatchObject({ id: expect.stringMatching(/-daily\.drmbackup$/), error: null });
    expect(await runScheduledBackup(backup.core.backups, state, new Date(Date.now() + DAY / 2))).toBeUndefined();
    writeBackupSettings(state, { folder: null, schedule: 'off' });
    expect(await runScheduledBackup(backup.core.backups, state, new Date(Date.now() + 2 * DAY))).toBeUndefined();
    writeBackupSettings(state, { folder: null, schedule: 'daily' });
    expect(await runScheduledBackup(backup.core.backups, state, new Date(Date.now() + 2 * DAY))).toMatchObject({ error: null });
  });

  it('prunes to 7 days and 4 weeks after each backup, keeping pre-migration and manual ones', async () => {
    const now = Date.now();
    const fake = (kind: 'daily' | 'manual' | 'pre-migration', daysAgo: number) => {
      const name = backupFileName(kind, new Date(now - daysAgo * DAY));
      writeFileSync(join(folder, name), 'old');
      return name;
    };
    for (let d = 1; d <= 60; d++) fake('daily', d);
    const manual = fake('manual', 90);
    const preMigration = fake('pre-migration', 45);
    writeFileSync(join(folder, 'copied-from-elsewhere.drmbackup'), 'x');
    // Due: the newest backup is made "2 days" from now.
    expect(await runScheduledBackup(backup.core.backups, state, new Date(now + 3 * DAY))).toMatchObject({ error: null });

    const left = readdirSync(folder).filter((n) => n.endsWith('.drmbackup'));
    expect(left).toEqual(expect.arrayContaining([manual, preMigration, 'copied-from-elsewhere.drmbackup']));
    const dailies = left.flatMap((n) => (parseBackupName(n)?.kind === 'daily' ? [parseBackupName(n)!.createdAt] : []));
    const days = new Set(dailies.map((d) => d.toISOString().slice(0, 10)));
    expect(dailies).toHaveLength(days.size);
    // 7 daily ones (today's counts) and 4 weekly ones before them.
    expect(dailies).toHaveLength(11);
  });

  it('reports a backup that fails instead of throwing, and never creates a chosen folder that is gone', async () => {
    const unplugged = join(backup.dir, 'usb-drive', 'backups');
    writeBackupSettings(state, { folder: unplugged, schedule: 'daily' });
    const failed = await runScheduledBackup(backup.core.backups, state);
    expect(failed).toMatchObject({
      id: null,
      error: expect.stringMatching(/backup folder .*usb-drive\/backups is not there \(is its drive connected\?\)/),
    });
    expect(existsSync(unplugged)).toBe(false);
  });

  it('tells the channels of a lasting failure once, again when it changes or a day on, and anew after a success', async () => {
    const told: string[] = [];
    const backups = createBackups({
      url: backup.url,
      migrationsDir: resolveMigrationsDir({ packaged: false }),
      home: state,
      events: createCoreEvents(),
      appVersion: 'test',
      exclusive: (work) => work(),
      importing: () => false,
      ownServer: false,
      onScheduledFailure: async (error, at) => void told.push(`${at.toISOString()} ${error}`),
    });
    const hour = 60 * 60 * 1000;
    // Every check is a day past the newest backup, so each one backs up (or fails to).
    const start = Date.now() + 10 * DAY;
    const check = (hours: number) => backups.checkSchedule(new Date(start + hours * hour));
    const unplugged = join(backup.dir, 'usb-stick', 'backups');
    writeBackupSettings(state, { folder: unplugged, schedule: 'daily' });

    await check(0);
    await check(1);
    await check(2);
    expect(told).toHaveLength(1);
    expect(told[0]).toMatch(/usb-stick\/backups is not there/);
    // Another failure is news.
    writeBackupSettings(state, { folder: join(backup.dir, 'other-stick', 'backups'), schedule: 'daily' });
    await check(3);
    expect(told).toHaveLength(2);
    expect(told[1]).toMatch(/other-stick\/backups is not there/);
    // The same one, a day after it was told, is said again.
    await check(3 + 23);
    expect(told).toHaveLength(2);
    await check(3 + 24);
    expect(told).toHaveLength(3);
    // A success ends it: the next failure is told at once.
    writeBackupSettings(state, { folder: null, schedule: 'daily' });
    await check(3 + 24 + 1);
    expect(told).toHaveLength(3);
    writeBackupSettings(state, { folder: join(backup.dir, 'other-stick', 'backups'), schedule: 'daily' });
    await check(3 + 24 + 1 + 25);
    expect(told).toHaveLength(4);
    await backups.service.close();
  });
});
