/**
 * Files a user (or an attacker) might give the import: NUL bytes, invalid
 * byte sequences, unclosed quotes anywhere, a record over the size limit,
 * spreadsheets, archives and binaries, files that change or vanish while they
 * are read, out-of-range dates and amounts. Each ends in per-line errors or one
 * clear file-level reason, writes nothing, and leaves the core answering.
 */
import { appendFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ImportJob, ImportType } from '../../src-shared/contract/imports';
import { openDatabase } from '../../src-main/core/db/client';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { createCoreEvents } from '../../src-main/core/events';
import { createFileRegistry, LOCAL_SESSION } from '../../src-main/core/files/handles';
import { importHandlers } from '../../src-main/core/imports/handlers';
import { createImporter } from '../../src-main/core/imports/importer';
import { PAUSED_MARKER } from '../../src-main/core/imports/pause';
import { drm } from '../helpers/cli';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, previewFile, startFileImport, tableCounts, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const db = useCoreOnTestDatabase();
const dir = makeTempDir('hostile');
afterAll(() => dir.remove());

const HEADER = 'occurred_at,action,source,provider,handle\n';
const row = (i: number) => `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z,star,github,github,user${i}\n`;

function write(name: string, bytes: Buffer | string): string {
  const path = join(dir.path, name);
  writeFileSync(path, bytes);
  return path;
}

/** Imports `path` and checks what every hostile case shares: nothing written, and the core still answers. */
async function importWritesNothing(path: string, type: ImportType = 'activities'): Promise<ImportJob> {
  const before = await tableCounts(db.url);
  const job = await importFile(db.core, path, { type });
  expect(await tableCounts(db.url)).toEqual(before);
  await expectCoreAnswers();
  return job;
}

async function expectCoreAnswers(): Promise<void> {
  const status = await db.core.handlers['system:get-status']({});
  expect(status.ok).toBe(true);
}

/** A refusal before any job: a BAD_INPUT error whose message matches `message`, from the preview and from the start. */
async function expectRefused(path: string, message: RegExp): Promise<void> {
  const before = await tableCounts(db.url);
  const preview = await previewFile(db.core, path);
  expect(preview.ok ? preview.value : preview.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(message) });
  const started = await startFileImport(db.core, path, { type: 'activities' });
  expect(started.ok ? started.value : started.error).toMatchObject({ code: 'BAD_INPUT', message: expect.stringMatching(message) });
  expect(await tableCounts(db.url)).toEqual(before);
  await expectCoreAnswers();
}

