/**
 * The daily backup, for shells that stay up (Electron, `drm serve`; never a
 * one-shot command): shortly after start and then every hour, back up when
 * the schedule is on, the newest backup in the folder is a day old or more,
 * and the database holds data. Retention runs after each backup (service.ts).
 */
import { basename } from 'node:path';
import type { z } from 'zod';
import type { lastAutomatic } from '../../../src-shared/contract/backup';
import { newestBackupAt } from './folder';
import { BackupRefusal } from './refusal';
import type { BackupService } from './service';
import { backupFolder, readBackupSettings } from './settings';

export type LastAutomatic = z.infer<typeof lastAutomatic>;

const DAY_MS = 24 * 60 * 60 * 1000;

/** One check of the schedule; what it did, or undefined when nothing was due. */
export async function runScheduledBackup(service: BackupService, home: string, now: Date = new Date()): Promise<LastAutomatic | undefined> {
  const settings = readBackupSettings(home);
  if (settings.schedule !== 'daily') return undefined;
  const newest = await newestBackupAt(backupFolder(home, settings));
  if (newest && now.getTime() - newest.getTime() < DAY_MS) return undefined;
  if (!(await service.hasData())) return undefined;
  try {
    const created = await service.create({ kind: 'daily' });
    return { at: now.toISOString(), id: basename(created.file), error: null };
  } catch (error) {
    // Someone is backing up or restoring right now: the next check comes soon enough.
    if (error instanceof BackupRefusal && error.reason === 'busy') return undefined;
    return { at: now.toISOString(), id: null, error: (error as Error).message };
  }
}

/** A failure the channels were told of, and when. */
export interface ToldFailure {
  error: string;
  at: number;
}

/**
 * Whether a scheduled backup's failure is news: the first one, one with
 * another message, or the same one a day after it was last told. The
 * schedule checks every hour, and a failure that lasts (a backup folder on a
 * drive left unplugged, a database the app cannot back up) notified every
 * channel every hour; a day keeps it from going quiet while it lasts.
 */
export function failureIsNews(told: ToldFailure | null, error: string, at: number): boolean {
  return told === null || told.error !== error || at - told.at >= DAY_MS;
}

export interface ScheduleTiming {
  firstAfterMs: number;
  everyMs: number;
}

export const DEFAULT_TIMING: ScheduleTiming = { firstAfterMs: 15_000, everyMs: 60 * 60 * 1000 };

/** Calls `check` on the schedule's timing until the returned function is called; never overlaps two checks. */
export function startSchedule(check: () => Promise<void>, timing: ScheduleTiming = DEFAULT_TIMING): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = () => {
    void check()
      .catch(() => undefined)
      .finally(() => {
        if (!stopped) arm(timing.everyMs);
      });
  };
  const arm = (ms: number) => {
    timer = setTimeout(tick, ms);
    // A pending check must not keep a process alive.
    timer.unref();
  };
  arm(timing.firstAfterMs);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
