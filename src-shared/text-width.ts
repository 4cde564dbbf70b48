/**
 * How wide text is: East Asian wide characters (kanji, kana, full-width
 * forms) take two columns, others one. The CLI lines Japanese names up in
 * terminal columns with it; a QR caption is sized by it.
 */
const WIDE = /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u;

export const charWidth = (ch: string): number => (WIDE.test(ch) ? 2 : 1);

/** Columns `s` takes in a terminal. */
export function displayWidth(s: string): number {
  let total = 0;
  for (const ch of s) total += charWidth(ch);
  return total;
}
