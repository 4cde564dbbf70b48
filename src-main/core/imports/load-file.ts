/**
 * One import's transaction: the parse workers' COPY text streams into the
 * format's staging table, then set-based resolution writes the real tables.
 * All or nothing: any bad row, a cancel or a failure rolls everything back.
 */
import { stat } from 'node:fs/promises';
import type { PoolClient } from 'pg';
import { dbOn, poolOf, type Db } from '../db/db';
import { traceBackend, traceStep } from '../db/trace';
import type { CoreEvents } from '../events';
import { DERIVED_TABLE_NAMES } from '../derived/tables';
import { earlyStopMessage, ErrorKinds } from './error-kinds';
import { FileChanged } from './failure';
import { formatModule, formatOf } from './formats/index';
import { ERRORS_KEPT, updateJob, type JobMetrics } from './jobs';
import { Actors } from './load/actors';
import type { CopyWriter } from './load/copy';
import { openStage, resolveStage } from './load/resolve';
import { parseFileInWorkers } from './parse/parse-worker-client';
import { BATCH_ROWS } from './parse/worker-protocol';
import { pausePoint } from './pause';
import type { FileStat, RowOutcome, StartImport, WorkerInput } from './types';

export class Cancelled extends Error {}

export interface LoadJob {
  db: Db;
  events: CoreEvents;
  tenant: string;
  jobId: string;
  /** When the job started (its duration is recorded in the same commit as its rows). */
  startedAt: number;
  request: StartImport;
  metrics: JobMetrics;
  signal: AbortSignal;
  onBytes: (bytesRead: number) => void;
}

/** Parses, stages and resolves in one transaction; throws for anything but a finished or rejected load. */
export async function loadFile(job: LoadJob): Promise<{ status: 'succeeded' | 'rejected'; message: string | null }> {
  const pool = poolOf(job.db);
  const client = await pool.connect();
  let copy: CopyWriter | undefined;
  let discard = false;
  // Cancel reaches a running statement too, through the server.
  const onAbort = () => void pool.query('select pg_cancel_backend($1)', [backendPid(client)]).catch(() => undefined);
  job.signal.addEventListener('abort', onAbort);
  traceBackend(backendPid(client));
  try {
    await client.query('begin');
    // Resolution sorts and hashes whole files' worth of keys: in memory, not in temp files.
    // Local to this transaction; durability settings are never touched.
    await client.query("set local work_mem = '128MB'");
    const load = formatOf(job.request.type).load;
    copy = await openStage(client, load);
    // An activities file's actors are gathered while its rows stream into the stage, for resolution in memory.
    const actors = load.kind === 'activity' ? new Actors() : undefined;
    await stageFile(job, copy, actors);
    if (job.metrics.errorCount > 0) {
      await client.query('rollback');
      const stop = job.metrics.earlyStop;
      return {
        status: 'rejected',
        message: stop ? earlyStopMessage(stop) : `${job.metrics.rejected} row(s) have errors; nothing was imported`,
      };
    }
    await resolveAndCommit(job, client, actors);
    return { status: 'succeeded', message: job.request.dryRun ? 'Dry run: nothing was written' : null };
  } catch (error) {
    await copy?.abort('import stopped');
    // A connection that cannot roll back is broken: it leaves the pool.
    await client.query('rollback').catch(() => (discard = true));
    throw error;
  } finally {
    job.signal.removeEventListener('abort', onAbort);
    traceBackend(undefined);
    client.release(discard || undefined);
  }
}

/**
 * Streams the parse workers' batches into the stage; checks the file was not
 * changed meanwhile. Stops reading once one kind of error is common enough
 * (error-kinds.ts): the job is rejected then, with what was found so far.
 */
