/**
 * One process at a time per data folder. `<dataDir>/drm.lock` names the
 * process that owns the folder (PID and start time) and whether it is still
 * starting. It is taken before anything in the folder is touched (initdb,
 * password recovery, crash recovery, spawning the server) and held until the
 * server is stopped, so two starts can never initialise one folder twice or
 * stop each other's server.
 *
 * The file appears with its content in one step (link of a written temp
 * file), so a reader never sees it empty. A lock whose process is gone (or is
 * another process that reuses its PID) is stale and is broken under a second,
 * short-lived lock, so two processes breaking it at once cannot both win.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../files/atomic-write';
import { processStartTime, isSameProcess } from './processes';

const holderSchema = z.object({
  pid: z.number().int().positive(),
  startTime: z.string().optional(),
  phase: z.enum(['starting', 'running']),
});
type Holder = z.infer<typeof holderSchema>;

export const lockFile = (dataDir: string) => join(dataDir, 'drm.lock');

/** The data folder belongs to another live process. */
export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number,
    still: 'starting' | 'running',
  ) {
    super(
      still === 'running'
        ? `The data folder ${dataDir} is already in use by process ${ownerPid}, which runs its PostgreSQL server. ` +
            `Close the other DRM Desktop window or \`drm\` command (PID ${ownerPid}) first, or use another data folder.`
        : `The data folder ${dataDir} is already in use by process ${ownerPid}, which has been starting its PostgreSQL server ` +
            `for too long. Wait for it or close it (PID ${ownerPid}), or use another data folder.`,
    );
    this.name = 'DataDirInUseError';
  }
}

export interface DataLock {
  /** Tells waiting processes the start is over: they refuse instead of waiting. */
  markRunning(): void;
  /** Gives the folder up; only removes the lock if it is still ours. */
  release(): void;
}

export interface LockOptions {
  /** How long to wait for another process that is still starting on this folder. */
  waitMs: number;
  /** Called once when this start has to wait for another process. */
  onWait?: (ownerPid: number) => void;
}

export async function acquireDataLock(dataDir: string, options: LockOptions): Promise<DataLock> {
  const file = lockFile(dataDir);
  const me: Holder = { pid: process.pid, startTime: processStartTime(process.pid), phase: 'starting' };
  const deadline = Date.now() + options.waitMs;
  let waited = false;
  for (;;) {
    if (tryCreate(file, me)) return held(file, me);
    const raw = readRaw(file);
    if (raw === undefined) continue; // released between our create and our read: try again
    const holder = parseHolder(raw);
    if (holder && isSameProcess(holder.pid, holder.startTime)) {
      if (holder.phase === 'running' || Date.now() > deadline) throw new DataDirInUseError(dataDir, holder.pid, holder.phase);
      if (!waited) options.onWait?.(holder.pid);
      waited = true;
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    // Its process is gone (killed, crashed, power cut) or the file is unreadable: stale.
    if (!breakStale(file, raw)) await new Promise((r) => setTimeout(r, 20));
  }
}

function held(file: string, me: Holder): DataLock {
  return {
    markRunning() {
      writeFileAtomic(file, JSON.stringify({ ...me, phase: 'running' }));
    },
    release() {
      const holder = parseHolder(readRaw(file) ?? '');
      if (holder?.pid === me.pid && holder.startTime === me.startTime) rmSync(file, { force: true });
    },
  };
}

/** Creates `file` with `holder` in it, or returns false when it exists. */
function tryCreate(file: string, holder: Holder): boolean {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, JSON.stringify(holder), { mode: 0o600, flag: 'wx' });
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

/**
 * Removes a stale lock, but only if it still holds what we judged stale:
 * the short "break" lock makes the check and the removal one step, so a
 * process that broke it first and took the folder cannot lose it to us.
 */
function breakStale(file: string, staleRaw: string): boolean {
  const breaker = `${file}.break`;
  const me: Holder = { pid: process.pid, startTime: processStartTime(process.pid), phase: 'starting' };
  if (!tryCreate(breaker, me)) {
    // Someone else is breaking it (a few milliseconds), unless they died doing so.
    const other = parseHolder(readRaw(breaker) ?? '');
    if (!other || !isSameProcess(other.pid, other.startTime)) rmSync(breaker, { force: true });
    return false;
  }
  try {
    if (readRaw(file) === staleRaw) rmSync(file, { force: true });
    return true;
  } finally {
    rmSync(breaker, { force: true });
  }
}

function readRaw(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseHolder(raw: string): Holder | undefined {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
