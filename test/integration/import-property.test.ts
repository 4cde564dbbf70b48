/**
 * Property-based: whatever CSV-ish bytes arrive — random bytes, stray and
 * doubled quotes, NULs, UTF-8, CP932, UTF-16 with a BOM, huge fields, CR, LF
 * and CRLF mixed, ragged rows — the import never throws past its own error
 * handling, never writes part of a file, and every error it reports has a
 * line number inside the file.
 *
 * Most cases run the parse path itself (sniffing, then the record stream the
 * parse worker runs, in this thread to keep the run short); a subset runs the
 * full import against the test database.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { importStatuses } from '../../src-shared/contract/imports';
import { CoreError } from '../../src-main/core/errors';
import { decodeBuffer } from '../../src-main/core/imports/parse/decode';
import { readRecords } from '../../src-main/core/imports/parse/record-stream';
import { ImportSetupError } from '../../src-main/core/imports/parse/row-context';
import { sniffFile } from '../../src-main/core/imports/parse/sniff';
import type { RowError, RowOutcome } from '../../src-main/core/imports/types';
import { useCoreOnTestDatabase } from '../helpers/database';
import { previewFile, startFileImport, tableCounts } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const db = useCoreOnTestDatabase();
const dir = makeTempDir('property');
afterAll(() => dir.remove());

const HEADER = ['occurred_at', 'action', 'source', 'provider', 'handle'];

// ── Generators ───────────────────────────────────────────────────────────────

const awkward = fc.constantFrom(
  '"',
  '""',
  ',',
  ';',
  '\t',
  '\n',
  '\r',
  '\r\n',
  '\0',
  '\\',
  'あ',
  '髙',
  '①',
  '～',
  '😀',
  '\uFFFD',
  ' ',
  '\u3000',
);
const meaningful = fc.constantFrom(
  '2026-01-01',
  '2026-01-01T10:00:00Z',
  '0001-01-01',
  '2024/5/1 10:00',
  'star',
  'view',
  'github',
  'web',
  'octocat',
  'a@example.com',
  '',
);
const cell = fc.oneof(
  { weight: 5, arbitrary: meaningful },
  { weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 3, arbitrary: fc.array(fc.oneof(awkward, fc.string({ maxLength: 3 })), { maxLength: 6 }).map((parts) => parts.join('')) },
);
/** At most one huge field per file, below or past the record size limit (a million characters), to keep the run short. */
const huge = fc.option(
  fc.constantFrom(50_000, 1_100_000).map((n) => 'x'.repeat(n)),
  { freq: 8 },
);

/** A cell as written: quoted properly, quoted carelessly (a stray quote), or raw. */
const written = fc.tuple(cell, fc.constantFrom('proper', 'careless', 'raw')).map(([value, style]) => {
  if (style === 'proper') return `"${value.replaceAll('"', '""')}"`;
  if (style === 'careless') return `"${value}`;
  return value;
});
const lineEnd = fc.constantFrom('\n', '\r\n', '\r');
const row = fc.tuple(fc.array(written, { minLength: 3, maxLength: 7 }), lineEnd).map(([cells, end]) => cells.join(',') + end);
const header = fc.oneof({ weight: 4, arbitrary: fc.constant(`${HEADER.join(',')}\n`) }, { weight: 1, arbitrary: row });
const text = fc.tuple(header, fc.array(row, { maxLength: 15 }), huge, fc.nat()).map(([h, rows, big, at]) => {
  if (big !== null) rows.splice(at % (rows.length + 1), 0, `2026-01-01,star,github,github,${big}\n`);
  return h + rows.join('');
});

type Encoding = 'utf-8' | 'utf-8-bom' | 'cp932' | 'utf-16le-bom';
const encode = (value: string, encoding: Encoding): Buffer => {
  if (encoding === 'cp932') return iconv.encode(value, 'cp932');
  if (encoding === 'utf-16le-bom') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(value, 'utf16le')]);
  const utf8 = Buffer.from(value, 'utf8');
  return encoding === 'utf-8-bom' ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]) : utf8;
};

