/**
 * The rejected rows of an import as a CSV file the user opens in Excel,
 * fixes, and imports again. Built in the renderer from `import:get-job`'s errors.
 */
import type { ImportRowError } from '../../../../src-shared/contract/imports';
import { toCsv } from '../../../../src-shared/csv';

export type RowErrorLike = Pick<ImportRowError, 'line' | 'column' | 'code' | 'params' | 'reason' | 'value'>;

/** Header labels and reasons in the user's language (`reasonOf`: error-reason.ts, as the table shows them). */
export function errorsToCsv(
  errors: readonly RowErrorLike[],
  headers: readonly [string, string, string, string],
  reasonOf: (error: RowErrorLike) => string,
): string {
  return toCsv(
    headers,
    errors.map((e) => [e.line, e.column, reasonOf(e), e.value]),
  );
}

/** `members.csv` → `members-errors.csv`. */
export function errorsFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]*$/, '') || 'import';
  return `${stem}-errors.csv`;
}
