/**
 * CopyEncoder writes PostgreSQL's binary COPY tuples into one buffer (the
 * funnel bits' COPY, funnel-bits-build.ts); the expected bytes here are
 * spelled out field by field from the format's definition, and the buffer
 * must grow past its first size and hand out each piece only once.
 */
import { describe, expect, it } from 'vitest';
import { CopyEncoder } from '../../src-main/core/derived/funnel-bits-copy';

const int16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
/** A field: its byte length, then its bytes. */
const field = (bytes: Buffer) => Buffer.concat([int32(bytes.length), bytes]);

describe('CopyEncoder', () => {
  it('encodes each field type as binary COPY defines it', () => {
    const bits = Buffer.from([0x80, 0x01]);
    const encoder = new CopyEncoder(1024);
    encoder.tuple([{ text: '東京|a' }, { int16: -2 }, { int32: 100_003 }, { bits }, null, { ints: [3, 70_000] }, { ints: [] }]);
    const array = (ints: number[]) =>
      Buffer.concat([int32(1), int32(0), int32(23), int32(ints.length), int32(1), ...ints.flatMap((n) => [int32(4), int32(n)])]);
    const expected = Buffer.concat([
      int16(7),
      field(Buffer.from('東京|a', 'utf8')),
      field(int16(-2)),
      field(int32(100_003)),
      field(Buffer.concat([int32(16), bits])),
      int32(-1),
      field(array([3, 70_000])),
      field(array([])),
    ]);
    expect(encoder.length).toBe(expected.length);
    expect(encoder.take()).toEqual(expected);
    expect(encoder.length).toBe(0);
  });

  it('encodes text[] and int8[] (funnel_cells: dims and cells) as array_send does, int8s above 2^32 included', () => {
    const encoder = new CopyEncoder(16);
    const big = 5 * 2147483648 + 3 * 65536 + 20_100; // dim index 5, stage 3, day 20100
    encoder.tuple([{ texts: ['', 'source:東京'] }, { int8s: new Float64Array([0, big]) }]);
    const int64 = (n: number) => {
      const b = Buffer.alloc(8);
      b.writeBigInt64BE(BigInt(n));
      return b;
    };
    const header = (oid: number, length: number) => Buffer.concat([int32(1), int32(0), int32(oid), int32(length), int32(1)]);
    const expected = Buffer.concat([
      int16(2),
      field(Buffer.concat([header(25, 2), field(Buffer.alloc(0)), field(Buffer.from('source:東京', 'utf8'))])),
      field(Buffer.concat([header(20, 2), field(int64(0)), field(int64(big))])),
    ]);
    expect(encoder.take()).toEqual(expected);
  });

  it('grows past its first buffer, says when a piece is full, and gives each piece away once', () => {
    const encoder = new CopyEncoder(64);
    const bits = Buffer.alloc(8192, 0xa5);
    encoder.raw(Buffer.from('PGCOPY'));
    expect(encoder.full()).toBe(false);
    // Two 8 kB bitsets: more than the first buffer (64 + 16 kB) holds after the text.
    encoder.tuple([{ text: 'x'.repeat(10_000) }, { bits }]);
    encoder.tuple([{ bits }]);
    expect(encoder.full()).toBe(true);
    const first = encoder.take();
    expect(first.length).toBe(6 + (2 + 4 + 10_000 + 8 + 8192) + (2 + 8 + 8192));
    expect(first.subarray(0, 6).toString()).toBe('PGCOPY');
    expect(first.subarray(first.length - 8192)).toEqual(bits);
    encoder.tuple([{ int32: 1 }]);
    const second = encoder.take();
    expect(second).toEqual(Buffer.concat([int16(1), field(int32(1))]));
    // The first piece is untouched by what came after it.
    expect(first.subarray(0, 6).toString()).toBe('PGCOPY');
  });
});
