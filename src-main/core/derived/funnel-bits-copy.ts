/**
 * PostgreSQL's binary COPY format, for the few column types funnel_bits and
 * its temp tables have (text, smallint, int, int[], bit varying, null). A bit string in
 * binary is its bit length and its bytes: 8 kB a row where the text format
 * took 16 kB of hexadecimal for the server to parse.
 * https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
 */
/** Signature, flags (none) and header extension length (0). */
export const COPY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
/** The trailer: a field count of −1. */
export const COPY_END = Buffer.from([0xff, 0xff]);

export type CopyField = { text: string } | { int16: number } | { int32: number } | { ints: readonly number[] } | { bits: Buffer } | null;

/** int4's type oid, which an array's binary form names. */
const INT4_OID = 23;

/** A bit string's binary form (varbit_send): its length in bits, then its bytes. */
function bitLength(bits: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(bits.length * 8);
  return length;
}

/** An int4[]'s binary form (array_send): 1 dimension, no nulls, int4, its length from 1, then each element's length and value. */
function intArray(ints: readonly number[]): Buffer {
  const out = Buffer.alloc(20 + ints.length * 8);
  out.writeInt32BE(1, 0);
  out.writeInt32BE(0, 4);
  out.writeInt32BE(INT4_OID, 8);
  out.writeInt32BE(ints.length, 12);
  out.writeInt32BE(1, 16);
  ints.forEach((n, i) => {
    out.writeInt32BE(4, 20 + i * 8);
    out.writeInt32BE(n, 24 + i * 8);
  });
  return out;
}

/** One tuple: the field count, then each field's byte length and bytes. */
export function copyTuple(fields: readonly CopyField[]): Buffer {
  const parts: Buffer[] = [];
  const count = Buffer.alloc(2);
  count.writeInt16BE(fields.length);
  parts.push(count);
  for (const field of fields) {
    let value: Buffer;
    if (field === null) {
      const none = Buffer.alloc(4);
      none.writeInt32BE(-1);
      parts.push(none);
      continue;
    }
    if ('text' in field) value = Buffer.from(field.text, 'utf8');
    else if ('int16' in field) (value = Buffer.alloc(2)).writeInt16BE(field.int16);
    else if ('int32' in field) (value = Buffer.alloc(4)).writeInt32BE(field.int32);
    else if ('ints' in field) value = intArray(field.ints);
    else value = Buffer.concat([bitLength(field.bits), field.bits]);
    const length = Buffer.alloc(4);
    length.writeInt32BE(value.length);
    parts.push(length, value);
  }
  return Buffer.concat(parts);
}
