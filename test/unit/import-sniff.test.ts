import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { detectDelimiter, SAMPLE_BYTES, sniffBuffer, sniffFile } from '../../src-main/core/imports/parse/sniff';

const utf8 = (text: string) => Buffer.from(text, 'utf8');
const bom = Buffer.from([0xef, 0xbb, 0xbf]);

describe('sniffBuffer: encodings', () => {
  it('reads UTF-8 without BOM', () => {
    const s = sniffBuffer(utf8('display_name,email,github\n山田 太郎,taro@example.com,taro\n'));
    expect(s.encoding).toBe('utf-8');
    expect(s.headers).toEqual(['display_name', 'email', 'github']);
    expect(s.rows).toEqual([['山田 太郎', 'taro@example.com', 'taro']]);
  });

  it('reads UTF-8 with BOM and strips it from the first header', () => {
    const s = sniffBuffer(Buffer.concat([bom, utf8('occurred_at,action\n2024-05-01,click\n')]));
    expect(s.encoding).toBe('utf-8-bom');
    expect(s.headers[0]).toBe('occurred_at');
    expect(s.type).toBe('activities');
  });

  it('reads CP932 with ①, 髙, 〜 and full-width digits', () => {
    // '～' (U+FF5E) is what CP932's 0x8160 means; iconv cannot encode U+301C.
    const text = '氏名,メール,メモ\n髙橋 ①郎,takahashi@example.com,１２３～４５６\n';
    const bytes = iconv.encode(text, 'cp932');
    expect(bytes.includes(Buffer.from([0x81, 0x60]))).toBe(true); // the wave dash byte is really there
    expect(bytes.includes(Buffer.from([0x87, 0x40]))).toBe(true); // ①
    expect(bytes.includes(Buffer.from([0xfb, 0xfc]))).toBe(true); // 髙 (IBM extension)
    const s = sniffBuffer(bytes);
    expect(s.encoding).toBe('cp932');
    expect(s.headers).toEqual(['氏名', 'メール', 'メモ']);
    expect(s.rows).toEqual([['髙橋 ①郎', 'takahashi@example.com', '１２３\uFF5E４５６']]);
    expect(s.type).toBe('developers');
  });

  it('reads UTF-16LE and UTF-16BE with BOM', () => {
    const text = 'login\tstarred_at\noctocat\t2024-05-01T10:00:00Z\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const sLe = sniffBuffer(le);
    expect(sLe.encoding).toBe('utf-16le');
    expect(sLe.delimiter).toBe('\t');
    expect(sLe.headers).toEqual(['login', 'starred_at']);
    expect(sLe.rows).toEqual([['octocat', '2024-05-01T10:00:00Z']]);
    expect(sLe.type).toBe('github-stars');

    const be = Buffer.from(le);
    be.swap16();
    const sBe = sniffBuffer(be);
    expect(sBe.encoding).toBe('utf-16be');
    expect(sBe.headers).toEqual(['login', 'starred_at']);
  });

  it('recognises UTF-16LE without BOM (Excel "Unicode text")', () => {
    const s = sniffBuffer(Buffer.from('login\tstarred_at\noctocat\t2024-05-01\n', 'utf16le'));
    expect(s.encoding).toBe('utf-16le');
    expect(s.rows).toEqual([['octocat', '2024-05-01']]);
  });

  it('does not mistake a UTF-8 sequence cut at the end of the sample for CP932', () => {
    const body = 'あいうえお,かきくけこ\n'.repeat(Math.ceil(SAMPLE_BYTES / 31) + 10);
    // Pad the header until the sample's last byte falls inside a 3-byte character.
    let pad = '';
    let buf = utf8(`name,memo${pad}\n${body}`);
    while (((buf[SAMPLE_BYTES] ?? 0) & 0xc0) !== 0x80) buf = utf8(`name,memo${(pad += ' ')}\n${body}`);
    const sample = buf.subarray(0, SAMPLE_BYTES + 1);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, SAMPLE_BYTES))).toThrow();
    const s = sniffBuffer(sample);
    expect(s.encoding).toBe('utf-8');
    expect(s.rows).toHaveLength(20);
    expect(s.rows.every((r) => r[0] === 'あいうえお' && r[1] === 'かきくけこ')).toBe(true);
  });

  it('takes invalid UTF-8 as CP932', () => {
    expect(sniffBuffer(iconv.encode('名前,メール\n田中,a@b.c\n', 'cp932')).encoding).toBe('cp932');
  });
});

