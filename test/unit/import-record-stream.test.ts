import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { createDecoder, decodeBuffer } from '../../src-main/core/imports/parse/decode';
import { readRecords, type ReadProgress } from '../../src-main/core/imports/parse/record-stream';
import type { RowOutcome, TextEncodingName, WorkerInput } from '../../src-main/core/imports/types';

const dir = mkdtempSync(join(tmpdir(), 'drm-records-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function input(content: string | Buffer, extra: Partial<WorkerInput> = {}): WorkerInput {
  const filePath = join(dir, `f${files++}.csv`);
  writeFileSync(filePath, content);
  return {
    filePath,
    encoding: 'utf-8',
    delimiter: ',',
    type: 'activities',
    mapping: {},
    options: { timezone: 'UTC', source: 'web' },
    batchSize: 100,
    ...extra,
  };
}

async function collect(i: WorkerInput, progress: ReadProgress[] = []): Promise<RowOutcome[]> {
  const out: RowOutcome[] = [];
  for await (const o of readRecords(i, (p) => progress.push(p))) out.push(o);
  return out;
}

const lineOf = (o: RowOutcome) => (o.status === 'ok' ? o.record.line : o.status === 'error' ? o.errors[0]?.line : o.line);
const head = 'occurred_at,action,email';

describe('decode', () => {
  async function decodeChunks(chunks: number[][], encoding: TextEncodingName): Promise<string> {
    let text = '';
    const stream = Readable.from(chunks.map((c) => Buffer.from(c))).pipe(createDecoder(encoding));
    for await (const chunk of stream) text += Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    return text;
  }

  it('strips a UTF-8 BOM even when it arrives a byte at a time', async () => {
    expect(await decodeChunks([[0xef], [0xbb], [0xbf, 0x41], [0x42]], 'utf-8-bom')).toBe('AB');
    expect(await decodeChunks([[0xef, 0xbb]], 'utf-8')).toBe('\uFFFD');
    expect(await decodeChunks([[0x41], [0xef, 0xbb, 0xbf]], 'utf-8')).toBe('A\uFEFF');
  });

  it('decodes CP932 and UTF-16 split anywhere', async () => {
    const cp932 = [...iconv.encode('①髙～１', 'cp932')];
    expect(await decodeChunks([cp932.slice(0, 1), cp932.slice(1, 3), cp932.slice(3)], 'cp932')).toBe('①髙\uFF5E１');
    const le = [0xff, 0xfe, ...Buffer.from('髙a', 'utf16le')];
    expect(await decodeChunks([le.slice(0, 3), le.slice(3)], 'utf-16le')).toBe('髙a');
    expect(decodeBuffer(Buffer.from([0xfe, 0xff, 0x9a, 0xd9]), 'utf-16be')).toBe('髙');
  });
});

describe('readRecords', () => {
  it('counts lines itself: quoted CRLF, CR and LF each count once, blank lines too', async () => {
    const text = [
      head,
      '',
      '2024-05-01,click,"a@example.com"',
      '2024-05-01,"cl\r\nick",b@example.com',
      '',
      '',
      '2024-05-01,click,"c@ex\nample"',
      '2024-05-01,click,d@example.com',
    ].join('\r\n');
    const outcomes = await collect(input(text));
    expect(outcomes.map(lineOf)).toEqual([3, 4, 8, 10]);
  });

  it('reports a stray quote in an unquoted field and an unclosed quote, keeping the rows before', async () => {
    const stray = await collect(
      input(`${head}\n2024-05-01,click,a@example.com\n2024-05-01,cl"ick,b@example.com\n2024-05-01,click,c@example.com\n`),
    );
    expect(stray.map((o) => o.status)).toEqual(['ok', 'error']);
    expect(stray[1]).toEqual({
      status: 'error',
      errors: [
        {
          line: 3,
          column: '',
          code: 'opening-quote',
          params: {},
          reason: expect.stringMatching(/^a quote \("\) inside a field/),
          value: '',
        },
      ],
    });

    const unclosed = await collect(
      input(`${head}\n2024-05-01,click,a@example.com\n\n2024-05-01,click,"b@example.com\n2024-05-01,click,c@example.com\n`),
    );
    expect(unclosed.map((o) => o.status)).toEqual(['ok', 'error']);
    expect(unclosed[1]).toEqual({
      status: 'error',
      errors: [{ line: 4, column: '', code: 'quote-not-closed', params: {}, reason: expect.stringMatching(/never closed/), value: '' }],
    });
  });

  it('reports progress in rows and file bytes', async () => {
    const progress: ReadProgress[] = [];
    const i = input(`${head}\n2024-05-01,click,a@example.com\n2024-05-01,click,b@example.com\n`);
    await collect(i, progress);
    expect(progress.map((p) => p.rowsRead)).toEqual([1, 2, 2]);
    expect(progress.at(-1)?.bytesRead).toBe(statSync(i.filePath).size);
  });

  it('reads a header-only file as no rows and refuses an empty one', async () => {
    expect(await collect(input(`${head}\r\n`))).toEqual([]);
    await expect(collect(input('\n\n'))).rejects.toThrow(/empty/);
  });

  it('refuses a mapping that names a column the file lacks', async () => {
    await expect(collect(input(`${head}\n`, { mapping: { occurred_at: 'when', action: 'action' } }))).rejects.toThrow(/no column "when"/);
  });

  it('decodes large CP932 and UTF-8 files across chunk boundaries', async () => {
    const rows: string[] = [];
    for (let i = 0; i < 12_000; i++) rows.push(`2024-05-01,click,u${i}@example.com,髙橋①～${i}`);
    const text = `${head},memo\r\n${rows.join('\r\n')}\r\n`;
    const check = (outcomes: RowOutcome[]) => {
      expect(outcomes).toHaveLength(12_000);
      expect(outcomes.every((o) => o.status === 'ok')).toBe(true);
      const last = outcomes.at(-1);
      expect(last?.status === 'ok' && last.record.kind === 'activity' && [last.record.line, last.record.metadata.memo]).toEqual([
        12_001,
        '髙橋①～11999',
      ]);
    };
    const cp932 = iconv.encode(text, 'cp932');
    expect(cp932.length).toBeGreaterThan(2 * 256 * 1024); // several read chunks
    check(await collect(input(cp932, { encoding: 'cp932' })));
    check(await collect(input(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), { encoding: 'utf-8-bom' })));
    check(await collect(input(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), { encoding: 'utf-16le' })));
  });

  it('flags cells of a CP932 file read as UTF-8', async () => {
    const outcomes = await collect(
      input(
        Buffer.concat([Buffer.from(`${head},memo\n2024-05-01,click,a@example.com,`), iconv.encode('髙橋', 'cp932'), Buffer.from('\n')]),
      ),
    );
    expect(outcomes).toEqual([
      {
        status: 'error',
        errors: [
          {
            line: 2,
            column: 'memo',
            code: 'bad-bytes',
            params: {},
            reason: expect.stringMatching(/encoding/),
            value: expect.stringContaining('\uFFFD'),
          },
        ],
      },
    ]);
  });
});
