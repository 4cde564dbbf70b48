/**
 * CSV for spreadsheets: UTF-8 with a BOM (Excel, notably in Japan, then
 * reads it as UTF-8), CRLF line ends, RFC 4180 quoting, and formula-injection
 * safe: a cell that a spreadsheet would run as a formula (starting with
 * = + - @, a tab or a carriage return) is prefixed with a single quote.
 */

export type CsvValue = string | number | boolean | null | undefined;

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
export function toCsv(header: readonly string[], rows: Iterable<readonly CsvValue[]>): string {
  const lines = ['\uFEFF', csvLine(header)];
  for (const row of rows) lines.push(csvLine(row));
  return lines.join('');
}
