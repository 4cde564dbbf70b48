/**
 * Reading one data row through the mapping while collecting every problem:
 * a bad file must be reported whole, so a parser never stops at the first
 * error, and each bad column is reported once with its raw value.
 */
import { importProblem, type ImportErrorCode, type ImportErrorParams } from '../../../../src-shared/import-errors';
import type { ImportCompanion } from '../../../../src-shared/contract/imports';
import type { ImportOptions, ImportRecord, RowError, RowOutcome } from '../types';
import type { Parsed } from './values';

/**
 * Everything a row parser needs that is the same for every row of one import
 * (built once by row-context.ts, before the first data row).
 */
export interface RowContext {
  type: string;
  /** field → the file's header that feeds it (only fields that have one). */
  columns: ReadonlyMap<string, string>;
  /** Headers no field claims, in file order: they become `metadata`. */
  unmapped: readonly string[];
  /** The file's delimiter: a whole-row error shows the row as written. */
  delimiter?: string;
  /** IANA zone for timestamps written without an offset. */
  zone: string;
  options: ImportOptions;
  /** The format's fields that need another one in the same row. */
  companions: readonly ImportCompanion[];
  /** The format's row parser, bound to what its setup computed for this import. */
  readRow: (r: RowReader) => RowOutcome;
}

/** One data row: the file's (unique) header → the decoded cell. */
export type Cells = Readonly<Record<string, string>>;

/** Where each header's cell is in a record (headers are unique: the last one would win, as in Cells). */
export type HeaderIndex = ReadonlyMap<string, number>;

export function headerIndex(headers: readonly string[]): HeaderIndex {
  const index = new Map<string, number>();
  headers.forEach((header, i) => index.set(header, i));
  return index;
}

/**
 * A row is read from the parser's record (its cells in header order) through
 * the header's index. A Cells object of it is made only when asked for (a
 * failed row's text, a format that looks at every header): built per row,
 * an object of ~20 keys added by name is a dictionary, ~4 µs a row with the
 * look-ups against ~0.4 through the index, at a million rows.
 */
export class RowReader {
  readonly errors: RowError[] = [];
  /** Made at the first failure: most rows have none, and the parse makes a reader per row. */
  private failedColumns: Set<string> | undefined;
  private cellsMade: Cells | undefined;

  constructor(
    /** The record's cells, in the order of `headers`. */
    readonly values: readonly string[],
    readonly headers: readonly string[],
    private readonly index: HeaderIndex,
    readonly line: number,
    readonly ctx: RowContext,
  ) {}

  /** The row as header → cell, in the headers' order. */
  get cells(): Cells {
    if (this.cellsMade === undefined) {
      const cells: Record<string, string> = {};
      for (let i = 0; i < this.headers.length; i++) cells[this.headers[i] as string] = this.values[i] ?? '';
      this.cellsMade = cells;
    }
    return this.cellsMade;
  }

  /** The cell under a header of the file, '' when there is none. */
  cell(header: string): string {
    const i = this.index.get(header);
    return i === undefined ? '' : (this.values[i] ?? '');
  }

  /** The header a field is read from, or the field's name when it has none (for messages). */
  column(field: string): string {
    return this.ctx.columns.get(field) ?? field;
  }

  /** Raw cell of a field, untrimmed; '' when unmapped. */
  raw(field: string): string {
    const header = this.ctx.columns.get(field);
    return header === undefined ? '' : this.cell(header);
  }

  /** Trimmed value, or undefined when unmapped or blank (U+3000 counts as blank). */
  get(field: string): string | undefined {
    const value = this.raw(field).trim();
    return value === '' ? undefined : value;
  }

  /** Records a problem with a column; the first one per column wins. */
  fail(column: string, code: ImportErrorCode, params: ImportErrorParams, value: string): void {
    this.failedColumns ??= new Set();
    if (this.failedColumns.has(column)) return;
    this.failedColumns.add(column);
    this.errors.push({ line: this.line, column, ...importProblem(code, params), value });
  }

  failField(field: string, code: ImportErrorCode, params: ImportErrorParams = {}): void {
    this.fail(this.column(field), code, params, this.raw(field));
  }

  hasFailed(field: string): boolean {
    return this.failedColumns?.has(this.column(field)) === true;
  }

  require(field: string): string | undefined {
    const value = this.get(field);
    if (value === undefined) this.failField(field, 'required', { field });
    return value;
  }

  /** Parses a present value; a blank one is undefined (or an error when required). */
  parse<T>(field: string, parser: (text: string) => Parsed<T>, required = false): T | undefined {
    const text = required ? this.require(field) : this.get(field);
    if (text === undefined) return undefined;
    const parsed = parser(text);
    if (parsed.ok) return parsed.value;
    this.failField(field, parsed.code, parsed.params);
    return undefined;
  }

  /** A problem with the row as a whole: column '', the whole row as the value. */
  failRow(code: ImportErrorCode, params: ImportErrorParams = {}): void {
    this.fail('', code, params, Object.values(this.cells).join(this.ctx.delimiter ?? ','));
  }

  /**
   * Headers no field claims, plus `also` (mapped fields kept for reference),
   * header → value, blanks left out.
   */
  metadata(also: string[] = []): Record<string, string> {
    const out: Record<string, string> = {};
    const headers = [...also.map((field) => this.ctx.columns.get(field)), ...this.ctx.unmapped];
    for (const header of headers) {
      if (header === undefined) continue;
      const value = this.cell(header).trim();
      if (value !== '') out[header] = value;
    }
    return out;
  }

  get failed(): boolean {
    return this.errors.length > 0;
  }

  /** The row's errors as its outcome. Only called once some were recorded. */
  failure(): RowOutcome {
    if (this.errors.length === 0) this.failRow('row-unreadable');
    return { status: 'error', errors: this.errors };
  }
}

export const accepted = (record: ImportRecord): RowOutcome => ({ status: 'ok', record });

/**
 * Records cross a worker boundary and end up as JSON: absent beats
 * `undefined`, which structured clone would keep as a present key. A new
 * object rather than `delete`, which would turn a million records into slow
 * dictionary-mode objects.
 */
export function dropUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const key in value) if (value[key] !== undefined) out[key] = value[key];
  return out as T;
}
