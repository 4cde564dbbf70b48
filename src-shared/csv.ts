/**
 * The one CSV writer of the app (the developers and funnel exports in the
 * core; an import's rejected rows and a chart's numbers in the renderer).
 * CSV for spreadsheets: UTF-8 with a BOM (Excel, notably in Japan, then reads
 * it as UTF-8; without it, as Shift_JIS), CRLF line ends, RFC 4180 quoting,
 * and formula-injection safe: a cell that a spreadsheet would run as a
 * formula (starting with = + - @, a tab or a carriage return) is prefixed
 * with a single quote (OWASP's advice for CSV injection).
 */

export type CsvValue = string | number | boolean | null | undefined;

/** Excel opens a UTF-8 file with this mark as UTF-8. */
export const BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  // Numbers and booleans are written by us, never by a user: a negative number stays a number.
  if (typeof value !== 'string') return String(value);
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** A whole document: BOM, header line, one line per row. */
export function toCsv(header: readonly CsvValue[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = [BOM, csvLine(header)];
  for (const row of rows) lines.push(csvLine(row));
  return lines.join('');
}
