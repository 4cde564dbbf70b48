import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, toCsv } from '../../src-main/core/developers/csv';

describe('developers CSV writer', () => {
  it('prefixes cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+81 90')).toBe("'+81 90");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('quotes commas, quotes and newlines, after the prefix', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
  });

  it('writes numbers, booleans and empty values as they are', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvLine(['田中', 2, null])).toBe('田中,2,\r\n');
  });

  it('starts the document with a BOM and ends every line in CRLF', () => {
    expect(
      toCsv(
        ['name', 'n'],
        [
          ['a', 1],
          ['=b', 2],
        ],
      ),
    ).toBe("\uFEFFname,n\r\na,1\r\n'=b,2\r\n");
    expect(toCsv(['only'], [])).toBe('\uFEFFonly\r\n');
  });
});
