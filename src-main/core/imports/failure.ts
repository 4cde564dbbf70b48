/**
 * How a job that did not succeed ends, and what it tells the user: bad
 * content is `rejected`; a file that could not be read, a database that went
 * away, a full disk or a bug of ours is `failed`, with a `failure` kind that
 * the shells act on (`drm import` exits 2 for the file and the disk, 1 for
 * the database and for our bugs). Nothing was written in any of these cases:
 * the import's transaction never committed.
 */
import type { ImportFailure, ImportStatus } from '../../../src-shared/contract/imports';
import { databaseStoppedMessage, isConnectionLost } from '../db/connection-errors';
import { ParseFailure } from './parse/parse-worker-client';

/** The file changed, vanished or was truncated while it was read. */
export class FileChanged extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileChanged';
  }
}

export interface JobEnd {
  status: Extract<ImportStatus, 'rejected' | 'failed'>;
  failure: ImportFailure | null;
  message: string;
}

const isErrnoError = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code) && !isConnectionLost(error);
};

export function classifyFailure(error: unknown): JobEnd {
  const text = error instanceof Error ? error.message : String(error);
  if (error instanceof ParseFailure && error.kind === 'content') {
    return { status: 'rejected', failure: null, message: `The file cannot be imported: ${text}; nothing was imported` };
  }
  if (error instanceof FileChanged || (error instanceof ParseFailure && error.kind === 'file') || isErrnoError(error)) {
    return { status: 'failed', failure: 'file', message: `The file could not be read to the end: ${text}. Nothing was imported.` };
  }
  if (isConnectionLost(error)) {
    return { status: 'failed', failure: 'database', message: databaseStoppedMessage(error, 'the import') };
  }
  // SQLSTATE 53100 disk_full: PostgreSQL could not extend a file or write WAL.
  if ((error as { code?: unknown } | null)?.code === '53100') {
    return {
      status: 'failed',
      failure: 'disk',
      message: `The disk holding the database is full (${text}). Free some space and import again; nothing was imported.`,
    };
  }
  return { status: 'failed', failure: 'internal', message: text };
}