/** A file's bytes: generated text in an encoding, maybe with random bytes spliced in; or random bytes alone. */
const fileBytes = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        text,
        fc.constantFrom<Encoding>('utf-8', 'utf-8-bom', 'cp932', 'utf-16le-bom'),
        fc.option(fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 16 }))),
      )
      .map(([value, encoding, splice]) => {
        const bytes = encode(value, encoding);
        if (!splice) return bytes;
        const at = splice[0] % (bytes.length + 1);
        return Buffer.concat([bytes.subarray(0, at), Buffer.from(splice[1]), bytes.subarray(at)]);
      }),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)) },
);

// ── Checks ───────────────────────────────────────────────────────────────────

let fileNumber = 0;
function writeCase(bytes: Buffer): string {
  const path = join(dir.path, `case-${fileNumber++}.csv`);
  writeFileSync(path, bytes);
  return path;
}

/** Physical lines of the decoded file (CRLF, CR and LF end one each), as the import counts them. */
function lineCount(bytes: Buffer, encoding: Parameters<typeof decodeBuffer>[1]): number {
  const decoded = decodeBuffer(bytes, encoding);
  return (decoded.match(/\r\n|\r|\n/g)?.length ?? 0) + 1;
}

function expectLinesWithin(errors: readonly Pick<RowError, 'line'>[], lines: number): void {
  for (const error of errors) {
    expect(Number.isInteger(error.line)).toBe(true);
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.line).toBeLessThanOrEqual(lines);
  }
}

/** The preview either works or refuses with BAD_INPUT; anything else escaped our error handling. */
async function sniffOrRefusal(path: string) {
  try {
    return await sniffFile(path);
  } catch (error) {
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe('BAD_INPUT');
    return undefined;
  }
}

describe('any bytes through the parse path', () => {
  it('never throw but ImportSetupError, and every error line is in the file', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, async (bytes) => {
        const path = writeCase(bytes);
        const sniff = await sniffOrRefusal(path);
        if (!sniff) return;
        const lines = lineCount(bytes, sniff.encoding);
        const input = {
          filePath: path,
          encoding: sniff.encoding,
          delimiter: sniff.delimiter,
          type: 'activities' as const,
          mapping: sniff.mapping,
          options: { timezone: 'UTC' },
          batchSize: 100,
        };
        const outcomes: RowOutcome[] = [];
        try {
          for await (const outcome of readRecords(input)) outcomes.push(outcome);
        } catch (error) {
          // The header does not fit the mapping: the job is rejected with this message.
          expect(error).toBeInstanceOf(ImportSetupError);
        }
        for (const outcome of outcomes) {
          if (outcome.status === 'error') {
            expect(outcome.errors.length).toBeGreaterThan(0);
            expectLinesWithin(outcome.errors, lines);
          } else if (outcome.status === 'ok') {
            expect(outcome.record.line).toBeGreaterThanOrEqual(2);
            expect(outcome.record.line).toBeLessThanOrEqual(lines);
          }
        }
      }),
      { numRuns: 150, seed: 20_260_109 },
    );
  }, 300_000);
});

describe('any bytes through the full import', () => {
  it('end every job in a known status, with a message, writing nothing unless it succeeded', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, async (bytes) => {
        const path = writeCase(bytes);
        const before = await tableCounts(db.url);
        const preview = await previewFile(db.core, path);
        if (!preview.ok) {
          expect(preview.error.code).toBe('BAD_INPUT');
          return;
        }
        const started = await startFileImport(db.core, path, {
          type: 'activities',
          mapping: preview.value.mapping,
          dryRun: false,
          options: { timezone: 'UTC' },
        });
        if (!started.ok) {
          // Refused before it started (a mapping the headers cannot give): nothing ran.
          expect(started.error.code).toBe('BAD_INPUT');
          expect(await tableCounts(db.url)).toEqual(before);
          return;
        }
        await db.core.importer.settled(started.value.jobId);
        const read = await db.core.handlers['import:get-job']({ jobId: started.value.jobId });
        if (!read.ok) throw new Error(read.error.message);
        const job = read.value;
        expect(importStatuses).toContain(job.status);
        expectLinesWithin(job.errors, lineCount(bytes, job.encoding as Parameters<typeof decodeBuffer>[1]));
        if (job.status === 'succeeded') return;
        // A local file that stays put, on a live database: bad content is rejected; nothing may fail.
        expect([job.status, job.failure, job.message]).toEqual(['rejected', null, expect.any(String)]);
        expect(await tableCounts(db.url)).toEqual(before);
      }),
      { numRuns: 25, seed: 20_260_110 },
    );
  }, 300_000);
});
