/**
 * Backups wired into a running core: the service, its channels, and (for
 * long-lived shells) the daily schedule. See format.ts for the file, write.ts
 * and restore.ts for how it is made and read back, settings.ts for where.
 */
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import type { ShellCapabilities } from '../types';
import { backupHandlers } from './handlers';
import { failureIsNews, runScheduledBackup, startSchedule, type LastAutomatic, type ToldFailure } from './schedule';
import { createBackupService, type BackupService } from './service';

export { backupBeforeMigrating } from './pre-migration';
export { backupHome, type BackupTarget } from './settings';
export type { BackupService } from './service';

export interface BackupsOptions {
  url: string;
  migrationsDir: string;
  home: string;
  events: CoreEvents;
  appVersion: string;
  shell?: ShellCapabilities;
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  importing(): boolean;
  /** The app's own embedded server: backups and restores take every tenant (service.ts). */
  ownServer: boolean;
  /** Told when a scheduled backup failed (notifications); its own failure is not the schedule's. */
  onScheduledFailure?(error: string, at: Date): Promise<void>;
}

export interface Backups {
  service: BackupService;
  handlers: DomainHandlers;
  /** Starts the daily backup; returns the function that stops it. */
  schedule(): () => void;
  /** One check of the schedule, as the timer makes it (`now` for tests). */
  checkSchedule(now?: Date): Promise<void>;
}

export function createBackups(options: BackupsOptions): Backups {
  const service = createBackupService(options);
  let last: LastAutomatic | null = null;
  // The failure last told, until a scheduled backup succeeds.
  let told: ToldFailure | null = null;
  const checkSchedule = async (now = new Date()) => {
    const done = await runScheduledBackup(service, options.home, now);
    if (!done) return;
    last = done;
    if (done.error === null) {
      told = null;
      return;
    }
    const at = Date.parse(done.at);
    if (!failureIsNews(told, done.error, at)) return;
    told = { error: done.error, at };
    await options.onScheduledFailure?.(done.error, new Date(at)).catch(() => undefined);
  };
  return {
    service,
    handlers: backupHandlers({ service, home: options.home, shell: options.shell, lastAutomatic: () => last }),
    schedule: () => startSchedule(() => checkSchedule()),
    checkSchedule,
  };
}
