/**
 * The streaming half of the import: file → decode → csv-parse → RowOutcome,
 * one record at a time. Memory stays flat in the file size: every stage is a
 * Node stream joined by pipeline(), and the async iteration below pulls, so a
 * slow consumer stops the file from being read (back-pressure end to end).
 */
import { createReadStream } from 'node:fs';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { parse, type CsvError, type Parser } from 'csv-parse';
import { describeImportProblem, importProblem, type ImportProblem } from '../../../../src-shared/import-errors';
import { createDecoder } from './decode';
import { countLineBreaks } from './line-breaks';
import { uniqueHeaders } from './headers';
import { createRowContext, ImportSetupError, type RowContext } from './row-context';
import { headerIndex, type HeaderIndex } from './row-reader';
import { parseRecord, raggedRow } from './rows';
import type { RowOutcome, WorkerInput } from '../types';

export interface ReadProgress {
  /** Data records read (header and blank lines excluded). */
  rowsRead: number;
  /** Bytes taken from the file so far. */
  bytesRead: number;
}

/** CRLF first, so that it counts as one line end, not two. */
export const RECORD_DELIMITERS = ['\r\n', '\n', '\r'];

/** A record longer than this is a runaway quote, not data: stop before it eats memory. */
const MAX_RECORD_CHARS = 1_000_000;

/** Physical line breaks inside a record's fields: CRLF, CR and LF count one each. */
function lineBreaks(record: readonly string[]): number {
  let n = 0;
  for (const field of record) if (field.includes('\n') || field.includes('\r')) n += countLineBreaks(field);
  return n;
}

const REST_UNREADABLE = '; the rest of the file cannot be read';

/** What a csv-parse error means, as a problem of the line where the file stops being readable. */
export function structuralProblem(err: Pick<CsvError, 'code' | 'message'>): ImportProblem {
  switch (err.code) {
    case 'INVALID_OPENING_QUOTE':
      return { code: 'opening-quote', params: {} };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return { code: 'closing-quote', params: {} };
    case 'CSV_QUOTE_NOT_CLOSED':
      return { code: 'quote-not-closed', params: {} };
    case 'CSV_MAX_RECORD_SIZE':
      return { code: 'record-too-long', params: { max: MAX_RECORD_CHARS } };
    default:
      return { code: 'csv-structure', params: { detail: err.message } };
  }
}

/** The same in words, without what it means for the rest of the file (the preview's and the header's). */
export const structuralReason = (err: Pick<CsvError, 'code' | 'message'>): string =>
  describeImportProblem(structuralProblem(err)).replace(REST_UNREADABLE, '');

function isCsvError(error: unknown): error is CsvError {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE');
}

class ByteCounter extends Transform {
  bytes = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    done(null, chunk);
  }
}

/**
 * Yields one RowOutcome per data record of `input.filePath`. Throws
 * ImportSetupError when the header row does not fit the mapping or options,
 * and the file system's error when the file cannot be read.
 *
 * Line numbers are counted here rather than taken from csv-parse's
 * `info.lines`: that counter ends at a record's last line and counts a CRLF
 * inside a quoted field twice (csv-parse 7.0.3). Empty lines are therefore
 * not skipped by the parser (`skip_empty_lines: false`) but here, so that
 * every physical line passes through the count.
 */
export async function* readRecords(
  input: WorkerInput,
  onProgress?: (progress: ReadProgress) => void,
): AsyncGenerator<RowOutcome, void, undefined> {
  const counter = new ByteCounter();
  // A structural error (a stray quote) would destroy the parser, and with it
  // the records it has parsed but we have not consumed yet. Skipping the bad
  // record instead keeps them: we remember how many records preceded the
  // error, consume exactly those, then report it and stop.
  let broken: { before: number; problem: ImportProblem } | undefined;
  const parser: Parser = parse({
    delimiter: input.delimiter,
    relax_column_count: true, // ragged rows reach us and are reported, not fatal
    relax_quotes: false,
    // Any line end, whatever the first one was: csv-parse would otherwise take the
    // first as the only one, leave a CR in the last field of CRLF rows after an LF
    // header, and the line numbers would drift (found by import-property.test.ts).
    record_delimiter: RECORD_DELIMITERS,
    skip_empty_lines: false,
    bom: false, // the decoder strips it
    max_record_size: MAX_RECORD_CHARS,
    skip_records_with_error: true,
    on_skip: (err) => {
      if (err && !broken) broken = { before: parser.info.records, problem: structuralProblem(err) };
      return undefined;
    },
  });
  // Errors of any stage surface through the parser's iterator below.
  const { range } = input;
  const file = createReadStream(input.filePath, {
    highWaterMark: 256 * 1024,
    ...(range ? { start: range.start, end: range.end - 1 } : {}),
  });
  pipeline(file, counter, createDecoder(input.encoding), parser, () => undefined);

  // A range starts past the header: it is given, with the range's first line number.
  let nextLine = range?.firstLine ?? 1;
  let rowsRead = 0;
  let headers: string[] | undefined = range?.headers;
  let ctx: RowContext | undefined = headers ? createRowContext(input, headers) : undefined;
  let index: HeaderIndex | undefined;
  let consumed = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      // Records after a structural error are debris of the broken one.
      if (broken && consumed >= broken.before) break;
      consumed++;
      const line = nextLine;
      nextLine += 1 + lineBreaks(record);
      if (record.length === 1 && record[0] === '') continue; // a blank line
      if (headers === undefined || ctx === undefined) {
        if (record.some((name) => name.includes('\0') || name.includes('\uFFFD'))) {
          throw new ImportSetupError([{ code: 'header-bad-bytes', params: { line } }]);
        }
        headers = uniqueHeaders(record);
        ctx = createRowContext(input, headers);
        continue;
      }
      rowsRead++;
      let outcome: RowOutcome;
      if (record.length !== headers.length) outcome = raggedRow(record, headers.length, line, input.delimiter);
      else outcome = parseRecord(record, headers, (index ??= headerIndex(headers)), line, ctx);
      // Before the yield: a consumer batching outcomes sees counts that include this one.
      onProgress?.({ rowsRead, bytesRead: counter.bytes });
      yield outcome;
    }
  } catch (error) {
    // A structural error csv-parse does not skip (none is known in 7.0.3, but
    // a parser update must not turn a bad file into a crash): that line's error.
    if (!isCsvError(error)) throw error;
    broken ??= { before: consumed, problem: structuralProblem(error) };
  }
  if (broken) {
    // The rest of the file is ambiguous after a broken quote: report where, and stop.
    rowsRead++;
    headers ??= [];
    onProgress?.({ rowsRead, bytesRead: counter.bytes });
    yield {
      status: 'error',
      errors: [{ line: nextLine, column: '', ...importProblem(broken.problem.code, broken.problem.params), value: '' }],
    };
  }
  if (headers === undefined) throw new ImportSetupError([{ code: 'no-header', params: {} }]);
  onProgress?.({ rowsRead, bytesRead: counter.bytes });
}
