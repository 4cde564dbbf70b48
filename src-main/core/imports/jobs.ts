/**
 * import_jobs rows: written outside the import's transaction so that a
 * rejected, failed or cancelled job still leaves its own record.
 * `metrics` holds everything the contract's ImportJob reports.
 */
import type { ImportFailure, ImportJob, ImportStatus, ImportType } from '../../../src-shared/contract/imports';
import { CoreError } from '../errors';
import type { Db } from '../db/db';

/** Error rows kept per job; errorCount keeps the true total. */
export const ERRORS_KEPT = 10_000;

export interface JobMetrics {
  type: ImportType;
  fileName: string;
  encoding: string;
  dryRun: boolean;
  totalBytes: number;
  rowsRead: number;
  rejected: number;
  skipped: number;
  duplicates: number;
  inserted: ImportJob['inserted'];
  errors: ImportJob['errors'];
  errorCount: number;
  message: string | null;
  /** Why a failed job failed (absent in jobs written before it existed). */
  failure?: ImportFailure | null;
  durationMs: number | null;
}

export const emptyCounts = (): ImportJob['inserted'] => ({
  activities: 0,
  developers: 0,
  accounts: 0,
  identifiers: 0,
  organizations: 0,
  resources: 0,
  campaigns: 0,
  budgets: 0,
});

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * jsonb cannot hold NUL, nor half a surrogate pair: the raw values of a
 * damaged file's errors may have both. They are shown as ␀ and U+FFFD, so
 * that the job's own record never fails to be written.
 */
function storable(value: unknown): unknown {
  if (typeof value === 'string') {
    return value.includes('\0') || /[\uD800-\uDFFF]/.test(value)
      ? value.replaceAll('\0', '\u2400').replace(LONE_SURROGATE, '\uFFFD')
      : value;
  }
  if (Array.isArray(value)) return value.map(storable);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, storable(inner)]));
  }
  return value;
}

export async function createJob(db: Db, tenant: string, filePath: string, metrics: JobMetrics): Promise<string> {
  const result = await db.$client.query<{ job_id: string }>(
    `insert into import_jobs (tenant_id, source, status, file_path, metrics) values ($1, 'csv', 'queued', $2, $3) returning job_id`,
    [tenant, filePath, storable(metrics)],
  );
  return result.rows[0]!.job_id;
}

export async function updateJob(db: Db, jobId: string, status: ImportStatus, metrics: JobMetrics): Promise<void> {
  await db.$client.query(
    `update import_jobs set status = $2, metrics = $3,
            started_at = case when $2 = 'running' then coalesce(started_at, now()) else started_at end,
            finished_at = case when $2 in ('succeeded', 'rejected', 'failed', 'cancelled') then now() else finished_at end
      where job_id = $1`,
    [jobId, status, storable(metrics)],
  );
}

interface JobRow {
  job_id: string;
  status: ImportStatus;
  metrics: JobMetrics;
  started_at: Date | null;
  finished_at: Date | null;
}

function toJob(row: JobRow): ImportJob {
  const m = row.metrics;
  return {
    jobId: row.job_id,
    status: row.status,
    type: m.type,
    fileName: m.fileName,
    encoding: m.encoding,
    dryRun: m.dryRun,
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    durationMs: m.durationMs,
    totalBytes: m.totalBytes,
    rowsRead: m.rowsRead,
    rejected: m.rejected,
    skipped: m.skipped,
    duplicates: m.duplicates,
    inserted: m.inserted,
    errors: m.errors,
    errorCount: m.errorCount,
    message: m.message,
    failure: m.failure ?? null,
  };
}

export async function readJob(db: Db, tenant: string, jobId: string): Promise<ImportJob> {
  const result = await db.$client.query<JobRow>(
    'select job_id, status, metrics, started_at, finished_at from import_jobs where tenant_id = $1 and job_id = $2',
    [tenant, jobId],
  );
  const row = result.rows[0];
  if (!row) throw new CoreError('NOT_FOUND', `No import job ${jobId}`);
  return toJob(row);
}

export async function listJobs(db: Db, tenant: string, limit = 200): Promise<Omit<ImportJob, 'errors'>[]> {
  // The error list can be long; the history does not need it.
  const result = await db.$client.query<JobRow>(
    `select job_id, status, metrics - 'errors' || '{"errors": []}'::jsonb as metrics, started_at, finished_at
       from import_jobs where tenant_id = $1 order by coalesce(started_at, now()) desc, job_id limit $2`,
    [tenant, limit],
  );
  return result.rows.map((row) => {
    const { errors: _errors, ...summary } = toJob(row);
    return summary;
  });
}

/**
 * Jobs still queued or running when their app died (killed, power lost) never
 * finish; their transaction was rolled back with the server. Only an owner
 * that is alone on its database (the embedded server) may say so.
 */
export async function markInterruptedJobs(db: Db, tenant: string): Promise<number> {
  const result = await db.$client.query(
    `update import_jobs set status = 'failed', finished_at = now(),
            metrics = coalesce(metrics, '{}'::jsonb) || jsonb_build_object('message', 'Interrupted: the app stopped during this import; nothing was imported', 'failure', 'interrupted')
      where tenant_id = $1 and status in ('queued', 'running')`,
    [tenant],
  );
  return result.rowCount ?? 0;
}