describe('hostile bytes', () => {
  it('reports a NUL byte in a cell as that line’s error (the COPY used to kill the process)', async () => {
    const path = write('nul.csv', `${HEADER}2026-01-01,star,github,github,a\0b\n`);
    const job = await importWritesNothing(path);
    expect(job.status).toBe('rejected');
    expect(job.errors).toEqual([
      { line: 2, column: 'handle', code: 'nul-byte', params: {}, reason: expect.stringContaining('NUL byte'), value: 'a\u2400b' },
    ]);
  });

  it('keeps a mostly-UTF-8 file as UTF-8, says why, and names its bad line', async () => {
    const good = Array.from({ length: 5 }, (_, i) => `2026-01-01,star,github,github,田中${i}\n`).join('');
    const bytes = Buffer.concat([
      Buffer.from(HEADER + good),
      Buffer.from('2026-01-01,star,github,github,caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ]);
    const path = write('mostly-utf8.csv', bytes);
    const preview = await previewFile(db.core, path);
    expect(preview.ok && preview.value).toMatchObject({ encoding: 'utf-8', encodingReason: 'utf8-with-invalid-bytes', firstBadLine: 7 });
    const job = await importWritesNothing(path);
    expect(job.status).toBe('rejected');
    expect(job.encoding).toBe('utf-8');
    expect(job.errors).toEqual([
      expect.objectContaining({ line: 7, column: 'handle', reason: expect.stringContaining('not valid in the chosen encoding') }),
    ]);
  });

  it('chooses CP932 only for a file that is not UTF-8 and says so', async () => {
    const path = write('cp932.csv', iconv.encode(`${HEADER}2026-01-01,star,github,github,髙橋①\n`, 'cp932'));
    const preview = await previewFile(db.core, path);
    expect(preview.ok && preview.value).toMatchObject({ encoding: 'cp932', encodingReason: 'not-utf8-valid-cp932', firstBadLine: null });
    const valid = await previewFile(db.core, write('ascii.csv', `${HEADER}${row(1)}`));
    expect(valid.ok && valid.value).toMatchObject({ encoding: 'utf-8', encodingReason: 'valid-utf8', firstBadLine: null });
  });

  it('refuses a file whose header has an unclosed quote, naming line 1', async () => {
    const path = write('quote-header.csv', '"occurred_at,action,source,provider,handle\n2026-01-01,star,github,github,a\n');
    await expectRefused(path, /the header row \(line 1\) cannot be read: a quoted field is never closed/);
  });

  it.each([
    ['a middle line', `${HEADER}${row(1)}2026-01-01,star,github,github,"open\n${row(2)}${row(3)}`, 3],
    ['the last line', `${HEADER}${row(1)}${row(2)}2026-01-01,star,github,github,"open\n`, 4],
    ['a small file’s last line, without a newline', `${HEADER}2026-01-01,star,github,github,"open`, 2],
  ])('reports an unclosed quote on %s with its line', async (_where, text, line) => {
    const path = write(`quote-${line}.csv`, text);
    expect((await previewFile(db.core, path)).ok).toBe(true);
    const job = await importWritesNothing(path);
    expect(job.status).toBe('rejected');
    expect(job.errors).toContainEqual(expect.objectContaining({ line, reason: expect.stringContaining('quoted field is never closed') }));
  });

  it('reports a record over the size limit with its line', async () => {
    const path = write('huge.csv', `${HEADER}${row(1)}2026-01-01,star,github,github,${'x'.repeat(1_100_000)}\n${row(2)}`);
    const job = await importWritesNothing(path);
    expect(job.status).toBe('rejected');
    expect(job.errors).toContainEqual(expect.objectContaining({ line: 3, reason: expect.stringContaining('a record longer than') }));
  });

  it('refuses spreadsheets, archives and binaries with one reason naming the format', async () => {
    const zip = (entry: string) =>
      Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]), Buffer.alloc(22), Buffer.from(entry), Buffer.alloc(64)]);
    await expectRefused(write('book.xlsx', zip('[Content_Types].xml')), /Excel files are not supported: save it as CSV \(UTF-8\)/);
    await expectRefused(write('renamed.csv', zip('xl/workbook.xml')), /Excel files are not supported/);
    await expectRefused(write('sheet.numbers', zip('Index/Document.iwa')), /Numbers files are not supported/);
    await expectRefused(write('data.zip', zip('data.csv')), /ZIP archive/);
    await expectRefused(
      write('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...Buffer.alloc(500)])),
      /Excel 97–2003/,
    );
    await expectRefused(
      write('image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...Buffer.alloc(100)])),
      /PNG image/,
    );
    await expectRefused(write('program.csv', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, ...Buffer.alloc(200)])), /ELF executable/);
    await expectRefused(
      write('nuls.csv', Buffer.concat([Buffer.from(HEADER), Buffer.alloc(400), Buffer.from(row(1))])),
      /looks like a binary file.*NUL bytes/,
    );
    await expectRefused(
      write('controls.csv', Buffer.from(Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? 0x01 : 0x41)))),
      /binary file/,
    );
    await expectRefused(write('empty.csv', ''), /is empty/);
  });
});

