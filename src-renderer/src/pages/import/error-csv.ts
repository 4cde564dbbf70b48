/**
 * The rejected rows of an import as a CSV file the user opens in Excel,
 * fixes, and imports again. Built in the renderer from `import:get-job`'s errors.
 */

export interface RowErrorLike {
  line: number;
  column: string;
  reason: string;
  value: string;
}

/** Excel and LibreOffice run a cell starting with one of these as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Excel opens a UTF-8 file with this mark as UTF-8 (without it, as Shift_JIS in Japan). */
export const BOM = '\uFEFF';

/**
 * One cell: text that could run as a formula gets a leading `'` (OWASP's
 * advice for CSV injection); quotes, commas and line breaks get quoted.
 */
export function csvCell(value: string | number): string {
  let text = typeof value === 'number' ? String(value) : value;
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(cells: readonly (string | number)[]): string {
  return cells.map(csvCell).join(',');
}

/** Header labels in the user's language; CRLF lines, as Excel writes them. */
export function errorsToCsv(errors: readonly RowErrorLike[], headers: readonly [string, string, string, string]): string {
  const lines = [csvLine(headers), ...errors.map((e) => csvLine([e.line, e.column, e.reason, e.value]))];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/** `members.csv` → `members-errors.csv`. */
export function errorsFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const stem = base.replace(/\.[^.]*$/, '') || 'import';
  return `${stem}-errors.csv`;
}
