import { describe, expect, it } from 'vitest';
import en from '../../src-renderer/src/i18n/en';
import ja from '../../src-renderer/src/i18n/ja';
import {
  unsupportedByBytes,
  unsupportedByName,
  unsupportedFile,
  type UnsupportedKind,
} from '../../src-renderer/src/pages/import/unsupported-file';
import { xlsxBytes } from '../helpers/xlsx';

const ZIP = [0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const file = (name: string, bytes: number[] | string) => new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name);

describe('unsupported files', () => {
  it('knows spreadsheets and archives by their extension, whatever the case', () => {
    const cases: [string, UnsupportedKind | null][] = [
      ['members.xlsx', 'excel'],
      ['MEMBERS.XLS', 'excel'],
      ['budget.xlsm', 'excel'],
      ['budget.numbers', 'numbers'],
      ['budget.ods', 'openDocument'],
      ['export.zip', 'zip'],
      ['export.csv', null],
      ['export.tsv', null],
      ['export.txt', null],
      ['xlsx', null],
      ['export.csv.xlsx', 'excel'],
    ];
    for (const [name, kind] of cases) expect(unsupportedByName(name), name).toBe(kind);
  });

  it('knows a zip and an old Office file by their first bytes', () => {
    expect(unsupportedByBytes(new Uint8Array(ZIP))).toBe('zipContent');
    expect(unsupportedByBytes(new Uint8Array([0x50, 0x4b, 0x05, 0x06]))).toBe('zipContent');
    expect(unsupportedByBytes(new Uint8Array(OLE))).toBe('excel');
    expect(unsupportedByBytes(new TextEncoder().encode('PK,name\n'))).toBeNull();
    expect(unsupportedByBytes(new TextEncoder().encode('email,name\n'))).toBeNull();
    expect(unsupportedByBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBeNull();
    expect(unsupportedByBytes(new Uint8Array([]))).toBeNull();
  });

  it('reads a File: the extension first, then the first bytes of a file named like a CSV', async () => {
    expect(await unsupportedFile(file('members.xlsx', 'email\n'))).toBe('excel');
    expect(await unsupportedFile(file('renamed.csv', ZIP))).toBe('zipContent');
    expect(await unsupportedFile(file('old-excel.csv', OLE))).toBe('excel');
    expect(await unsupportedFile(file('members.csv', 'email,name\na@example.com,A\n'))).toBeNull();
    expect(await unsupportedFile(file('empty.csv', ''))).toBeNull();
  });

  it('says what to do instead in English and Japanese, for every kind', () => {
    for (const kind of ['excel', 'numbers', 'openDocument', 'zip', 'zipContent'] as const) {
      expect(en.imports.unsupported[kind]).toMatch(/CSV/);
      expect(ja.imports.unsupported[kind]).toMatch(/CSV/);
    }
    expect(en.imports.unsupported.excel).toContain('Excel files are not supported: save it as CSV (UTF-8)');
    expect(ja.imports.unsupported.excel).toContain('Excel ファイルには対応していません');
  });
});

describe('a real .xlsx workbook (issue 11, defect 7)', () => {
  const workbook = [...xlsxBytes()];

  it('is an Excel file by its name, and by its content whatever it is called', async () => {
    expect(await unsupportedFile(file('members.xlsx', workbook))).toBe('excel');
    expect(await unsupportedFile(file('members.csv', workbook))).toBe('excel');
    expect(await unsupportedFile(file('export', workbook))).toBe('excel');
  });

  it('says so in both languages, with what to do', () => {
    expect(en.imports.unsupported.excel).toMatch(/^Excel files are not supported: save it as CSV \(UTF-8\)/);
    expect(ja.imports.unsupported.excel).toMatch(/Excel ファイルには対応していません/);
    expect(ja.imports.unsupported.excel).toMatch(/CSV UTF-8/);
  });
});
