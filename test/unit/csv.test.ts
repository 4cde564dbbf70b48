import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, toCsv } from '../../src-shared/csv';

// The one CSV writer: the core's exports and the renderer's downloads alike.
describe('CSV writer', () => {
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

describe('csvCell, as the renderer’s downloads use it', () => {
  it('leaves plain text and numbers alone', () => {
    expect(csvCell('occurred_at')).toBe('occurred_at');
    expect(csvCell(12)).toBe('12');
    expect(csvCell('髙橋 ①')).toBe('髙橋 ①');
  });

  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r\nlf')).toBe('"cr\r\nlf"');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+81 3 1234')).toBe("'+81 3 1234");
    expect(csvCell('-1,234')).toBe('"\'-1,234"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe('"\'\rcmd"');
  });

  it('does not prefix text that only contains those characters later', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('x@example.com')).toBe('x@example.com');
  });

  it('does not prefix a number (the line numbers we write ourselves)', () => {
    expect(csvCell(-1)).toBe('-1');
  });
});
