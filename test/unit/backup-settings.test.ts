/**
 * Where backups go and when: one home per data folder or external database,
 * a settings file that never breaks a start, a folder that must be usable,
 * and a schedule that checks on its own timer and stops.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { startSchedule } from '../../src-main/core/backup/schedule';
import {
  backupFolder,
  backupHome,
  externalSlug,
  readBackupSettings,
  setBackupFolder,
  writeBackupSettings,
} from '../../src-main/core/backup/settings';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('backup-settings');
afterAll(() => dir.remove());

describe('backupHome', () => {
  it('is the data folder, or one folder per external database under the default data folder', () => {
    expect(backupHome({ dataDir: '/data/drm' })).toBe('/data/drm');
    expect(backupHome({ databaseUrl: 'postgres://u:p@db.example.com:5433/drm', stateDir: '/tmp/state' })).toBe('/tmp/state');
    vi.stubEnv('DRM_DATA_DIR', '/var/drm');
    try {
      expect(backupHome({ databaseUrl: 'postgres://u:secret@db.example.com:5433/drm' })).toBe('/var/drm/external/db.example.com-5433-drm');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('names an external database readably, never with its password, and safely', () => {
    expect(externalSlug('postgres://u:secret@127.0.0.1/team')).toBe('127.0.0.1-5432-team');
    expect(externalSlug('postgres://u@host:6000/a%2Fb')).toBe('host-6000-a_b');
    expect(externalSlug('postgres://u@host:6000/../x')).not.toContain('/');
    expect(externalSlug('not a url')).toMatch(/^database-[0-9a-f]{16}$/);
    expect(externalSlug('not a url')).not.toContain('url');
  });
});

describe('the settings file', () => {
  it('defaults to the data folder and a daily backup, also when damaged', () => {
    const home = join(dir.path, 'home');
    expect(readBackupSettings(home)).toEqual({ folder: null, schedule: 'daily' });
    expect(backupFolder(home)).toBe(join(home, 'backups'));
    mkdirSync(home);
    writeFileSync(join(home, 'backup-settings.json'), '{ not json');
    expect(readBackupSettings(home)).toEqual({ folder: null, schedule: 'daily' });
    writeFileSync(join(home, 'backup-settings.json'), JSON.stringify({ folder: 'relative/path', schedule: 'hourly' }));
    expect(readBackupSettings(home)).toEqual({ folder: null, schedule: 'daily' });
  });

  it('keeps what is written, privately', () => {
    const home = join(dir.path, 'kept');
    writeBackupSettings(home, { folder: '/mnt/usb', schedule: 'off' });
    expect(readBackupSettings(home)).toEqual({ folder: '/mnt/usb', schedule: 'off' });
    expect(JSON.parse(readFileSync(join(home, 'backup-settings.json'), 'utf8'))).toEqual({ folder: '/mnt/usb', schedule: 'off' });
  });

  it('takes a folder only when it is absolute, outside the database, and writable', () => {
    const home = join(dir.path, 'choose');
    expect(() => setBackupFolder(home, 'relative')).toThrow(/absolute path/);
    expect(() => setBackupFolder(home, join(home, 'pgdata', 'inside'))).toThrow(/inside the database's own folder/);
    const file = join(dir.path, 'plain-file');
    writeFileSync(file, 'x');
    expect(() => setBackupFolder(home, join(file, 'sub'))).toThrow(/cannot be written to/);
    setBackupFolder(home, join(dir.path, 'usb', 'backups'));
    expect(backupFolder(home)).toBe(join(dir.path, 'usb', 'backups'));
  });
});

describe('startSchedule', () => {
  it('checks shortly after start, then every interval, never two at once, until stopped', async () => {
    vi.useFakeTimers();
    try {
      let release!: () => void;
      const check = vi.fn(() => new Promise<void>((r) => (release = r)));
      const stop = startSchedule(check, { firstAfterMs: 1_000, everyMs: 60_000 });
      await vi.advanceTimersByTimeAsync(999);
      expect(check).toHaveBeenCalledTimes(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(check).toHaveBeenCalledTimes(1);
      // Still running: the next check is armed only when this one ends.
      await vi.advanceTimersByTimeAsync(120_000);
      expect(check).toHaveBeenCalledTimes(1);
      release();
      await vi.advanceTimersByTimeAsync(60_000);
      expect(check).toHaveBeenCalledTimes(2);
      release();
      stop();
      await vi.advanceTimersByTimeAsync(600_000);
      expect(check).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
