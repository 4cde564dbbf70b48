/**
 * CopyEncoder writes PostgreSQL's binary COPY tuples into one buffer (the
 * funnel bits' COPY, funnel-bits-build.ts); the expected bytes here are
 * spelled out field by field from the format's definition, and the buffer
 * must grow past its first size and hand out each piece only once.
 */
import { describe, expect, it } from 'vitest';
import { BinaryCopyReader, COPY_END, COPY_HEADER, CopyEncoder, type CopyField } from '../../src-main/core/derived/funnel-bits-copy';

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

  it("encodes a tuple field by field (the funnel rows' path), a pre-encoded text and the widths' edges included", () => {
    const members = Int32Array.from([0, 65_535, 2_147_483_647]);
    const encoder = new CopyEncoder(16);
    encoder.count(6);
    encoder.utf8(Buffer.from('campaign:東京', 'utf8'));
    encoder.int16(-32_768);
    encoder.int32(-2_147_483_648);
    encoder.int32(2_147_483_647);
    encoder.nul();
    encoder.ints(members);
    const expected = Buffer.concat([
      int16(6),
      field(Buffer.from('campaign:東京', 'utf8')),
      field(int16(-32_768)),
      field(int32(-2_147_483_648)),
      field(int32(2_147_483_647)),
      int32(-1),
      field(Buffer.concat([int32(1), int32(0), int32(23), int32(3), int32(1), ...[...members].flatMap((n) => [int32(4), int32(n)])])),
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

describe('BinaryCopyReader', () => {
  const tuples: CopyField[][] = [
    [{ int32: 7 }, { int16: 3 }, { text: 'source:東京' }, null],
    [{ int32: -1 }, null, { text: '' }, { text: 'a\tb\\c\n😀' }],
    [{ int32: 2_000_000 }, { int16: 32767 }, { text: 'x'.repeat(300) }, { text: 'Ｘ' }],
  ];
  const encoder = new CopyEncoder(16);
  encoder.raw(COPY_HEADER);
  for (const t of tuples) encoder.tuple(t);
  encoder.raw(COPY_END);
  const bytes = encoder.take();
  /** Each tuple as the reader hands it: its fields decoded by their place (int32, int16, text, text). */
  const read = (chunks: Buffer[]) => {
    const out: unknown[][] = [];
    const reader = new BinaryCopyReader(4, (buf, at, len) => {
      const text = (f: number) => (len[f]! < 0 ? null : buf.toString('utf8', at[f]!, at[f]! + len[f]!));
      out.push([buf.readInt32BE(at[0]!), len[1]! < 0 ? null : buf.readInt16BE(at[1]!), text(2), text(3)]);
    });
    for (const chunk of chunks) reader.push(chunk);
    reader.end();
    return out;
  };
  const expected = [
    [7, 3, 'source:東京', null],
    [-1, null, '', 'a\tb\\c\n😀'],
    [2_000_000, 32767, 'x'.repeat(300), 'Ｘ'],
  ];

  it('reads every tuple whole wherever the chunks are cut, one cut or two', () => {
    expect(read([bytes])).toEqual(expected);
    for (let i = 0; i <= bytes.length; i++) expect(read([bytes.subarray(0, i), bytes.subarray(i)])).toEqual(expected);
    for (let i = 0; i <= bytes.length; i += 7)
      for (let j = i; j <= bytes.length; j += 5)
        expect(read([bytes.subarray(0, i), bytes.subarray(i, j), bytes.subarray(j)])).toEqual(expected);
    // A byte at a time.
    expect(read([...bytes].map((b) => Buffer.from([b])))).toEqual(expected);
  });

  it('skips a header extension', () => {
    const header = Buffer.from(COPY_HEADER);
    header.writeInt32BE(3, 15);
    const extended = Buffer.concat([header, Buffer.from([1, 2, 3]), bytes.subarray(COPY_HEADER.length)]);
    expect(read([extended.subarray(0, 20), extended.subarray(20)])).toEqual(expected);
  });

  it('refuses a COPY cut short of its trailer, another format, or tuples of another width', () => {
    expect(() => read([bytes.subarray(0, bytes.length - 2)])).toThrow(/short of its trailer/);
    expect(() => read([bytes.subarray(0, bytes.length - 9)])).toThrow(/short of its trailer/);
    expect(() => read([Buffer.from('1\t2\t3\t4\n'.repeat(4))])).toThrow(/not a binary COPY/);
    const reader = new BinaryCopyReader(3, () => undefined);
    expect(() => reader.push(bytes)).toThrow(/4 fields, not 3/);
  });
});
