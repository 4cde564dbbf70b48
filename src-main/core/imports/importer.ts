/**
 * Runs CSV imports as jobs: one at a time, in the background, all or nothing.
 *
 * The file is decoded, parsed and validated in a worker thread; valid rows
 * stream into a temp staging table with COPY inside one transaction. If any
 * row is bad, parsing still reads to the end so every error is reported, and
 * then the transaction is rolled back: a rejected, failed or cancelled job
 * leaves every table as it was, except its own import_jobs row. A dry run
 * does the whole resolution and rolls it back, so it reports what would be
 * inserted.
 */
import { stat } from 'node:fs/promises';
import type { PoolClient } from 'pg';
import type { ImportFailure, ImportStatus, ImportType } from '../../../src-shared/contract/imports';
import type { TableName } from '../../../src-shared/contract/tables';
import { CoreError } from '../errors';
import type { CoreEvents } from '../events';
import { dbOn, poolOf, type Db } from '../db/db';
import { traceStep } from '../db/trace';
import { refreshDerived } from '../derived/refresh';
import { DERIVED_TABLE_NAMES } from '../derived/tables';
import { addToDeveloperStats } from '../stats/service';
import { activityImportChange, resolveActivities } from './load/activity-resolve';
import { CREATE_STAGE_ACTIVITY, STAGE_ACTIVITY, STAGE_ACTIVITY_COLUMNS } from './load/activity-stage';
import { openCopy, type CopyWriter } from './load/copy';
import {
  CREATE_STAGE_RECORD,
  resolveBudgets,
  resolveCampaigns,
  resolveDevelopers,
  STAGE_RECORD,
  STAGE_RECORD_COLUMNS,
  type EntityCounts,
} from './load/entity-resolve';
import { createJob, emptyCounts, ERRORS_KEPT, updateJob, type JobMetrics } from './jobs';
import { classifyFailure, FileChanged } from './failure';
import { parseFileInWorkers } from './parse/parse-worker-client';
import { pausePoint } from './pause';
import type { ColumnMapping, ImportOptions, RowOutcome, TextEncodingName, WorkerInput } from './types';

export interface StartImport {
  filePath: string;
  fileName: string;
  totalBytes: number;
  encoding: TextEncodingName;
  delimiter: WorkerInput['delimiter'];
  /** The file's header row, as sniffing read it. */
  headers: string[];
  type: ImportType;
  mapping: ColumnMapping;
  options: ImportOptions;
  dryRun: boolean;
  /** Size and modification time when the import was asked for: a file that changes while it is read fails the job. */
  fileStat?: FileStat;
}

export interface FileStat {
  size: number;
  mtimeMs: number;
}

const ACTIVITY_TYPES: ReadonlySet<ImportType> = new Set(['activities', 'connpass', 'github-stars', 'slack-members']);
const ENTITY_RESOLVERS: Record<'developers' | 'campaigns' | 'budgets', (db: Db, tenant: string) => Promise<EntityCounts>> = {
  developers: resolveDevelopers,
  campaigns: resolveCampaigns,
  budgets: resolveBudgets,
};
const PROGRESS_EVERY_MS = 150;
const BATCH_ROWS = 2_000;

/** Tables each kind of import may write besides the derived ones (every import refreshes those), for db:changed. */
const TABLES_WRITTEN: Record<'activity' | ImportType, readonly TableName[]> = {
  activity: ['activities', 'accounts', 'developers', 'developer_identifiers', 'organizations', 'resources', 'campaigns', 'developer_stats'],
  activities: [],
  connpass: [],
  'github-stars': [],
  'slack-members': [],
  developers: ['developers', 'accounts', 'developer_identifiers', 'organizations'],
  campaigns: ['campaigns'],
  budgets: ['budgets', 'campaigns'],
};

