/**
 * Backups shaped for Settings → Backups and the Status page: rows with the counts people know their data
 * by, the progress of a backup or restore as a fraction and a sentence, and
 * what a restore replaces (now vs in the backup). Pure, unit-tested.
 */
import type { SystemStatus } from '../../../src-shared/contract/system';
import type { BackupEntry, BackupList, BackupProgress } from '../../../src-shared/contract/backup';

export interface BackupRow {
  id: string;
  createdAt: Date;
  kind: BackupEntry['kind'];
  bytes: number;
  developers: number;
  activities: number;
  problem: string | null;
}

export function backupRows(list: BackupList): BackupRow[] {
  return list.backups.map((b) => ({
    id: b.id,
    createdAt: new Date(b.createdAt),
    kind: b.kind,
    bytes: b.bytes,
    developers: b.tables.developers ?? 0,
    activities: b.tables.activities ?? 0,
    problem: b.problem,
  }));
}

export interface ProgressView {
  /** 0–1 while copying or loading; null when the step has no measure (the bar is indeterminate). */
  fraction: number | null;
  /** The i18n key under `backups.progress`, and the table it names. */
  message: 'copying' | 'copyingStart' | 'verifying' | 'loading' | 'indexing' | 'migrating' | 'rebuilding';
  table: string | null;
}

export function progressView(p: BackupProgress | null): ProgressView | null {
  if (!p || p.phase === 'done' || p.phase === 'failed') return null;
  const measured = (p.phase === 'copying' || p.phase === 'loading') && p.bytesTotal > 0;
  const fraction = measured ? Math.min(1, p.bytesDone / p.bytesTotal) : null;
  const message = p.phase === 'copying' && p.table === null ? 'copyingStart' : p.phase;
  return { fraction, message, table: p.table };
}

export interface ReplacedCount {
  key: 'developers' | 'activities' | 'campaigns';
  /** null while the status is not loaded. */
  now: number | null;
  inBackup: number;
}

/** What the confirmation names: the counts people recognise, now and in the backup. */
export function replacedCounts(status: SystemStatus | undefined, backup: BackupEntry): ReplacedCount[] {
  return (['developers', 'activities', 'campaigns'] as const).map((key) => ({
    key,
    now: status ? (status.rows[key] ?? 0) : null,
    inBackup: backup.tables[key] ?? 0,
  }));
}

export interface BackupSummary {
  latest: BackupEntry | null;
  count: number;
}

/** The Status page's line: the newest backup that can be restored, and how many there are. */
export function backupSummary(list: BackupList): BackupSummary {
  const sound = list.backups.filter((b) => b.problem === null);
  const latest = sound.reduce<BackupEntry | null>((newest, b) => (!newest || b.createdAt > newest.createdAt ? b : newest), null);
  return { latest, count: list.backups.length };
}
