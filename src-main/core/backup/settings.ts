/**
 * Where backups go and when, per machine: `backup-settings.json` in the data
 * folder. Not in the database: the folder is a path on this machine (wrong
 * for anyone else sharing an external database), and a restore must not
 * change where the app keeps its backups, nor lose that setting.
 *
 * For an external database (`--database-url`), the app's own data folder
 * keeps one home per server and database: `<data folder>/external/<host>-<port>-<database>/`,
 * with the same settings file and a `backups/` folder.
 */
import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve, sep } from 'node:path';
import { z } from 'zod';
import { backupSchedules } from '../../../src-shared/contract/backup';
import { CoreError } from '../errors';
import { writeFileAtomic } from '../files/atomic-write';
import { defaultUserDataDir } from '../paths';

export interface BackupTarget {
  dataDir?: string;
  databaseUrl?: string;
  /** Overrides the home of an external database's settings and backups (tests, benchmarks). */
  stateDir?: string;
}

const stored = z.object({
  /** Absolute path; null = `<home>/backups`. */
  folder: z.string().refine(isAbsolute).nullable().catch(null),
  schedule: z.enum(backupSchedules).catch('daily'),
});
export type StoredBackupSettings = z.infer<typeof stored>;

const DEFAULTS: StoredBackupSettings = { folder: null, schedule: 'daily' };

/** The folder holding the settings file and, by default, the backups. */
export function backupHome(target: BackupTarget): string {
  if (target.stateDir) return target.stateDir;
  if (target.dataDir) return target.dataDir;
  return join(defaultUserDataDir(), 'external', externalSlug(target.databaseUrl ?? ''));
}

/** `postgres://u:p@db.example.com:5433/drm` → `db.example.com-5433-drm`: readable, one per database. */
export function externalSlug(url: string): string {
  try {
    const parsed = new URL(url);
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres';
    const slug = `${parsed.hostname || 'localhost'}-${parsed.port || '5432'}-${database}`.replace(/[^A-Za-z0-9._-]/g, '_');
    if (slug.length > 0 && slug.length <= 120) return slug;
  } catch {
    // fall through to a hash: still one folder per connection string
  }
  return `database-${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;
}

export const defaultBackupFolder = (home: string) => join(home, 'backups');
const settingsFile = (home: string) => join(home, 'backup-settings.json');

/** The settings, or the defaults when there is no file (a damaged one also reads as defaults). */
export function readBackupSettings(home: string): StoredBackupSettings {
  let raw: string;
  try {
    raw = readFileSync(settingsFile(home), 'utf8');
  } catch {
    return { ...DEFAULTS };
  }
  try {
    return stored.parse(JSON.parse(raw));
  } catch {
    return { ...DEFAULTS };
  }
}

export function writeBackupSettings(home: string, settings: StoredBackupSettings): void {
  mkdirSync(home, { recursive: true, mode: 0o700 });
  writeFileAtomic(settingsFile(home), `${JSON.stringify(stored.parse(settings), null, 2)}\n`);
}

export function backupFolder(home: string, settings: StoredBackupSettings = readBackupSettings(home)): string {
  return settings.folder ?? defaultBackupFolder(home);
}

/**
 * Makes `folder` the backup folder after checking that it is an absolute
 * path this user can create and write; refuses the app's own PostgreSQL
 * cluster folder (a backup there could be lost with the cluster).
 */
export function setBackupFolder(home: string, folder: string): void {
  if (!isAbsolute(folder)) throw new CoreError('BAD_INPUT', `The backup folder must be an absolute path, got "${folder}".`);
  const resolved = resolve(folder);
  const cluster = join(home, 'pgdata');
  if (resolved === cluster || resolved.startsWith(`${cluster}${sep}`)) {
    throw new CoreError('BAD_INPUT', `${resolved} is inside the database's own folder; choose a folder outside ${cluster}.`);
  }
  try {
    mkdirSync(resolved, { recursive: true, mode: 0o700 });
    accessSync(resolved, constants.W_OK);
  } catch (error) {
    throw new CoreError(
      'BAD_INPUT',
      `Backups cannot be written to ${resolved}: ${(error as Error).message}. Choose a folder you can write to.`,
    );
  }
  writeBackupSettings(home, { ...readBackupSettings(home), folder: resolved });
}