describe('a file that changes while it is read', () => {
  const resume = join(dir.path, 'resume');
  afterEach(() => {
    delete process.env.DRM_IMPORT_PAUSE_AT;
    delete process.env.DRM_IMPORT_RESUME_FILE;
    rmSync(resume, { force: true });
  });

  /** Starts an import that pauses after its first COPY batch, runs `meddle`, then lets it go on. */
  async function importWhile(path: string, meddle: () => void): Promise<ImportJob> {
    process.env.DRM_IMPORT_PAUSE_AT = 'copy';
    process.env.DRM_IMPORT_RESUME_FILE = resume;
    const before = await tableCounts(db.url);
    const paused = waitForMarker();
    const started = await startFileImport(db.core, path, { type: 'activities' });
    if (!started.ok) throw new Error(started.error.message);
    await paused;
    meddle();
    writeFileSync(resume, '');
    await db.core.importer.settled(started.value.jobId);
    const job = await db.core.handlers['import:get-job']({ jobId: started.value.jobId });
    if (!job.ok) throw new Error(job.error.message);
    expect(await tableCounts(db.url)).toEqual(before);
    await expectCoreAnswers();
    return job.value;
  }

  it('fails the job when the file grows', async () => {
    const path = write('growing.csv', HEADER + Array.from({ length: 50 }, (_, i) => row(i)).join(''));
    const job = await importWhile(path, () => appendFileSync(path, row(99)));
    expect(job).toMatchObject({ status: 'failed', failure: 'file', message: expect.stringMatching(/changed while it was read/) });
  });

  it('fails the job when the file vanishes', async () => {
    const path = write('vanishing.csv', HEADER + Array.from({ length: 50 }, (_, i) => row(i)).join(''));
    const job = await importWhile(path, () => rmSync(path));
    expect(job).toMatchObject({ status: 'failed', failure: 'file', message: expect.stringMatching(/removed or moved while it was read/) });
  });
});

/** Resolves when the importer writes its pause marker to stderr. */
function waitForMarker(): Promise<void> {
  return new Promise((resolve) => {
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) => {
      if (String(chunk).startsWith(PAUSED_MARKER)) {
        process.stderr.write = write;
        resolve();
        return true;
      }
      return write(chunk, ...rest);
    }) as typeof process.stderr.write;
  });
}

describe('bounds', () => {
  it('rejects dates outside 1970-01-01 … 2099-12-31 in an import, as the reports do', async () => {
    const path = write('old.csv', `${HEADER}0001-01-01,star,github,github,a\n2100-01-01T00:00:00Z,star,github,github,b\n${row(1)}`);
    const job = await importWritesNothing(path);
    expect(job.status).toBe('rejected');
    expect(job.errors.map((e) => [e.line, e.column, e.reason])).toEqual([
      [2, 'occurred_at', 'the date 0001-01-01 is outside the range the app keeps (from 1970-01-01 to 2099-12-31)'],
      [3, 'occurred_at', 'the date 2100-01-01 is outside the range the app keeps (from 1970-01-01 to 2099-12-31)'],
    ]);
    const report = await db.core.handlers['analytics:get-funnel']({ from: '0001-01-01', to: '2024-01-01' });
    expect(report.ok ? report.value : report.error.code).toBe('BAD_INPUT');
    const edge = await db.core.handlers['analytics:get-funnel']({ from: '1970-01-01', to: '2100-01-01' });
    expect(edge.ok).toBe(true);
  });

  it('bounds budget amounts in imports and in the budget channels', async () => {
    const created = await db.core.handlers['campaigns:create']({ name: 'Bounded' });
    if (!created.ok) throw new Error(created.error.message);
    const { campaignId } = created.value;
    const path = writeCsv(
      dir.path,
      'budgets.csv',
      'campaign,category,amount,spent_at\nBounded,ad,10000000000000,2026-01-01\nBounded,ad,1.23456,2026-01-01\n',
    );
    const job = await importWritesNothing(path, 'budgets');
    expect(job.errors.map((e) => [e.line, e.reason])).toEqual([
      [2, 'an amount larger than 1,000,000,000,000 (either sign)'],
      [3, 'an amount more than 4 decimal places'],
    ]);
    for (const amount of [1e38, 1e12 + 1, 0.00001]) {
      const refused = await db.core.handlers['budgets:create']({ campaignId, category: 'ad', amount, spentAt: '2026-01-01' });
      expect(refused.ok ? refused.value : refused.error.code).toBe('BAD_INPUT');
    }
    const kept = await db.core.handlers['budgets:create']({ campaignId, category: 'ad', amount: 1e12, spentAt: '2026-01-01' });
    expect(kept.ok && kept.value.amount).toBe(1e12);
    if (!kept.ok) return;
    const edited = await db.core.handlers['budgets:update']({ budgetId: kept.value.budgetId, amount: 12.34567 });
    expect(edited.ok ? edited.value : edited.error.message).toMatch(/more than 4 decimal places/);
  });
});