async function stageFile({ request, metrics, signal, onBytes, tenant }: LoadJob, copy: CopyWriter, actors?: Actors): Promise<void> {
  const began = performance.now();
  const kinds = new ErrorKinds();
  // The worker turns valid rows into COPY text; outcomes carry only errors and skips.
  const input: WorkerInput = { ...request, batchSize: BATCH_ROWS, stageTenant: tenant, formatModule: formatModule(request.type) };
  let staged = false;
  for await (const batch of parseFileInWorkers(input, request.headers, request.totalBytes, signal)) {
    countOutcomes(batch.outcomes, metrics, kinds);
    // After the first bad row nothing more is staged: the job will be rejected anyway.
    if (batch.copyBytes && batch.copyBytes.length > 0 && metrics.errorCount === 0) {
      // A view of the bytes the worker transferred (parse/batch-bytes.ts), not a copy.
      const { buffer, byteOffset, byteLength } = batch.copyBytes;
      const written = copy.write(Buffer.from(buffer, byteOffset, byteLength));
      // While PostgreSQL takes the batch on the other core.
      if (batch.actors) actors?.add(batch.actors);
      await written;
      if (!staged) await pausePoint('copy');
      staged = true;
    }
    metrics.rowsRead = batch.rowsRead;
    onBytes(batch.bytesRead);
    // Leaving the loop stops the parse workers (parse-worker-client.ts).
    if (kinds.stopped) break;
  }
  await copy.end();
  traceStep('parse and stage', began);
  if (signal.aborted) throw new Cancelled();
  if (kinds.stopped) {
    metrics.earlyStop = kinds.summary(metrics.rowsRead);
    return;
  }
  // What was read must be the file the user previewed, whole.
  if (request.fileStat) await checkUnchanged(request.filePath, request.fileStat);
  // The whole file is read: say so before the (silent) resolution starts.
  onBytes(request.totalBytes);
}

async function resolveAndCommit(job: LoadJob, client: PoolClient, actors?: Actors): Promise<void> {
  const { request, metrics, signal } = job;
  const format = formatOf(request.type);
  const tx = dbOn(client);
  const resolving = performance.now();
  // Formats whose form offers an event title may find the event stored under another one.
  const eventTitles = format.options.includes('eventTitle') ? { update: request.options.updateEventTitle === true } : undefined;
  await resolveStage(tx, job.tenant, format.load, metrics, eventTitles, actors);
  traceStep('resolve', resolving);
  if (signal.aborted) throw new Cancelled();
  await pausePoint('commit');
  // The job's record says 'succeeded' in the same commit as its rows: a database that
  // dies right after COMMIT must not leave it to be marked interrupted at the next start.
  if (!request.dryRun) await updateJob(tx, job.jobId, 'succeeded', { ...metrics, durationMs: Date.now() - job.startedAt });
  const committing = performance.now();
  await client.query(request.dryRun ? 'rollback' : 'commit');
  traceStep('commit', committing);
  if (!request.dryRun) job.events.emit('db:changed', { tables: [...format.tables, ...DERIVED_TABLE_NAMES] });
}

function countOutcomes(batch: RowOutcome[], metrics: JobMetrics, kinds: ErrorKinds): void {
  for (const outcome of batch) {
    if (outcome.status === 'error') {
      metrics.rejected += 1;
      for (const error of outcome.errors) {
        metrics.errorCount += 1;
        kinds.add(error);
        if (metrics.errors.length < ERRORS_KEPT) metrics.errors.push(error);
      }
    } else if (outcome.status === 'skipped') {
      metrics.skipped += 1;
    }
  }
}

/** Throws FileChanged when the file is gone or its size or modification time moved since the import was asked for. */
async function checkUnchanged(filePath: string, before: FileStat): Promise<void> {
  let now: FileStat;
  try {
    now = await stat(filePath);
  } catch (error) {
    throw new FileChanged(
      `the file was removed or moved while it was read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  if (now.size !== before.size)
    throw new FileChanged(
      `the file changed while it was read (${before.size} bytes, now ${now.size}); import it again once it is complete`,
    );
  if (now.mtimeMs !== before.mtimeMs) throw new FileChanged('the file was modified while it was read; import it again once it is saved');
}

function backendPid(client: PoolClient): number {
  // node-postgres keeps the server process id of each connection here.
  return (client as unknown as { processID: number }).processID;
}
