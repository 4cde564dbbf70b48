/**
 * PostgreSQL's binary COPY format, for the few column types funnel_bits and
 * its temp tables have (text, smallint, int, bit varying). A bit string in
 * binary is its bit length and its bytes: 8 kB a row where the text format
 * took 16 kB of hexadecimal for the server to parse.
 * https://www.postgresql.org/docs/current/sql-copy.html#id-1.9.3.55.9.4
 */
import { createHash } from 'node:crypto';

/** Signature, flags (none) and header extension length (0). */
export const COPY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
/** The trailer: a field count of −1. */
export const COPY_END = Buffer.from([0xff, 0xff]);

export type CopyField = { text: string } | { int16: number } | { int32: number } | { bits: Buffer };

/** A bit string's binary form (varbit_send): its length in bits, then its bytes. */
function bitLength(bits: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeInt32BE(bits.length * 8);
  return length;
}

/** One tuple: the field count, then each field's byte length and bytes. */
export function copyTuple(fields: readonly CopyField[]): Buffer {
  const parts: Buffer[] = [];
  const count = Buffer.alloc(2);
  count.writeInt16BE(fields.length);
  parts.push(count);
  for (const field of fields) {
    let value: Buffer;
    if ('text' in field) value = Buffer.from(field.text, 'utf8');
    else if ('int16' in field) (value = Buffer.alloc(2)).writeInt16BE(field.int16);
    else if ('int32' in field) (value = Buffer.alloc(4)).writeInt32BE(field.int32);
    else value = Buffer.concat([bitLength(field.bits), field.bits]);
    const length = Buffer.alloc(4);
    length.writeInt32BE(value.length);
    parts.push(length, value);
  }
  return Buffer.concat(parts);
}

/** md5 (hex) of a bit string's binary form: what `md5(varbit_send(bits))` gives for the same bits in SQL. */
export function bitsHash(bits: Buffer): string {
  return createHash('md5').update(bitLength(bits)).update(bits).digest('hex');
}

/** SQL: the hash bitsHash computes, of the bit string expression `bits`. */
export const bitsHashSql = (bits: string) => `md5(varbit_send(${bits}))`;
