/**
 * PostgreSQL's binary COPY format, for the few column types funnel_bits and
 * its temp tables have (text, smallint, int, int[], bit varying, null), and
 * its tuples read back from a COPY … TO (funnel-cells-grouped.ts, roi-steps-build.ts). A bit string in
 * binary is its bit length and its bytes: 8 kB a row where the text format
 * took 16 kB of hexadecimal for the server to parse.
 * https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
 */
import { to as copyTo } from 'pg-copy-streams';
import type { SqlClient } from '../db/db';

/** Signature, flags (none) and header extension length (0). */
export const COPY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
/** The trailer: a field count of −1. */
export const COPY_END = Buffer.from([0xff, 0xff]);

export type CopyField =
  | { text: string }
  | { int16: number }
  | { int32: number }
  | { ints: ArrayLike<number> }
  | { texts: readonly string[] }
  | { int8s: ArrayLike<number> }
  | { bits: Buffer }
  | null;

/** The type oids of int4, text and int8, which an array's binary form names. */
const INT4_OID = 23;
const TEXT_OID = 25;
const INT8_OID = 20;

/**
 * Tuples encoded straight into one growing buffer, handed out in pieces of
 * about `flushBytes` for the COPY to send: a Buffer per field and another per
 * tuple cost a third of building the rows at 121k cells, and the garbage
 * collector more. A tuple is its field count, then each field's byte length
 * and bytes (−1: null); a bit string is its length in bits and its bytes
 * (varbit_send); an int4[] is 1 dimension, no nulls, int4's oid, its length
 * from 1, then each element's length and value (array_send). An int8[]
 * element (funnel_cells' cells: funnel-cells-build.ts) is a non-negative
 * integer below 2^53, written as two 32-bit halves.
 */
export class CopyEncoder {
  private buf: Buffer;
  private len = 0;

  constructor(private readonly flushBytes: number) {
    this.buf = Buffer.allocUnsafe(flushBytes + 16_384);
  }

  /** Bytes encoded and not yet taken. */
  get length(): number {
    return this.len;
  }

  private room(bytes: number): void {
    if (this.len + bytes <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + bytes));
    this.buf.copy(bigger, 0, 0, this.len);
    this.buf = bigger;
  }

  raw(bytes: Buffer): void {
    this.room(bytes.length);
    bytes.copy(this.buf, this.len);
    this.len += bytes.length;
  }

  /** One tuple, as copyTuple encodes it. */
  tuple(fields: readonly CopyField[]): void {
    this.count(fields.length);
    for (const field of fields) {
      if (field === null) this.nul();
      else if ('text' in field) this.text(field.text);
      else if ('int16' in field) this.int16(field.int16);
      else if ('int32' in field) this.int32(field.int32);
      else if ('ints' in field) this.ints(field.ints);
      else if ('texts' in field) this.texts(field.texts);
      else if ('int8s' in field) this.int8s(field.int8s);
      else this.bits(field.bits);
    }
  }

  /*
   * A tuple field by field, for a caller that encodes many tuples of one shape (funnel-bits-build.ts):
   * its field count, then each field. Through these rather than `tuple`, no object is made per field.
   */

  /** A tuple's field count. */
  count(fields: number): void {
    this.room(2);
    this.len = this.i16(this.len, fields);
  }

  nul(): void {
    this.room(4);
    this.len = this.i32(this.len, -1);
  }

  text(text: string): void {
    const bytes = Buffer.byteLength(text, 'utf8');
    this.room(4 + bytes);
    this.i32(this.len, bytes);
    this.buf.write(text, this.len + 4, 'utf8');
    this.len += 4 + bytes;
  }

  /** A text field already encoded as UTF-8 (a value repeated over many tuples, encoded once). */
  utf8(bytes: Buffer): void {
    this.room(4 + bytes.length);
    this.i32(this.len, bytes.length);
    bytes.copy(this.buf, this.len + 4);
    this.len += 4 + bytes.length;
  }

  int16(value: number): void {
    this.room(6);
    this.len = this.i16(this.i32(this.len, 2), value);
  }

  int32(value: number): void {
    this.room(8);
    this.len = this.i32(this.i32(this.len, 4), value);
  }

  /** An int4[]. */
  ints(ints: ArrayLike<number>): void {
    const bytes = 20 + ints.length * 8;
    this.room(4 + bytes);
    let at = this.arrayHeader(bytes, INT4_OID, ints.length);
    for (let i = 0; i < ints.length; i++) at = this.i32(this.i32(at, 4), ints[i]!);
    this.len = at;
  }

  /** A text[]. */
  texts(texts: readonly string[]): void {
    let bytes = 20;
    for (const text of texts) bytes += 4 + Buffer.byteLength(text, 'utf8');
    this.room(4 + bytes);
    let at = this.arrayHeader(bytes, TEXT_OID, texts.length);
    for (const text of texts) {
      const length = this.buf.write(text, at + 4, 'utf8');
      this.i32(at, length);
      at += 4 + length;
    }
    this.len = at;
  }

  /** An int8[] of non-negative integers below 2^53. */
  int8s(int8s: ArrayLike<number>): void {
    const bytes = 20 + int8s.length * 12;
    this.room(4 + bytes);
    let at = this.arrayHeader(bytes, INT8_OID, int8s.length);
    for (let i = 0; i < int8s.length; i++) {
      const n = int8s[i]!;
      at = this.i32(this.i32(this.i32(at, 8), Math.floor(n / 4294967296)), n % 4294967296);
    }
    this.len = at;
  }

  /** A bit varying of `bits.length` bytes. */
  bits(bits: Buffer): void {
    this.room(8 + bits.length);
    this.i32(this.i32(this.len, 4 + bits.length), bits.length * 8);
    bits.copy(this.buf, this.len + 8);
    this.len += 8 + bits.length;
  }

  /** Writes a 32-bit integer (signed or not: its low 32 bits) big-endian at `at`, room made; returns the offset after it. */
  private i32(at: number, value: number): number {
    const buf = this.buf;
    buf[at] = value >>> 24;
    buf[at + 1] = value >>> 16;
    buf[at + 2] = value >>> 8;
    buf[at + 3] = value;
    return at + 4;
  }

  private i16(at: number, value: number): number {
    this.buf[at] = value >>> 8;
    this.buf[at + 1] = value;
    return at + 2;
  }

  /** A one-dimensional array field's length and header (no nulls, from 1), the room for it made; where its elements go. */
  private arrayHeader(bytes: number, oid: number, length: number): number {
    let at = this.i32(this.len, bytes);
    at = this.i32(at, 1);
    at = this.i32(at, 0);
    at = this.i32(at, oid);
    at = this.i32(at, length);
    return this.i32(at, 1);
  }

  /** Whether enough is encoded to send. */
  full(): boolean {
    return this.len >= this.flushBytes;
  }

  /** The bytes encoded so far, given away (the encoder starts a new buffer). */
  take(): Buffer {
    const out = this.buf.subarray(0, this.len);
    this.buf = Buffer.allocUnsafe(this.flushBytes + 16_384);
    this.len = 0;
    return out;
  }
}