export interface Importer {
  start(request: StartImport): Promise<string>;
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

export interface JobOutcome {
  status: ImportStatus;
  message: string | null;
  failure: ImportFailure | null;
  /** False when the job's final state could not be written (the database had gone). */
  recorded: boolean;
}

// eslint-disable-next-line max-lines-per-function -- split in issue 10 wave B
export function createImporter(db: Db, events: CoreEvents, tenant: string): Importer {
  const pool = poolOf(db);
  let queue: Promise<unknown> = Promise.resolve();
  const controllers = new Map<string, AbortController>();
  const done = new Map<string, Promise<ImportStatus>>();
  const outcomes = new Map<string, JobOutcome>();
  let closed = false;

  async function start(request: StartImport): Promise<string> {
    if (closed) throw new CoreError('UNAVAILABLE', 'The app is shutting down; the import was not started');
    const metrics: JobMetrics = {
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
    const jobId = await createJob(db, tenant, request.filePath, metrics);
    const controller = new AbortController();
    controllers.set(jobId, controller);
    events.emit('db:changed', { tables: ['import_jobs'] });
    // One import at a time: they write the same tables, and a laptop has one disk.
    // runJob ends every failure with a status and a message; the catches below
    // are a last guard, so that nothing can become an unhandled rejection.
    const run = queue.then(() => runJob(jobId, request, metrics, controller.signal));
    queue = run.catch(() => undefined);
    done.set(jobId, run);
    void run.finally(() => controllers.delete(jobId)).catch(() => undefined);
    return jobId;
  }

  async function runJob(jobId: string, request: StartImport, metrics: JobMetrics, signal: AbortSignal): Promise<ImportStatus> {
    const began = Date.now();
    let status: ImportStatus = 'running';
    let bytesRead = 0;
    let lastProgress = 0;
    const progress = (force = false) => {
      const now = Date.now();
      if (!force && now - lastProgress < PROGRESS_EVERY_MS) return;
      lastProgress = now;
      events.emit('import:progress', { jobId, status, rowsRead: metrics.rowsRead, bytesRead, totalBytes: request.totalBytes });
    };
    const finish = async (final: ImportStatus, message: string | null, failure: ImportFailure | null = null): Promise<ImportStatus> => {
      status = final;
      metrics.message = message;
      metrics.failure = failure;
      metrics.durationMs = Date.now() - began;
      let recorded = true;
      try {
        await updateJob(db, jobId, final, metrics);
      } catch {
        // The database is gone (or going): the job stays 'running' there, and the
        // next start marks it interrupted. The outcome is still known in memory.
        recorded = false;
      }
      outcomes.set(jobId, { status: final, message, failure, recorded });
      progress(true);
      events.emit('db:changed', { tables: ['import_jobs'] });
      return final;
    };

    try {
      if (signal.aborted) return await finish('cancelled', 'Cancelled before it started');
      await updateJob(db, jobId, status, metrics);
      progress(true);
      const end = await load(jobId, began, request, metrics, signal, (read) => {
        bytesRead = read;
        progress(read === request.totalBytes);
      });
      return await finish(end.status, end.message);
    } catch (error) {
      if (signal.aborted || error instanceof Cancelled) return await finish('cancelled', 'Cancelled; nothing was imported');
      const end = classifyFailure(error);
      return await finish(end.status, end.message, end.failure);
    }
  }

  /** Parses, stages and resolves in one transaction; throws for anything but a finished or rejected load. */
  async function load(
    jobId: string,
    startedAt: number,
    request: StartImport,
    metrics: JobMetrics,
    signal: AbortSignal,
    onBytes: (bytesRead: number) => void,
  ): Promise<{ status: 'succeeded' | 'rejected'; message: string | null }> {
    const began = performance.now();
    const client = await pool.connect();
    const tx = dbOn(client);
    let copy: CopyWriter | undefined;
    let discard = false;
    // Cancel reaches a running statement too, through the server.
    const onAbort = () => void pool.query('select pg_cancel_backend($1)', [backendPid(client)]).catch(() => undefined);
    signal.addEventListener('abort', onAbort);
    try {
      await client.query('begin');
      // Resolution sorts and hashes whole files' worth of keys: in memory, not in temp files.
      // Local to this transaction; durability settings are never touched.
      await client.query("set local work_mem = '128MB'");
      const activity = ACTIVITY_TYPES.has(request.type);
      await client.query(activity ? CREATE_STAGE_ACTIVITY : CREATE_STAGE_RECORD);
      copy = activity ? openCopy(client, STAGE_ACTIVITY, STAGE_ACTIVITY_COLUMNS) : openCopy(client, STAGE_RECORD, STAGE_RECORD_COLUMNS);
      // The worker turns valid rows into COPY text; outcomes carry only errors and skips.
      const input: WorkerInput = { ...request, batchSize: BATCH_ROWS, stageTenant: tenant };
      let staged = false;
      for await (const batch of parseFileInWorkers(input, request.headers, request.totalBytes, signal)) {
        countOutcomes(batch.outcomes, metrics);
        // After the first bad row nothing more is staged: the job will be rejected anyway.
        if (batch.copyText && metrics.errorCount === 0) {
          await copy.write(batch.copyText);
          if (!staged) await pausePoint('copy');
          staged = true;
        }
        metrics.rowsRead = batch.rowsRead;
        onBytes(batch.bytesRead);
      }
      await copy.end();
      traceStep('parse and stage', began);
      if (signal.aborted) throw new Cancelled();
      // What was read must be the file the user previewed, whole.
      if (request.fileStat) await checkUnchanged(request.filePath, request.fileStat);
      // The whole file is read: say so before the (silent) resolution starts.
      onBytes(request.totalBytes);

      if (metrics.errorCount > 0) {
        await client.query('rollback');
        return { status: 'rejected', message: `${metrics.rejected} row(s) have errors; nothing was imported` };
      }
      const resolving = performance.now();
      await resolve(tx, request.type, metrics);
      traceStep('resolve', resolving);
      if (signal.aborted) throw new Cancelled();
      await pausePoint('commit');
      // The job's record says 'succeeded' in the same commit as its rows: a database that
      // dies right after COMMIT must not leave it to be marked interrupted at the next start.
      if (!request.dryRun) await updateJob(tx, jobId, 'succeeded', { ...metrics, durationMs: Date.now() - startedAt });
      const committing = performance.now();
      await client.query(request.dryRun ? 'rollback' : 'commit');
      traceStep('commit', committing);
      const tables = [...TABLES_WRITTEN[activity ? 'activity' : request.type], ...DERIVED_TABLE_NAMES];
      if (!request.dryRun) events.emit('db:changed', { tables });
      return { status: 'succeeded', message: request.dryRun ? 'Dry run: nothing was written' : null };
    } catch (error) {
      await copy?.abort('import stopped');
      // A connection that cannot roll back is broken: it leaves the pool.
      await client.query('rollback').catch(() => (discard = true));
      throw error;
    } finally {
      signal.removeEventListener('abort', onAbort);
      client.release(discard || undefined);
    }
  }

  async function resolve(tx: Db, type: ImportType, metrics: JobMetrics): Promise<void> {
    if (ACTIVITY_TYPES.has(type)) {
      const counts = await resolveActivities(tx, tenant);
      metrics.duplicates = counts.duplicates;
      const { duplicates: _d, ...inserted } = counts;
      metrics.inserted = { ...emptyCounts(), ...inserted };
      const statsStarted = performance.now();
      await addToDeveloperStats(tx, tenant, 'inserted_activity');
      traceStep('developer stats', statsStarted);
      await pausePoint('derived');
      const derivedStarted = performance.now();
      // Search, funnel, daily counts and attribution (campaign_stats included), in this transaction.
      await refreshDerived(tx, tenant, await activityImportChange(tx));
      traceStep('derived', derivedStarted);
      return;
    }
    const resolver = ENTITY_RESOLVERS[type as keyof typeof ENTITY_RESOLVERS];
    const counts = await resolver(tx, tenant);
    metrics.duplicates = counts.duplicates;
    metrics.inserted = {
      ...emptyCounts(),
      developers: counts.developers,
      accounts: counts.accounts,
      identifiers: counts.identifiers,
      organizations: counts.organizations,
      campaigns: counts.campaigns,
      budgets: counts.budgets,
    };
    await refreshDerived(tx, tenant, counts.change);
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
    outcome: (jobId) => outcomes.get(jobId),
    busy: () => controllers.size > 0,
    async close() {
      closed = true;
      for (const controller of controllers.values()) controller.abort();
      await queue;
    },
  };
}

class Cancelled extends Error {}

function countOutcomes(batch: RowOutcome[], metrics: JobMetrics): void {
  for (const outcome of batch) {
    if (outcome.status === 'error') {
      metrics.rejected += 1;
      for (const error of outcome.errors) {
        metrics.errorCount += 1;
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