describe('free disk space', () => {
  it('refuses an import that would not fit, naming the folder and the space needed', async () => {
    const database = openDatabase(db.url, DEFAULT_TENANT);
    const importer = createImporter(database.db, createCoreEvents(), DEFAULT_TENANT);
    const files = createFileRegistry();
    const local = { session: LOCAL_SESSION };
    try {
      const folder = join(dir.path, 'data');
      const tight = importHandlers(database.db, importer, DEFAULT_TENANT, dir.path, files, {
        folder,
        freeBytes: async () => 10 * 1024 ** 2,
      });
      const path = write('fits-not.csv', HEADER + row(1).repeat(2000));
      const { fileHandle } = await files.register(path);
      const before = await tableCounts(db.url);
      const start = tight['import:start']!;
      const error = await start({ fileHandle, type: 'activities' }, local).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'UNAVAILABLE',
        message: expect.stringMatching(
          new RegExp(`Not enough free disk space for the import: ${folder} has 10 MB free, about 17 MB is needed`),
        ),
        details: { reason: 'disk-full', folder },
      });
      expect(await tableCounts(db.url)).toEqual(before);
      // An external database's disk is not ours to measure: no folder, no check.
      const external = importHandlers(database.db, importer, DEFAULT_TENANT, dir.path, files, { folder: null, freeBytes: async () => 0 });
      const { jobId } = (await external['import:start']!({ fileHandle, type: 'activities', dryRun: true }, local)) as { jobId: string };
      expect(await importer.settled(jobId)).toBe('succeeded');
    } finally {
      await files.close();
      await importer.close();
      await database.close();
    }
  });
});

describe('drm import exit codes', () => {
  it('exits 2 for every refusal before the import and for a rejected file', async () => {
    const nul = await drm(['import', write('cli-nul.csv', `${HEADER}2026-01-01,star,github,github,a\0b\n`), '--database-url', db.url]);
    expect([nul.code, nul.stdout]).toEqual([2, expect.stringMatching(/rejected[\s\S]*line 2, handle: a NUL byte/)]);
    const empty = await drm(['import', write('cli-empty.csv', ''), '--type', 'activities', '--database-url', db.url]);
    expect([empty.code, empty.stderr]).toEqual([2, expect.stringMatching(/is empty/)]);
    const unmapped = await drm(['import', write('cli-unmapped.csv', 'a,b\n1,2\n'), '--type', 'activities', '--database-url', db.url]);
    expect([unmapped.code, unmapped.stderr]).toEqual([2, expect.stringMatching(/Map a column to: occurred_at, action/)]);
    const excel = await drm([
      'import',
      write('cli.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, ...Buffer.alloc(60)])),
      '--database-url',
      db.url,
    ]);
    expect([excel.code, excel.stderr]).toEqual([2, expect.stringMatching(/Excel files are not supported: save it as CSV \(UTF-8\)/)]);
    const missing = await drm(['import', join(dir.path, 'no-such.csv'), '--type', 'activities', '--database-url', db.url]);
    expect([missing.code, missing.stderr]).toEqual([
      2,
      expect.stringMatching(/Cannot read “no-such\.csv” \(ENOENT\): choose a file that exists/),
    ]);
  });
});