describe('sniffBuffer: delimiters, headers and rows', () => {
  it('detects tab and semicolon', () => {
    expect(sniffBuffer(utf8('name\tchannel\tstart_date\nDevFest\tevent\t2024-05-01\n')).delimiter).toBe('\t');
    const semi = sniffBuffer(utf8('name;channel;start_date\nDevFest;event;2024-05-01\n'));
    expect(semi.delimiter).toBe(';');
    expect(semi.rows).toEqual([['DevFest', 'event', '2024-05-01']]);
  });

  it('counts delimiters outside quotes only, so the consistent one wins', () => {
    const text = 'display_name,email,tags\n"Tanaka; Haru",haru@example.com,"a;b;c"\nSato,sato@example.com,x\n';
    expect(detectDelimiter(text)).toBe(',');
    expect(detectDelimiter('a;b\n"1,2,3";4\n"5,6";7\n')).toBe(';');
    expect(detectDelimiter('just one column\nvalue\n')).toBe(',');
  });

  it('keeps quoted newlines inside their field', () => {
    const s = sniffBuffer(utf8('occurred_at,action,memo\r\n2024-05-01,click,"line 1\r\nline 2"\r\n2024-05-02,view,x\r\n'));
    expect(s.rows).toEqual([
      ['2024-05-01', 'click', 'line 1\r\nline 2'],
      ['2024-05-02', 'view', 'x'],
    ]);
  });

  it('shows at most 20 rows', () => {
    let text = 'email,github\n';
    for (let i = 0; i < 30; i++) text += `u${i}@example.com,u${i}\n`;
    const s = sniffBuffer(utf8(text));
    expect(s.rows).toHaveLength(20);
    expect(s.rows[19]).toEqual(['u19@example.com', 'u19']);
  });

  it('suggests a mapping for the recognised type, or for activities', () => {
    const connpass = sniffBuffer(
      utf8('参加枠名,ユーザー名,表示名,参加ステータス,更新日時\n一般,haru,Haru,参加者,2019年7月13日 13時02分\n'),
    );
    expect(connpass.type).toBe('connpass');
    expect(connpass.mapping).toMatchObject({ username: 'ユーザー名', updated_at: '更新日時' });
    const unknown = sniffBuffer(utf8('when,what,who\n1,2,3\n'));
    expect(unknown.type).toBeUndefined();
    expect(unknown.mapping).toEqual({});
    const half = sniffBuffer(utf8('timestamp,email,zzz\n1,2,3\n'));
    expect(half.type).toBeUndefined();
    expect(half.mapping).toEqual({ occurred_at: 'timestamp', email: 'email' });
  });

  it('uses the file name to recognise connpass', () => {
    const s = sniffBuffer(utf8('ユーザー名,表示名\nharu,Haru\n'), 'event_123456_participants.csv');
    expect(s.type).toBe('connpass');
  });

  it('handles an empty file', () => {
    expect(sniffBuffer(Buffer.alloc(0))).toEqual({
      encoding: 'utf-8',
      encodingReason: 'valid-utf8',
      firstBadLine: null,
      delimiter: ',',
      headers: [],
      rows: [],
      mapping: {},
    });
  });
});

describe('sniffFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'drm-sniff-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads only the start of a large CP932 file and shows whole rows', async () => {
    let text = '氏名,メール,メモ\r\n';
    for (let i = 0; text.length < 200_000; i++) text += `髙橋${i},u${i}@example.com,"①〜\r\n～${i}"\r\n`.replace('〜', '～');
    const path = join(dir, 'big.csv');
    writeFileSync(path, iconv.encode(text, 'cp932'));
    const s = await sniffFile(path);
    expect(s.encoding).toBe('cp932');
    expect(s.rows).toHaveLength(20);
    expect(s.rows[0]).toEqual(['髙橋0', 'u0@example.com', '①～\r\n～0']);
    expect(s.type).toBe('developers');
  });

  it('sniffs a sample that ends inside a quoted field', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => `2024-05-01,click,"${'x'.repeat(SAMPLE_BYTES / 8)}\n${i}"`);
    const path = join(dir, 'long-fields.csv');
    writeFileSync(path, `occurred_at,action,memo\n${rows.join('\n')}\n`);
    const s = await sniffFile(path);
    expect(s.headers).toEqual(['occurred_at', 'action', 'memo']);
    // 8 whole records fit in 64 KiB; the cut ninth is left out rather than shown half.
    expect(s.rows.length).toBeGreaterThan(0);
    expect(s.rows.length).toBeLessThan(10);
    expect(s.rows.every((r) => r.length === 3 && /\n\d$/.test(r[2] ?? ''))).toBe(true);
  });
});
