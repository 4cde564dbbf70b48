import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { findSplit } from '../../src-main/core/imports/parse/split';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('split');
afterAll(() => dir.remove());

function file(name: string, bytes: Buffer): { path: string; size: number } {
  const path = join(dir.path, name);
  writeFileSync(path, bytes);
  return { path, size: bytes.length };
}

describe('findSplit', () => {
  it('cuts just after a newline past the middle and counts the lines before it', async () => {
    const text = 'h1,h2\n' + Array.from({ length: 100 }, (_, i) => `${i},value ${i}`).join('\n') + '\n';
    const f = file('plain.csv', Buffer.from(text));
    const split = await findSplit(f.path, f.size, 'utf-8', 0);
    expect(split).toBeDefined();
    expect(split!.offset).toBeGreaterThanOrEqual(f.size / 2);
    expect(text[split!.offset - 1]).toBe('\n');
    // The line starting at the cut is the one the count says.
    expect(text.slice(0, split!.offset).split('\n').length).toBe(split!.line);
  });

  it('never cuts inside a quoted field, even one full of newlines and escaped quotes', async () => {
    const quoted = `"${'a ""quoted"" line\n'.repeat(40)}"`;
    const text = `h1,h2\n1,x\n2,${quoted}\n3,after\n`;
    const f = file('quoted.csv', Buffer.from(text));
    const split = await findSplit(f.path, f.size, 'utf-8', 0);
    expect(text.slice(split!.offset)).toBe('3,after\n');
    expect(split!.line).toBe(text.slice(0, split!.offset).split('\n').length);
  });

  it('cuts CP932 between characters, and leaves UTF-16, small and unsplittable files whole', async () => {
    const text = 'name,memo\n' + Array.from({ length: 50 }, (_, i) => `髙橋${i},①〜②`).join('\r\n') + '\r\n';
    const sjis = file('sjis.csv', iconv.encode(text, 'cp932'));
    const split = await findSplit(sjis.path, sjis.size, 'cp932', 0);
    const second = iconv.decode(iconv.encode(text, 'cp932').subarray(split!.offset), 'cp932');
    expect(second.startsWith('髙橋')).toBe(true);
    const utf16 = file('utf16.csv', Buffer.from(text, 'utf16le'));
    expect(await findSplit(utf16.path, utf16.size, 'utf-16le', 0)).toBeUndefined();
    expect(await findSplit(sjis.path, sjis.size, 'cp932')).toBeUndefined(); // under the default minimum
    const open = file('open.csv', Buffer.from('h\n"never closed\nmore\nmore\n'));
    expect(await findSplit(open.path, open.size, 'utf-8', 0)).toBeUndefined();
  });
});