/**
 * PostgreSQL's binary COPY format read from chunks cut anywhere: each tuple of `fields` fields is handed to `onTuple`
 * as the buffer holding it and each field's offset and length in it (−1: null), valid during the call only.
 */
export class BinaryCopyReader {
  private pending: Buffer = Buffer.alloc(0);
  private header = true;
  private done = false;
  private readonly at: Int32Array;
  private readonly len: Int32Array;

  constructor(
    private readonly fields: number,
    private readonly onTuple: (buf: Buffer, at: Int32Array, len: Int32Array) => void,
  ) {
    this.at = new Int32Array(fields);
    this.len = new Int32Array(fields);
  }

  push(chunk: Buffer): void {
    const buf = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    let pos = 0;
    if (this.header) {
      if (buf.length < 19) {
        this.pending = buf;
        return;
      }
      const extension = buf.readInt32BE(15);
      if (!buf.subarray(0, 11).equals(COPY_HEADER.subarray(0, 11))) throw new Error('not a binary COPY');
      if (buf.length < 19 + extension) {
        this.pending = buf;
        return;
      }
      pos = 19 + extension;
      this.header = false;
    }
    const { at, len } = this;
    while (!this.done && pos + 2 <= buf.length) {
      const count = buf.readInt16BE(pos);
      if (count === -1) {
        this.done = true;
        pos += 2;
        break;
      }
      if (count !== this.fields) throw new Error(`a binary COPY tuple of ${count} fields, not ${this.fields}`);
      let p = pos + 2;
      let whole = true;
      for (let f = 0; f < count; f++) {
        if (p + 4 > buf.length) {
          whole = false;
          break;
        }
        const length = buf.readInt32BE(p);
        p += 4;
        at[f] = p;
        len[f] = length;
        if (length > 0) p += length;
        if (p > buf.length) {
          whole = false;
          break;
        }
      }
      if (!whole) break;
      this.onTuple(buf, at, len);
      pos = p;
    }
    this.pending = buf.subarray(pos);
  }

  /** Checks that the COPY ended where its trailer says. */
  end(): void {
    if (!this.done || this.pending.length > 0) throw new Error('a binary COPY ended short of its trailer');
  }
}

/**
 * Runs `sql` (a `copy (…) to stdout (format binary)`) through `client`, which runs nothing else
 * meanwhile, handing each tuple of `fields` fields to `onTuple` as BinaryCopyReader does. A failure,
 * `onTuple`'s included, is kept until the COPY has ended (leaving it mid-stream would leave the
 * connection in COPY) and then thrown.
 */
export async function readBinaryCopy(
  client: SqlClient,
  sql: string,
  fields: number,
  onTuple: (buf: Buffer, at: Int32Array, len: Int32Array) => void,
): Promise<void> {
  const reader = new BinaryCopyReader(fields, onTuple);
  let failure: unknown;
  for await (const chunk of client.query(copyTo(sql)) as AsyncIterable<Buffer>) {
    if (failure !== undefined) continue;
    try {
      reader.push(chunk);
    } catch (error) {
      failure = error;
    }
  }
  if (failure !== undefined) throw failure;
  reader.end();
}
