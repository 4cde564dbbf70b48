/**
 * The files the user chose, by handle. Over IPC and HTTP the core never opens
 * a path the page names: a shell registers the file the user dropped, chose or
 * uploaded, gets back a random handle, and the page passes only that. A handle
 * belongs to one session (an Electron window, one `drm serve` shell, the CLI)
 * and dies with it, or after it has not been used for a while; an uploaded
 * copy is deleted when its handle goes.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { lstat, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import type { RegisteredFile } from '../../../src-shared/contract/files';
import { CoreError } from '../errors';

/** The session of callers inside the core's own process: the CLI, tests, benchmarks. */
export const LOCAL_SESSION = 'local';

/** Unused handles go after this long: a file dropped before lunch is dropped again. */
export const DEFAULT_IDLE_MS = 2 * 60 * 60 * 1000;

export const GONE_MESSAGE = 'This file is no longer available: drop or choose it again.';

export interface RegisterOptions {
  /** The name the user sees (an upload's original name); the path's own name otherwise. */
  name?: string;
  session?: string;
  /** Runs once when the handle goes (session end, idle expiry, core stop): deletes an upload. */
  onForget?: () => Promise<void> | void;
}

export interface ChosenFile {
  path: string;
  name: string;
  size: number;
}

export interface FileRegistry {
  register(path: string, options?: RegisterOptions): Promise<RegisteredFile>;
  /** The file behind a handle of this session, still a regular file where it was; else NOT_FOUND. */
  resolve(handle: string, session?: string): Promise<ChosenFile>;
  /** Forgets every handle of a session (its window closed, its shell stopped). */
  endSession(session: string): Promise<void>;
  /** Forgets everything; the core calls it on stop. */
  close(): Promise<void>;
}

interface Entry {
  path: string;
  name: string;
  session: string;
  lastUsed: number;
  onForget?: () => Promise<void> | void;
}

/** A fresh session id for a shell: unguessable, so no other shell can name it. */
export function newFileSession(kind: string): string {
  return `${kind}:${randomUUID()}`;
}

function newHandle(): string {
  // 24 random bytes are 32 base64url characters: the contract's FILE_HANDLE_PATTERN.
  return `fh_${randomBytes(24).toString('base64url')}`;
}

async function regularFile(path: string, name: string): Promise<{ real: string; size: number }> {
  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    throw new CoreError(
      'BAD_INPUT',
      `Cannot read “${name}” (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}): choose a file that exists`,
    );
  }
  const info = await stat(real);
  if (!info.isFile()) {
    throw new CoreError('BAD_INPUT', `“${name}” is not a regular file: folders, devices and pipes cannot be imported`);
  }
  return { real, size: info.size };
}

export function createFileRegistry(options: { idleMs?: number; now?: () => number } = {}): FileRegistry {
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry>();

  async function forget(handles: string[]): Promise<void> {
    const gone = handles.flatMap((handle) => {
      const entry = entries.get(handle);
      entries.delete(handle);
      return entry?.onForget ? [entry.onForget] : [];
    });
    const results = await Promise.allSettled(gone.map(async (cleanup) => cleanup()));
    for (const result of results) {
      if (result.status === 'rejected') console.error('Could not clean up a forgotten file:', result.reason);
    }
  }

  const expired = () => [...entries].filter(([, e]) => now() - e.lastUsed > idleMs).map(([handle]) => handle);
  // Uploads of handles nobody uses again must not wait for the shell to close.
  const sweeper = setInterval(() => void forget(expired()), Math.min(idleMs, 10 * 60 * 1000));
  sweeper.unref();

  return {
    async register(path, { name, session = LOCAL_SESSION, onForget } = {}) {
      if (typeof path !== 'string' || path.trim() === '') {
        throw new CoreError('BAD_INPUT', 'This file has no place on this computer: save it to a folder and drop or choose it from there');
      }
      const shown = name ?? basename(path);
      if (!isAbsolute(path)) throw new CoreError('BAD_INPUT', `“${shown}” is not named by a full path`);
      const { real, size } = await regularFile(path, shown);
      await forget(expired());
      const fileHandle = newHandle();
      entries.set(fileHandle, { path: real, name: shown, session, lastUsed: now(), ...(onForget ? { onForget } : {}) });
      return { fileHandle, fileName: shown, size };
    },

    async resolve(handle, session = LOCAL_SESSION) {
      const entry = entries.get(handle);
      // Another session's handle gets the same answer as an unknown one: it reveals nothing.
      if (!entry || entry.session !== session) throw new CoreError('NOT_FOUND', GONE_MESSAGE);
      if (now() - entry.lastUsed > idleMs) {
        await forget([handle]);
        throw new CoreError('NOT_FOUND', GONE_MESSAGE);
      }
      // lstat, not stat: the path was resolved at registration, so a symbolic link
      // there now means the file was swapped for one, not that the user chose a link.
      const info = await lstat(entry.path).catch(() => undefined);
      if (!info?.isFile())
        throw new CoreError(
          'NOT_FOUND',
          `“${entry.name}” is no longer where it was (moved, deleted or replaced): drop or choose it again.`,
        );
      entry.lastUsed = now();
      return { path: entry.path, name: entry.name, size: info.size };
    },

    endSession: (session) => forget([...entries].filter(([, e]) => e.session === session).map(([handle]) => handle)),

    async close() {
      clearInterval(sweeper);
      await forget([...entries.keys()]);
    },
  };
}
