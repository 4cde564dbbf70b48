/**
 * One job from start to end: mark it running, load the file, and finish it
 * with a status and a message whatever happens, recorded in import_jobs and
 * in memory (for when the database has gone).
 */
import type { ImportFailure, ImportStatus } from '../../../src-shared/contract/imports';
import type { Db } from '../db/db';
import type { CoreEvents } from '../events';
import { classifyFailure } from './failure';
import { updateJob, type JobMetrics } from './jobs';
import { Cancelled, loadFile } from './load-file';
import { importMessage } from '../notifications/messages';
import { announce, notify } from '../notifications/notify';
import type { StartImport } from './types';

export interface JobOutcome {
  status: ImportStatus;
  message: string | null;
  failure: ImportFailure | null;
  /** False when the job's final state could not be written (the database had gone). */
  recorded: boolean;
}

/** What a job runs against: the importer's database, events, tenant and its in-memory outcomes. */
export interface JobRunner {
  db: Db;
  events: CoreEvents;
  tenant: string;
  outcomes: Map<string, JobOutcome>;
}

const PROGRESS_EVERY_MS = 150;

/** Ends every failure with a status and a message: never rejects unless the outcome itself cannot be kept. */
export async function runJob(
  runner: JobRunner,
  jobId: string,
  request: StartImport,
  metrics: JobMetrics,
  signal: AbortSignal,
): Promise<ImportStatus> {
  const { db, events } = runner;
  const began = Date.now();
  let status: ImportStatus = 'running';
  let bytesRead = 0;
  let lastProgress = 0;
  const progress = (force = false) => {
    const now = Date.now();
    if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
    lastProgress = now;
    events.emit('import:progress', {
      jobId,
      status,
      rowsRead: metrics.rowsRead,
      bytesRead,
      totalBytes: request.totalBytes,
      errorCount: metrics.errorCount,
    });
  };
  const finish = async (final: ImportStatus, message: string | null, failure: ImportFailure | null = null) => {
    status = final;
    await finishJob(runner, jobId, { status: final, message, failure }, metrics, began);
    progress(true);
    events.emit('db:changed', { tables: ['import_jobs'] });
    return final;
  };

  try {
    if (signal.aborted) return await finish('cancelled', 'Cancelled before it started');
    await updateJob(db, jobId, status, metrics);
    progress(true);
    const onBytes = (read: number) => {
      bytesRead = read;
      progress(read === request.totalBytes);
    };
    const end = await loadFile({ ...runner, jobId, startedAt: began, request, metrics, signal, onBytes });
    return await finish(end.status, end.message);
  } catch (error) {
    if (signal.aborted || error instanceof Cancelled) return await finish('cancelled', 'Cancelled; nothing was imported');
    const end = classifyFailure(error);
    return await finish(end.status, end.message, end.failure);
  }
}

/** Records the job's end in import_jobs when the database is there, and always in memory. */
async function finishJob(
  runner: JobRunner,
  jobId: string,
  end: Omit<JobOutcome, 'recorded'>,
  metrics: JobMetrics,
  began: number,
): Promise<void> {
  metrics.message = end.message;
  metrics.failure = end.failure;
  metrics.durationMs = Date.now() - began;
  let recorded = true;
  try {
    await updateJob(runner.db, jobId, end.status, metrics);
  } catch {
    // The database is gone (or going): the job stays 'running' there, and the
    // next start marks it interrupted. The outcome is still known in memory.
    recorded = false;
  }
  runner.outcomes.set(jobId, { ...end, recorded });
  if (recorded) await notifyEnd(runner, jobId, end.status, metrics);
}

/**
 * Tells the channels that want it how a real import ended (a dry run or a
 * cancel is the user's own doing). The job's data transaction has committed
 * or rolled back by now, so the event says what happened. A failure to queue
 * is not the import's: the job's record stands.
 */
async function notifyEnd(runner: JobRunner, jobId: string, status: ImportStatus, metrics: JobMetrics): Promise<void> {
  if (metrics.dryRun || (status !== 'succeeded' && status !== 'rejected' && status !== 'failed')) return;
  const event = importMessage({
    jobId,
    fileName: metrics.fileName,
    type: metrics.type,
    status,
    message: metrics.message,
    rowsRead: metrics.rowsRead,
    errorCount: metrics.errorCount,
    inserted: metrics.inserted,
  });
  try {
    if ((await notify(runner.db, runner.tenant, event)).length > 0) runner.events.emit('db:changed', { tables: ['notifications'] });
  } catch {
    return;
  }
  announce(runner.events, event);
}
