/**
 * Runs CSV imports as jobs: one at a time, in the background, all or nothing.
 *
 * The file is decoded, parsed and validated in a worker thread; valid rows
 * stream into a temp staging table with COPY inside one transaction. If any
 * row is bad, parsing still reads to the end so every error is reported, and
 * then the transaction is rolled back: a rejected, failed or cancelled job
 * leaves every table as it was, except its own import_jobs row. A dry run
 * does the whole resolution and rolls it back, so it reports what would be
 * inserted. This module is the queue; run.ts runs one job, load-file.ts its
 * transaction.
 */
import type { ImportStatus } from '../../../src-shared/contract/imports';
import type { Db } from '../db/db';
import { CoreError } from '../errors';
import type { CoreEvents } from '../events';
import { createJob, emptyCounts, type JobMetrics } from './jobs';
import { runJob, type JobOutcome, type JobRunner } from './run';
import type { StartImport } from './types';

export type { JobOutcome } from './run';
export type { FileStat, StartImport } from './types';

export interface Importer {
  /** `createdBy`: the user the job is recorded as created by (`import_jobs.created_by`), or null. */
  start(request: StartImport, createdBy?: string | null): Promise<string>;
  cancel(jobId: string): boolean;
  /** Resolves when the job has ended, whatever its status; never rejects for a started job. */
  settled(jobId: string): Promise<ImportStatus>;
  /**
   * How a job of this session ended, kept in memory: the shells can tell the
   * user even when the database that holds the job's record has gone away.
   */
  outcome(jobId: string): JobOutcome | undefined;
  /** Whether a job is queued or running (a restore waits for none). */
  busy(): boolean;
  /** Cancels what runs and waits for it; later starts are refused. */
  close(): Promise<void>;
}

/** A new job's metrics: nothing read yet. */
function initialMetrics(request: StartImport): JobMetrics {
  return {
    type: request.type,
    fileName: request.fileName,
    encoding: request.encoding,
    dryRun: request.dryRun,
    totalBytes: request.totalBytes,
    rowsRead: 0,
    rejected: 0,
    skipped: 0,
    duplicates: 0,
    inserted: emptyCounts(),
    errors: [],
    errorCount: 0,
    message: null,
    failure: null,
    durationMs: null,
  };
}

export function createImporter(db: Db, events: CoreEvents, tenant: string): Importer {
  const runner: JobRunner = { db, events, tenant, outcomes: new Map() };
  let queue: Promise<unknown> = Promise.resolve();
  const controllers = new Map<string, AbortController>();
  const done = new Map<string, Promise<ImportStatus>>();
  let closed = false;

  async function start(request: StartImport, createdBy: string | null = null): Promise<string> {
    if (closed) throw new CoreError('UNAVAILABLE', 'The app is shutting down; the import was not started');
    const metrics = initialMetrics(request);
    const jobId = await createJob(db, tenant, request.filePath, metrics, createdBy);
    const controller = new AbortController();
    controllers.set(jobId, controller);
    events.emit('db:changed', { tables: ['import_jobs'] });
    // One import at a time: they write the same tables, and a laptop has one disk.
    // runJob ends every failure with a status and a message; the catches below
    // are a last guard, so that nothing can become an unhandled rejection.
    const run = queue.then(() => runJob(runner, jobId, request, metrics, controller.signal));
    queue = run.catch(() => undefined);
    done.set(jobId, run);
    void run.finally(() => controllers.delete(jobId)).catch(() => undefined);
    return jobId;
  }

  return {
    start,
    cancel(jobId) {
      const controller = controllers.get(jobId);
      if (!controller) return false;
      controller.abort();
      return true;
    },
    settled: (jobId) => done.get(jobId) ?? Promise.reject(new CoreError('NOT_FOUND', `No import job ${jobId} in this session`)),
    outcome: (jobId) => runner.outcomes.get(jobId),
    busy: () => controllers.size > 0,
    async close() {
      closed = true;
      for (const controller of controllers.values()) controller.abort();
      await queue;
    },
  };
}
