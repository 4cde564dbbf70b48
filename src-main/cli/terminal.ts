/**
 * Text laid out in terminal columns: East Asian wide characters (kanji,
 * kana, full-width forms) take two columns, so Japanese names line up.
 */
import { charWidth, displayWidth } from '../../src-shared/text-width';

export { displayWidth };

/** `s` padded with spaces on the right to `columns` terminal columns (never cut). */
export function padEnd(s: string, columns: number): string {
  return s + ' '.repeat(Math.max(0, columns - displayWidth(s)));
}

/** `s` padded with spaces on the left to `columns` terminal columns (never cut). */
export function padStart(s: string, columns: number): string {
  return ' '.repeat(Math.max(0, columns - displayWidth(s))) + s;
}

/** `s` cut (with …) or padded to exactly `columns` terminal columns. */
export function fit(s: string, columns: number): string {
  const total = displayWidth(s);
  if (total <= columns) return padEnd(s, columns);
  let out = '';
  let used = 1;
  for (const ch of s) {
    if (used + charWidth(ch) > columns) break;
    out += ch;
    used += charWidth(ch);
  }
  return `${out}…${' '.repeat(columns - used)}`;
}

/** A header and rows as left-aligned columns two spaces apart, each line without trailing spaces. */
export function columns(header: string[], body: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...body.map((row) => displayWidth(row[i]!))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => padEnd(c, widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...body.map(line)];
}
