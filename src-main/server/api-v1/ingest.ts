/**
 * `POST /api/v1/activities`: a JSON array of activities goes through the CSV
 * import itself, not a second pipeline. The items become an activities-
 * template CSV in the shell's private uploads folder, imported as a job with
 * source `api`: the same validation, identity resolution, dedup, attribution
 * and derived refresh, all or nothing, and an `import_jobs` row in the import
 * history. The job's row errors come back by item index.
 */
import { randomUUID } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportJob } from '../../../src-shared/contract/imports';
import type { Caller } from '../../core/handlers';
import { LOCAL_SESSION } from '../../core/files/handles';
import type { Core } from '../../core/types';
import { ApiRefusal, refusalOf } from './respond';
import { activityItem, itemFields, MAX_ITEMS, type ItemError } from './schemas';

/** What an import job records as the file of an API post (import history shows it). */
export const INGEST_FILE_NAME = 'POST /api/v1/activities';

type Item = Record<string, string | number | null | undefined>;

/** Every item checked against the item shape; all of their problems, by index. */
export function checkItems(body: unknown): Item[] {
  if (!Array.isArray(body)) throw new ApiRefusal(400, 'BAD_INPUT', 'Send a JSON array of activities');
  if (body.length === 0) throw new ApiRefusal(400, 'BAD_INPUT', 'The array is empty: send at least one activity');
  if (body.length > MAX_ITEMS)
    throw new ApiRefusal(413, 'TOO_LARGE', `${body.length} activities in one request; send at most ${MAX_ITEMS} per request`, {
      limit: MAX_ITEMS,
    });
  const errors: ItemError[] = [];
  const items = body.map((raw, index) => {
    const parsed = activityItem.safeParse(raw);
    if (parsed.success) return parsed.data as Item;
    for (const issue of parsed.error.issues) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [String(issue.path[0] ?? '')];
      for (const field of keys)
        errors.push({
          index,
          field,
          message: issue.code === 'unrecognized_keys' ? `unknown field; fields are ${itemFields.join(', ')}` : issue.message,
        });
    }
    return {};
  });
  if (errors.length > 0) throw invalid(errors, errors.length);
  return items;
}

const invalid = (errors: ItemError[], errorCount: number, jobId?: string) =>
  new ApiRefusal(422, 'INVALID_ITEMS', `${errorCount} problem(s) in the activities; nothing was imported`, {
    ...(jobId ? { jobId } : {}),
    errorCount,
    errors,
  });

const cell = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : `"${String(v).replace(/"/g, '""')}"`);
const lineBreaks = (text: string) => text.match(/\r\n|\r|\n/g)?.length ?? 0;

/** The items as CSV, and the file line each item's record starts on (the import reports errors by line). */
export function itemsCsv(items: Item[]): { csv: string; firstLines: number[] } {
  const used = itemFields.filter((name) => items.some((item) => item[name] !== undefined && item[name] !== null));
  const lines = [used.join(',')];
  const firstLines: number[] = [];
  let line = 2;
  for (const item of items) {
    const record = used.map((name) => cell(item[name])).join(',');
    firstLines.push(line);
    line += 1 + lineBreaks(record);
    lines.push(record);
  }
  return { csv: `${lines.join('\n')}\n`, firstLines };
}

/** The item whose record holds `line`: the last one starting at or before it. */
function indexOf(firstLines: number[], line: number): number {
  let lo = 0;
  let hi = firstLines.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (firstLines[mid]! <= line) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

type ImportCore = Pick<Core, 'handlers' | 'importer' | 'files'>;

/**
 * Imports checked items as one activities job with `source`; the job's
 * outcome, or a refusal with errors by index. `userId`: who the job is
 * recorded as created by; without one, the session's local user (a form post).
 */
export async function importItems(
  core: ImportCore,
  folder: string,
  items: Item[],
  job: { source: string; fileName: string; userId?: string | null },
) {
  const { csv, firstLines } = itemsCsv(items);
  const path = join(folder, `api-${randomUUID()}.csv`);
  await writeFile(path, csv, { mode: 0o600, flag: 'wx' });
  try {
    const { fileHandle } = await core.files.register(path, { name: job.fileName });
    const headers = csv.slice(0, csv.indexOf('\n')).split(',');
    const caller: Caller = { session: LOCAL_SESSION, ...(job.userId ? { userId: job.userId } : {}) };
    const started = await core.handlers['import:start'](
      {
        fileHandle,
        type: 'activities',
        mapping: Object.fromEntries(headers.map((h) => [h, h])),
        options: { source: job.source },
      },
      caller,
    );
    if (!started.ok) throw refusalOf(started.error);
    const { jobId } = started.value;
    await core.importer.settled(jobId);
    const read = await core.handlers['import:get-job']({ jobId });
    if (!read.ok) throw refusalOf(read.error);
    return answer(read.value, items.length, firstLines);
  } finally {
    await rm(path, { force: true });
  }
}

/** `userId`: the key's creator, whom the job is recorded as created by (null: the session's local user, if any). */
export const ingestActivities = (core: ImportCore, folder: string, body: unknown, userId: string | null = null) =>
  importItems(core, folder, checkItems(body), { source: 'api', fileName: INGEST_FILE_NAME, userId });

function answer(job: ImportJob, received: number, firstLines: number[]) {
  if (job.status === 'succeeded')
    return { jobId: job.jobId, received, inserted: job.inserted, duplicates: job.duplicates, skipped: job.skipped };
  if (job.status === 'rejected') {
    const errors = job.errors.map((e) => ({
      index: indexOf(firstLines, e.line),
      field: e.column,
      message: e.reason,
      value: e.value,
    }));
    throw invalid(errors, job.errorCount, job.jobId);
  }
  throw new ApiRefusal(503, 'UNAVAILABLE', `The import ${job.status}: ${job.message ?? 'no reason recorded'}; nothing was imported`, {
    jobId: job.jobId,
  });
}
