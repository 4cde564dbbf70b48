/**
 * One data row → RowOutcome, through its format's row parser (formats/). Pure: the parse worker calls it
 * for every record, tests call it directly.
 */
import { importProblem } from '../../../../src-shared/import-errors';
import { headerIndex, RowReader, type Cells, type HeaderIndex, type RowContext } from './row-reader';
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
  // Most rows have no such character: one pass over the record says so, and only a row with one is gone
  // through by header, in the order (and with the values) the errors have always been reported in.
  let suspect = false;
  for (let i = 0; i < r.values.length && !suspect; i++) suspect = SUSPECT.test(r.values[i] as string);
  if (!suspect) return;
  for (const header in r.cells) {
    const value = r.cells[header] ?? '';
    if (!SUSPECT.test(value)) continue;
    if (value.includes('\u0000')) r.fail(header, 'nul-byte', {}, value);
    else if (value.includes('\uFFFD') || LONE_SURROGATE.test(value)) {
      r.fail(header, 'bad-bytes', {}, value);
    }
  }
}

/**
 * A value that needs another (a resource title without its category), once
 * per needed field, on the column whose value asks for it: that value is
 * what the user sees beside the reason.
 */
function checkCompanions(r: RowReader): void {
  let reported: Set<string> | undefined; // made when a row lacks a companion: most rows do not
  for (const { when, need, unless } of r.ctx.companions) {
    if (reported?.has(need) || r.get(when) === undefined || r.get(need) !== undefined) continue;
    if (unless !== undefined && r.get(unless) !== undefined) continue;
    (reported ??= new Set()).add(need);
    r.failField(when, 'companion-required', { field: need, when });
  }
}

/** One row given as header → cell (tests). */
export function parseRow(cells: Cells, line: number, ctx: RowContext): RowOutcome {
  const headers = Object.keys(cells);
  return parseRecord(Object.values(cells), headers, headerIndex(headers), line, ctx);
}

/** One record of the parser, its cells in the order of `headers` (`index`: headerIndex(headers), made once per file). */
export function parseRecord(
  values: readonly string[],
  headers: readonly string[],
  index: HeaderIndex,
  line: number,
  ctx: RowContext,
): RowOutcome {
  const reader = new RowReader(values, headers, index, line, ctx);
  checkDecoding(reader);
  if (ctx.companions.length > 0) checkCompanions(reader);
  return ctx.readRow(reader);
}

/** A record whose cell count differs from the header's: one whole-row error. */
export function raggedRow(record: readonly string[], headerCount: number, line: number, delimiter: string): RowOutcome {
  return {
    status: 'error',
    errors: [
      {
        line,
        column: '',
        ...importProblem('column-count', { expected: headerCount, found: record.length }),
        value: record.join(delimiter),
      },
    ],
  };
}
