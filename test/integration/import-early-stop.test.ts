/**
 * An import that stops early (issue 11, defect 1): a file whose rows all have
 * the same problem — `resource_title` without a `resource_category` column —
 * is rejected once 1,000 rows have it, without reading the rest, with a
 * summary per kind of error; nothing is written. Progress events carry the
 * error count as it grows.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { EARLY_STOP_ERRORS } from '../../src-main/core/imports/error-kinds';
import { useCoreOnTestDatabase } from '../helpers/database';
import { fileHandle, importFile, queryRows, tableCounts, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('import-early-stop');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

const ROWS = 30_000;
const csv = (rows: number, title = 'Getting started') =>
  [
    'occurred_at,action,source,email,resource_title',
    ...Array.from({ length: rows }, (_, i) => `2024-05-01 10:00,view,web,user${i}@example.com,${title} ${i % 7}`),
  ].join('\n') + '\n';

describe('an import whose rows share one problem', () => {
  it('stops after the first 1,000 errors of that kind, rejected with a summary, nothing written', async () => {
    const before = await tableCounts(db.url);
    const progress: number[] = [];
    const off = db.core.events.on('import:progress', (event) => progress.push(event.errorCount));
    const job = await importFile(db.core, writeCsv(dir.path, 'no-category.csv', csv(ROWS)), { options: { timezone: 'Asia/Tokyo' } });
    off();

    expect(job.status).toBe('rejected');
    expect(job.rowsRead).toBeGreaterThanOrEqual(EARLY_STOP_ERRORS);
    expect(job.rowsRead).toBeLessThan(ROWS);
    expect(job.earlyStop).toMatchObject({ rowsRead: job.rowsRead, limit: EARLY_STOP_ERRORS });
    expect(job.earlyStop!.line).toBeGreaterThan(EARLY_STOP_ERRORS);
    expect(job.earlyStop!.kinds).toEqual([
      {
        code: 'companion-required',
        params: { field: 'resource_category', when: 'resource_title' },
        column: 'resource_title',
        reason: 'resource_category is required when resource_title is given',
        rows: job.rowsRead,
      },
    ]);
    expect(job.errorCount).toBe(job.rowsRead);
    expect(job.message).toMatch(
      new RegExp(
        `^Stopped after [\\d,]+ rows: 1,000 rows had the same problem by line [\\d,]+; nothing was imported\\. [\\d,]+ rows: resource_category is required when resource_title is given \\(column resource_title\\)$`,
      ),
    );
    expect(await tableCounts(db.url)).toEqual(before);
    // The live count: events while it ran said how many errors there were so far.
    expect(Math.max(...progress)).toBe(job.errorCount);
  });

  it('reads a file with fewer than 1,000 errors of each kind to the end', async () => {
    const rows = Array.from({ length: 1_500 }, (_, i) => {
      const at = i % 3 === 0 ? 'soon' : '2024-05-01 10:00';
      const category = i < 900 ? '' : 'blog';
      return `${at},view,web,user${i}@example.com,${category},Getting started`;
    });
    const text = ['occurred_at,action,source,email,resource_category,resource_title', ...rows].join('\n') + '\n';
    const job = await importFile(db.core, writeCsv(dir.path, 'mixed.csv', text), { options: { timezone: 'Asia/Tokyo' } });
    expect(job.status).toBe('rejected');
    expect(job.earlyStop).toBeNull();
    expect(job.rowsRead).toBe(1_500);
    expect(job.errorCount).toBe(900 + 500);
    expect(job.message).toBe('1100 row(s) have errors; nothing was imported');
  });
});

describe('import:check-sample', () => {
  it('runs the first rows through the row parser with the form’s mapping: the error every row has shows before the start', async () => {
    const handle = await fileHandle(db.core, writeCsv(dir.path, 'sample.csv', csv(100)));
    const checked = await db.core.handlers['import:check-sample']({ fileHandle: handle, type: 'activities', options: { timezone: 'UTC' } });
    if (!checked.ok) throw new Error(checked.error.message);
    expect(checked.value.rowsChecked).toBe(20);
    expect(checked.value.problems).toEqual([]);
    expect(checked.value.errors).toHaveLength(20);
    expect(checked.value.errors[0]).toEqual({
      line: 2,
      column: 'resource_title',
      code: 'companion-required',
      params: { field: 'resource_category', when: 'resource_title' },
      reason: 'resource_category is required when resource_title is given',
      value: 'Getting started 0',
    });
  });

  it('answers problems of the import as a whole instead of rows', async () => {
    const handle = await fileHandle(db.core, writeCsv(dir.path, 'unmapped.csv', csv(5)));
    const checked = await db.core.handlers['import:check-sample']({
      fileHandle: handle,
      type: 'activities',
      mapping: { occurred_at: 'occurred_at', email: 'email' },
      options: { timezone: 'UTC' },
    });
    if (!checked.ok) throw new Error(checked.error.message);
    expect(checked.value).toEqual({
      rowsChecked: 0,
      errors: [],
      problems: [
        { code: 'required-column', params: { field: 'action' }, reason: 'no column for the required field action' },
        { code: 'source-missing', params: {}, reason: 'no column for source and no source given for the import' },
      ],
    });
  });
});

describe('a job stored before errors had codes', () => {
  it('still reads, its errors with their English reason and no code, and no early stop', async () => {
    // import_jobs.metrics as a job of the previous version wrote it: errors without code or params, no earlyStop.
    const metrics = {
      type: 'activities',
      fileName: 'old.csv',
      encoding: 'utf-8',
      dryRun: false,
      totalBytes: 80,
      rowsRead: 1,
      rejected: 1,
      skipped: 0,
      duplicates: 0,
      inserted: { activities: 0, developers: 0, accounts: 0, identifiers: 0, organizations: 0, resources: 0, campaigns: 0, budgets: 0 },
      errors: [{ line: 2, column: 'action', reason: 'action is required', value: '' }],
      errorCount: 1,
      message: '1 row(s) have errors; nothing was imported',
      failure: null,
      durationMs: 12,
    };
    const [row] = await queryRows<{ job_id: string }>(
      db.url,
      `insert into import_jobs (tenant_id, source, status, file_path, metrics, started_at, finished_at)
       select tenant_id, 'csv', 'rejected', 'old.csv', $1::jsonb, now(), now() from import_jobs limit 1 returning job_id`,
      [JSON.stringify(metrics)],
    );
    const read = await db.core.handlers['import:get-job']({ jobId: row!.job_id });
    if (!read.ok) throw new Error(read.error.message);
    expect(read.value.errors).toEqual([{ line: 2, column: 'action', reason: 'action is required', value: '' }]);
    expect(read.value.earlyStop).toBeNull();
    const listed = await db.core.handlers['import:list-jobs']({});
    if (!listed.ok) throw new Error(listed.error.message);
    expect(listed.value.find((job) => job.jobId === row!.job_id)).toMatchObject({ status: 'rejected', earlyStop: null });
  });
});
