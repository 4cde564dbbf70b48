/**
 * A parse batch's COPY text as UTF-8 bytes (imports/parse/batch-bytes.ts):
 * the same bytes as the text, across growth and multibyte characters, and
 * each batch on an ArrayBuffer of its own, which the worker can transfer to
 * the importer without a copy (a string per batch was ~1 MB on each side of
 * postMessage, freed only by a full GC: the import's peak RSS at 1M rows).
 */
import { describe, expect, it } from 'vitest';
import { BatchBytes } from '../../src-main/core/imports/parse/batch-bytes';

describe('a batch of COPY text as bytes', () => {
  it('holds the UTF-8 of the lines added, growing past its first capacity', () => {
    const bytes = new BatchBytes();
    const lines = Array.from({ length: 5000 }, (_, i) => `${i}\t開発者 ${i} 🚀\tuser${i}@example.com\t\\N\n`);
    for (const line of lines) bytes.add(line);
    const taken = bytes.take();
    expect(taken.byteLength).toBeGreaterThan(64 * 1024);
    expect(Buffer.from(taken).equals(Buffer.from(lines.join(''), 'utf8'))).toBe(true);
    expect(new TextDecoder().decode(taken)).toBe(lines.join(''));
  });

  it('gives each batch its own buffer and starts the next one empty', () => {
    const bytes = new BatchBytes();
    bytes.add('a\tb\n');
    const first = bytes.take();
    expect(bytes.length).toBe(0);
    bytes.add('c\n');
    const second = bytes.take();
    expect([first.byteOffset, second.byteOffset]).toEqual([0, 0]);
    expect(first.buffer).not.toBe(second.buffer);
    expect(new TextDecoder().decode(first)).toBe('a\tb\n');
    expect(new TextDecoder().decode(second)).toBe('c\n');
    // Transferring one (as the worker does) leaves the other, and the next batch, untouched.
    structuredClone(first, { transfer: [first.buffer] });
    expect(first.byteLength).toBe(0);
    bytes.add('d\n');
    expect(new TextDecoder().decode(bytes.take())).toBe('d\n');
    expect(new TextDecoder().decode(second)).toBe('c\n');
  });

  it('is empty when nothing was added', () => {
    expect(new BatchBytes().take().byteLength).toBe(0);
  });
});
