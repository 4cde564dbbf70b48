/**
 * import_jobs rows: written outside the import's transaction so that a
 * rejected, failed or cancelled job still leaves its own record.
 * `metrics` holds everything the contract's ImportJob reports.
 */
import type {
  EventTitleNote,
  ImportEarlyStop,
  ImportFailure,
  ImportJob,
  ImportStatus,
  ImportType,
} from '../../../src-shared/contract/imports';
import { and, DrizzleQueryError, eq, inArray, sql } from 'drizzle-orm';
import { CoreError } from '../errors';
import { importJobs, users } from '../db/schema';
import { auditUserOf, joinUser, WHO_COLUMNS, type WhoRow } from '../audit/who';
import type { Db } from '../db/db';

const INTERRUPTED = 'Interrupted: the app stopped during this import; nothing was imported';

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
  /** Set when the job stopped reading early (absent in jobs written before it existed). */
  earlyStop?: ImportEarlyStop | null;
  /** Which title the import's event kept, when two differed (absent in jobs written before it existed). */
  eventTitle?: EventTitleNote | null;
  /** Click ids linked to someone else first (absent in jobs written before it existed). */
  clickIdConflicts?: ImportJob['clickIdConflicts'];
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

/**
 * The driver's own error, not Drizzle's wrapper ("Failed query: …"): the
 * importer classifies a job's failure by the driver's code and message
 * (disk full, database stopped) and shows that message.
 */
function driverError(error: unknown): never {
  throw error instanceof DrizzleQueryError && error.cause !== undefined ? error.cause : error;
}

export async function createJob(
  db: Db,
  tenant: string,
  filePath: string,
  metrics: JobMetrics,
  createdBy: string | null = null,
): Promise<string> {
  const [row] = await db
    .insert(importJobs)
    .values({ tenantId: tenant, source: 'csv', status: 'queued', filePath, metrics: storable(metrics), createdBy })
    .returning({ jobId: importJobs.jobId })
    .catch(driverError);
  return row!.jobId;
}

const FINISHED: ReadonlySet<ImportStatus> = new Set(['succeeded', 'rejected', 'failed', 'cancelled']);

export async function updateJob(db: Db, jobId: string, status: ImportStatus, metrics: JobMetrics): Promise<void> {
  await db
    .update(importJobs)
    .set({
      status,
      metrics: storable(metrics),
      ...(status === 'running' ? { startedAt: sql`coalesce(${importJobs.startedAt}, now())` } : {}),
      ...(FINISHED.has(status) ? { finishedAt: sql`now()` } : {}),
    })
    .where(eq(importJobs.jobId, jobId))
    .catch(driverError);
}

type JobRow = Pick<typeof importJobs.$inferSelect, 'jobId' | 'status' | 'metrics' | 'startedAt' | 'finishedAt'> & WhoRow;

const JOB_COLUMNS = {
  jobId: importJobs.jobId,
  status: importJobs.status,
  metrics: importJobs.metrics,
  startedAt: importJobs.startedAt,
  finishedAt: importJobs.finishedAt,
  ...WHO_COLUMNS,
};

function toJob(row: JobRow): ImportJob {
  // The column is jsonb of any shape; every writer of it is this module, with JobMetrics.
  const m = row.metrics as JobMetrics;
  return {
    jobId: row.jobId,
    status: row.status as ImportStatus,
    type: m.type,
    fileName: m.fileName,
    encoding: m.encoding,
    dryRun: m.dryRun,
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
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
    earlyStop: m.earlyStop ?? null,
    eventTitle: m.eventTitle ?? null,
    clickIdConflicts: m.clickIdConflicts ?? null,
    createdBy: auditUserOf(row),
  };
}

export async function readJob(db: Db, tenant: string, jobId: string): Promise<ImportJob> {
  const [row] = await db
    .select(JOB_COLUMNS)
    .from(importJobs)
    .leftJoin(users, joinUser(importJobs.createdBy, importJobs.tenantId))
    .where(and(eq(importJobs.tenantId, tenant), eq(importJobs.jobId, jobId)));
  if (!row) throw new CoreError('NOT_FOUND', `No import job ${jobId}`);
  return toJob(row);
}

export async function listJobs(db: Db, tenant: string, limit = 200): Promise<Omit<ImportJob, 'errors'>[]> {
  const rows = await db
    .select({
      ...JOB_COLUMNS,
      // The error list can be long; the history does not need it.
      metrics: sql<unknown>`${importJobs.metrics} - 'errors' || '{"errors": []}'::jsonb`,
    })
    .from(importJobs)
    .leftJoin(users, joinUser(importJobs.createdBy, importJobs.tenantId))
    .where(eq(importJobs.tenantId, tenant))
    .orderBy(sql`coalesce(${importJobs.startedAt}, now()) desc`, importJobs.jobId)
    .limit(limit);
  return rows.map((row) => {
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
  const result = await db
    .update(importJobs)
    .set({
      status: 'failed',
      finishedAt: sql`now()`,
      metrics: sql`coalesce(${importJobs.metrics}, '{}'::jsonb) || jsonb_build_object('message', ${INTERRUPTED}::text, 'failure', 'interrupted')`,
    })
    .where(and(eq(importJobs.tenantId, tenant), inArray(importJobs.status, ['queued', 'running'])));
  return result.rowCount ?? 0;
}
