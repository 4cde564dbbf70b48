/**
 * COPY text lines as the parse workers write them for the staging table (load/copy.ts): every
 * value's text, `\N` for none, backslash escapes, tab-separated, one line feed at the end.
 */
import { describe, expect, it } from 'vitest';
import { copyLine, copyValue } from '../../src-main/core/imports/load/copy';

/** The rule written out plainly, to hold the faster code to. */
const reference = (values: (string | number | boolean | null | undefined)[]) =>
  values
    .map((v) =>
      v === null || v === undefined
        ? '\\N'
        : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r'),
    )
    .join('\t') + '\n';

describe('copyLine', () => {
  it('writes \\N for null and undefined, numbers and booleans as text, and escapes \\, tab, LF and CR', () => {
    expect(copyLine([1, null, undefined, true, 'a\\b', 'c\td', 'e\nf', 'g\r\nh', ''])).toBe(
      '1\t\\N\t\\N\ttrue\ta\\\\b\tc\\td\te\\nf\tg\\r\\nh\t\n',
    );
    expect(copyValue(0)).toBe('0');
    expect(copyValue(false)).toBe('false');
  });

  it('agrees with the plain rule on values made of the characters that matter', () => {
    const alphabet = ['a', '\\', '\t', '\n', '\r', 'N', '日', '😀', ' '];
    let seed = 1;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 500; i++) {
      const values = Array.from({ length: 1 + (next() % 8) }, () => {
        const kind = next() % 6;
        if (kind === 0) return null;
        if (kind === 1) return next() % 1000;
        return Array.from({ length: next() % 6 }, () => alphabet[next() % alphabet.length]).join('');
      });
      expect(copyLine(values)).toBe(reference(values));
    }
  });
});
