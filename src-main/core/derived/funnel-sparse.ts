/**
 * The two forms of a derived.funnel_bits row. A row used to be a 65,536-bit
 * chunk whatever it held: 8 kB that the server compresses on every store and
 * decompresses on every read or `(row & keep) | set`. Most rows hold a
 * handful of developers (a source's or a campaign's slice, a single day), so
 * an import of new people or a merge paid per row touched, not per bit: the
 * identities import (50k rows) spent 32.7 s of 43.3 s storing 250k such
 * rows, and the busiest merge pair 3.5–5.2 s rewriting its rows.
 *
 * A row now holds either `members`, the sorted positions of its developers
 * in the chunk (4 bytes each), while there are at most FUNNEL_SPARSE_MAX of
 * them, or `bits` above that. At 1,024 members an array is 4 kB, half a
 * bitset's bytes, and still read and merged in SQL as quickly (unnest and a
 * sort of ≤ 2k values); a bitset is at least 8 kB to decompress and, from
 * ~1,000 members up, compresses poorly. The form follows the population
 * alone, so a row has exactly one form for its content: a rebuild compares
 * rows by hash (funnel-bits-stored.ts) and bench/checksums.ts hashes them.
 * Changing the form is rare (a row crossing the threshold) and done in SQL
 * by the functions of migration 0007 (`derived.funnel_row`).
 */
import { createHash } from 'node:crypto';
import { CHUNK_BITS } from './funnel-nodes';

/** Default most members a row keeps as a list; 0007 converted the stored rows with it. */
const DEFAULT_SPARSE_MAX = 1024;

/**
 * Most members a row keeps as a list. DRM_FUNNEL_SPARSE_MAX lowers it for
 * tests, so that a few developers cross it both ways (a different value
 * only changes the forms, never an answer: a rebuild restores the forms).
 */
export function sparseMax(): number {
  const value = Number(process.env.DRM_FUNNEL_SPARSE_MAX ?? DEFAULT_SPARSE_MAX);
  return Number.isInteger(value) && value >= 0 ? value : DEFAULT_SPARSE_MAX;
}

const ONES = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0;
  for (let x = b; x > 0; x >>= 1) n += x & 1;
  return n;
});

/** Set bits of a chunk's bitset. */
export function bitCount(bits: Buffer): number {
  let n = 0;
  for (const byte of bits) n += ONES[byte]!;
  return n;
}

/** The positions set in a chunk's bitset, ascending (leftmost bit = position 0, as PostgreSQL counts). */
export function membersOf(bits: Buffer): number[] {
  const out: number[] = [];
  for (let i = 0; i < bits.length; i++) {
    const byte = bits[i]!;
    if (byte === 0) continue;
    for (let j = 0; j < 8; j++) if (byte & (0x80 >> j)) out.push(i * 8 + j);
  }
  return out;
}

/** A row in the form its population calls for. */
export type RowForm = { bits: Buffer; members?: undefined } | { members: readonly number[] | Int32Array; bits?: undefined };

export function rowForm(bits: Buffer, max = sparseMax()): RowForm {
  return bitCount(bits) <= max ? { members: membersOf(bits) } : { bits };
}

/**
 * The row of the chunk positions `positions[0, length)` (in any order,
 * repeats allowed) in the form its population calls for. Sorts them in
 * place: they are the caller's scratch (funnel-bits-build.ts).
 */
export function formOfPositions(positions: Int32Array, length = positions.length, max = sparseMax()): RowForm {
  if (length <= max) {
    const sorted = positions.subarray(0, length).sort();
    let kept = 0;
    for (let i = 0; i < length; i++) if (kept === 0 || sorted[kept - 1] !== sorted[i]) sorted[kept++] = sorted[i]!;
    return { members: sorted.slice(0, kept) };
  }
  const bits = Buffer.alloc(CHUNK_BITS / 8);
  for (let i = 0; i < length; i++) {
    const p = positions[i]!;
    bits[p >> 3]! |= 0x80 >> (p & 7);
  }
  return rowForm(bits, max);
}

/** md5 (hex) of a row as `rowHashSql` computes it in SQL, for either form. */
export function rowHash(row: RowForm): string {
  const hash = createHash('md5');
  if (row.members) return hash.update(`{${row.members.join(',')}}`).digest('hex');
  const length = Buffer.alloc(4);
  length.writeInt32BE(row.bits.length * 8);
  return hash.update(length).update(row.bits).digest('hex');
}

/** SQL: the hash rowHash computes, of the row alias `b`'s stored form. */
export const rowHashSql = (b: string) => `case when ${b}.bits is null then md5(${b}.members::text) else md5(varbit_send(${b}.bits)) end`;
