/**
 * Backup file names: `drm-backup-2026-12-05T07-53-34-123Z-daily.drmbackup`.
 * The UTC time and the kind are in the name, so that retention and the list
 * need not open a file to sort it, and the names sort by time. Files copied
 * into the folder under other names are listed too, but never pruned.
 */
import { backupKinds, type BackupKind } from '../../../src-shared/contract/backup';

export const BACKUP_EXTENSION = '.drmbackup';

const NAME = new RegExp(
  `^drm-backup-(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})-(\\d{3})Z(?:-(\\d+))?-(${backupKinds.join('|')})\\.drmbackup$`,
);

/** The file name for a backup of `kind` made at `at`; `attempt` > 0 when that name is taken. */
export function backupFileName(kind: BackupKind, at: Date, attempt = 0): string {
  const stamp = at.toISOString().replace(/:/g, '-').replace('.', '-');
  return `drm-backup-${stamp.slice(0, -1)}Z${attempt > 0 ? `-${attempt}` : ''}-${kind}${BACKUP_EXTENSION}`;
}

export interface ParsedName {
  kind: BackupKind;
  createdAt: Date;
}

/** The kind and time in one of our names; undefined for any other name. */
export function parseBackupName(name: string): ParsedName | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms, , kind] = m;
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`;
  const createdAt = new Date(iso);
  // Date would roll month 13 over into the next year: only a real instant is ours.
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== iso) return undefined;
  return { kind: kind as BackupKind, createdAt };
}

/** Whether a folder entry is a backup to list (temp files of a backup in progress start with a dot). */
export function isBackupFileName(name: string): boolean {
  return name.endsWith(BACKUP_EXTENSION) && !name.startsWith('.');
}
