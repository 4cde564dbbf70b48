/**
 * The rejected rows of an import as a CSV file the user opens in Excel,
 * fixes, and imports again. Built in the renderer from `import:get-job`'s errors.
 */
import { toCsv } from '../../../../src-shared/csv';

export interface RowErrorLike {
  line: number;
  column: string;
  reason: string;
  value: string;
}

/** Header labels in the user's language. */
export function errorsToCsv(errors: readonly RowErrorLike[], headers: readonly [string, string, string, string]): string {
  return toCsv(
    headers,
    errors.map((e) => [e.line, e.column, e.reason, e.value]),
  );
}

/** `members.csv` → `members-errors.csv`. */
export function errorsFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]*$/, '') || 'import';
  return `${stem}-errors.csv`;
}
