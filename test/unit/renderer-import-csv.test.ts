import { describe, expect, it } from 'vitest';
import { BOM } from '../../src-shared/csv';
import { errorsFileName, errorsToCsv } from '../../src-renderer/src/pages/import/error-csv';

const HEADERS = ['line', 'column', 'reason', 'value'] as const;

describe('errorsToCsv', () => {
  it('starts with a BOM so Excel reads UTF-8, and ends every line with CRLF', () => {
    const csv = errorsToCsv([], HEADERS, (e) => e.reason);
    expect(csv).toBe(`${BOM}line,column,reason,value\r\n`);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
  });

  it('writes one line per error in order, escaped', () => {
    const csv = errorsToCsv(
      [
        { line: 3, column: 'occurred_at', reason: 'not a date', value: '2024/13/01' },
        { line: 7, column: '', reason: 'row has 5 fields, header has 4', value: 'a,b,"c",d,=e' },
      ],
      ['行番号', '列', '理由', '値'],
      (e) => e.reason,
    );
    expect(csv).toBe(
      `${BOM}行番号,列,理由,値\r\n` +
        '3,occurred_at,not a date,2024/13/01\r\n' +
        '7,,"row has 5 fields, header has 4","a,b,""c"",d,=e"\r\n',
    );
  });
});

describe('errorsFileName', () => {
  it('names the download after the imported file', () => {
    expect(errorsFileName('members.csv')).toBe('members-errors.csv');
    expect(errorsFileName('event_123_participants.csv')).toBe('event_123_participants-errors.csv');
    expect(errorsFileName('C:\\Users\\me\\参加者.txt')).toBe('参加者-errors.csv');
    expect(errorsFileName('')).toBe('import-errors.csv');
  });
});
