/**
 * Errors by kind — the same code on the same column — and the early stop
 * (issue 11, defect 1): a file whose every row has the same problem (a
 * resource title without a category column, say) is rejected after the
 * first EARLY_STOP_ERRORS of one kind instead of after the whole file, with
 * a summary that counts each kind over the rows read so far.
 */
import type { ImportEarlyStop } from '../../../src-shared/contract/imports';
import type { RowError } from './types';

/** Errors of one kind after which reading the rest of the file cannot change the outcome. */
export const EARLY_STOP_ERRORS = 1_000;

type Kind = ImportEarlyStop['kinds'][number];

export class ErrorKinds {
  private readonly kinds = new Map<string, Kind>();
  /** The line of the error that reached the limit, once one kind has. */
  stoppedAt: number | null = null;

  constructor(private readonly limit = EARLY_STOP_ERRORS) {}

  add(error: RowError): void {
    const key = `${error.code}\u0000${error.column}`;
    let kind = this.kinds.get(key);
    if (!kind) {
      // The first error's params stand for the kind (the value differs from row to row; the problem does not).
      kind = { code: error.code, params: error.params, column: error.column, reason: error.reason, rows: 0 };
      this.kinds.set(key, kind);
    }
    kind.rows += 1;
    if (kind.rows >= this.limit && this.stoppedAt === null) this.stoppedAt = error.line;
  }

  get stopped(): boolean {
    return this.stoppedAt !== null;
  }

  /** Every kind seen, the most frequent first. */
  summary(rowsRead: number): ImportEarlyStop {
    const kinds = [...this.kinds.values()].sort((a, b) => b.rows - a.rows);
    return { line: this.stoppedAt ?? 0, rowsRead, limit: this.limit, kinds };
  }
}

/** The job's message: what the CLI prints and the history keeps. */
export function earlyStopMessage(stop: ImportEarlyStop): string {
  const n = new Intl.NumberFormat('en-US');
  const kinds = stop.kinds.map(
    (kind) => `${n.format(kind.rows)} ${kind.rows === 1 ? 'row' : 'rows'}: ${kind.reason}${kind.column ? ` (column ${kind.column})` : ''}`,
  );
  return (
    `Stopped after ${n.format(stop.rowsRead)} rows: ${n.format(stop.limit)} rows had the same problem by line ${n.format(stop.line)}; ` +
    `nothing was imported. ${kinds.join('; ')}`
  );
}
