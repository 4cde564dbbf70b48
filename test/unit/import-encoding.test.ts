/**
 * The encoding decision and its reason, the first undecodable line, and the
 * refusal of files that are no CSV text.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { CoreError } from '../../src-main/core/errors';
import { chooseEncoding, firstUndecodableLine, scanUtf8 } from '../../src-main/core/imports/parse/encoding';
import { refuseNonText } from '../../src-main/core/imports/parse/file-kind';
import { xlsxBytes } from '../helpers/xlsx';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

describe('chooseEncoding', () => {
  it('names a BOM, the UTF-16 pattern and valid UTF-8', () => {
    expect(chooseEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]), false)).toEqual({ encoding: 'utf-8-bom', reason: 'bom' });
    expect(chooseEncoding(Buffer.from([0xff, 0xfe, 0x61, 0]), false)).toEqual({ encoding: 'utf-16le', reason: 'bom' });
    expect(chooseEncoding(Buffer.from('name,email\nx,y\n', 'utf16le'), false)).toEqual({ encoding: 'utf-16le', reason: 'utf16-pattern' });
    expect(chooseEncoding(utf8('名前,メール\n田中,a@b.c\n'), false)).toEqual({ encoding: 'utf-8', reason: 'valid-utf8' });
  });

  it('keeps UTF-8 text with a damaged sequence as UTF-8 (it used to become CP932)', () => {
    const damaged = Buffer.concat([utf8('名前,メール\n田中,a@b.c\n'), Buffer.from([0xe9, 0x0a])]);
    expect(chooseEncoding(damaged, false)).toEqual({ encoding: 'utf-8', reason: 'utf8-with-invalid-bytes' });
  });

  it('chooses CP932 for Japanese Excel output, and says whether every byte fits', () => {
    expect(chooseEncoding(iconv.encode('名前,メール\n髙橋①,a@b.c\n', 'cp932'), false)).toEqual({
      encoding: 'cp932',
      reason: 'not-utf8-valid-cp932',
    });
    const broken = Buffer.concat([iconv.encode('名前,メール\n髙橋,a@b.c\n', 'cp932'), Buffer.from([0x80, 0xa0, 0xfd])]);
    expect(chooseEncoding(broken, false)).toEqual({ encoding: 'cp932', reason: 'not-utf8-invalid-cp932' });
  });

  it('does not count a character cut by the end of a sample', () => {
    const cut = utf8('名前,メール\n田中').subarray(0, -1);
    expect(chooseEncoding(cut, true).reason).toBe('valid-utf8');
    const cp932Cut = iconv.encode('名前,メール\n田中', 'cp932').subarray(0, -1);
    expect(chooseEncoding(cp932Cut, true).reason).toBe('not-utf8-valid-cp932');
  });

  it('counts well-formed and invalid UTF-8 sequences strictly (no overlongs, no surrogates)', () => {
    expect(scanUtf8(utf8('aé田😀'))).toEqual({ multibyte: 3, invalid: 0 });
    expect(scanUtf8(Buffer.from([0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf5]))).toEqual({ multibyte: 0, invalid: 6 });
  });
});

describe('firstUndecodableLine', () => {
  it('counts CRLF, CR and LF as one line end each', () => {
    expect(firstUndecodableLine('a\r\nb\rc\nd\uFFFD')).toBe(4);
    expect(firstUndecodableLine('all fine\n')).toBeNull();
  });
});

describe('refuseNonText', () => {
  const refusal = (bytes: Buffer, name = 'file.csv', utf16 = false) => {
    try {
      refuseNonText(bytes, name, utf16);
      return undefined;
    } catch (error) {
      expect(error).toBeInstanceOf(CoreError);
      return { message: (error as CoreError).message, details: (error as CoreError).details };
    }
  };

  it('lets CSV text through, a stray NUL in a cell included (that row’s error, later)', () => {
    expect(refusal(utf8('a,b\n1,2\0x\n'))).toBeUndefined();
    expect(refusal(Buffer.from('a,b\n1,2\n', 'utf16le'), 'file.csv', true)).toBeUndefined();
  });

  it('names the format of a spreadsheet or archive', () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), utf8('xl/workbook.xml')]);
    expect(refusal(zip)).toEqual({
      message: expect.stringMatching(/^file\.csv: Excel files are not supported: save it as CSV \(UTF-8\)/),
      details: { reason: 'not-text', format: 'zip' },
    });
    expect(refusal(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0]), 'sheet.numbers')?.message).toMatch(/Numbers files are not supported/);
    expect(refusal(Buffer.from([0x1f, 0x8b, 8, 0]))?.message).toMatch(/gzip archive/);
  });

  it('refuses a binary sample and an empty file', () => {
    expect(refusal(Buffer.concat([utf8('a,b\n'), Buffer.alloc(100)]))?.details).toEqual({ reason: 'not-text', format: 'binary' });
    expect(refusal(Buffer.alloc(0))?.details).toEqual({ reason: 'empty', format: 'empty' });
    expect(refusal(Buffer.from([0xef, 0xbb, 0xbf, 0x0a, 0x0a]))?.details).toEqual({ reason: 'empty', format: 'empty' });
  });
});

describe('a real .xlsx workbook (issue 11, defect 7)', () => {
  it('is refused as an Excel file, not read as CSV, whatever its name', () => {
    for (const name of ['members.xlsx', 'members.csv', 'export']) {
      let thrown: unknown;
      try {
        refuseNonText(xlsxBytes(), name, false);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, name).toBeInstanceOf(CoreError);
      expect((thrown as CoreError).message, name).toMatch(/Excel files are not supported: save it as CSV \(UTF-8\)/);
    }
  });
});
