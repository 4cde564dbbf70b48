/**
 * One data row → RowOutcome, through its format's row parser (formats/). Pure: the parse worker calls it
 * for every record, tests call it directly.
 */
import { RowReader, type Cells, type RowContext } from './row-reader';
import type { RowOutcome } from '../types';

/** Characters a cell must not hold: U+FFFD (a decoding failure), NUL, and any surrogate (checked further). */
// eslint-disable-next-line no-control-regex -- NUL is one of the characters looked for
const SUSPECT = /[\uFFFD\u0000\uD800-\uDFFF]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Decoders turn bytes that are not valid in the file's encoding into U+FFFD
 * instead of failing; a cell holding one was damaged in decoding (often a
 * CP932 file read as UTF-8 past the sniffed sample) and would be stored wrong.
 * A UTF-16 file can also carry half a surrogate pair, which would be stored
 * as U+FFFD without a word. PostgreSQL cannot store NUL in text at all: it
 * would fail the whole COPY, so it is this row's error instead.
 */
function checkDecoding(r: RowReader): void {
  for (const header in r.cells) {
    const value = r.cells[header] ?? '';
    if (!SUSPECT.test(value)) continue;
    if (value.includes('\u0000')) r.fail(header, 'a NUL byte (0x00), which text cannot hold: is this a binary file, or damaged?', value);
    else if (value.includes('\uFFFD') || LONE_SURROGATE.test(value)) {
      r.fail(header, 'bytes that are not valid in the chosen encoding (is the file CP932 / Shift_JIS or UTF-8?)', value);
    }
  }
}

export function parseRow(cells: Cells, line: number, ctx: RowContext): RowOutcome {
  const reader = new RowReader(cells, line, ctx);
  checkDecoding(reader);
  return ctx.readRow(reader);
}

/** A record whose cell count differs from the header's: one whole-row error. */
export function raggedRow(record: readonly string[], headerCount: number, line: number, delimiter: string): RowOutcome {
  return {
    status: 'error',
    errors: [{ line, column: '', reason: `expected ${headerCount} columns, found ${record.length}`, value: record.join(delimiter) }],
  };
}
