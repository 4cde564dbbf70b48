/**
 * The funnel's developers from derived.funnel_bits (derived/funnel-bits.ts):
 * a period is the union of a few day-tree nodes (derived/funnel-nodes.ts),
 * so a slice (a dim: the whole funnel, a filter, a breakdown's value) is,
 * per stage and chunk of 65,536 developers, the OR of a handful of rows —
 * bitsets of 8 kB or lists of members (derived/funnel-sparse.ts). One
 * statement reads every row of the slices asked for, ORed here into one
 * bitset per slice, chunk and stage; the counts per mask of stages (bit i =
 * stages[i]) that funnel-shape.ts takes, and the developers' masks for the
 * lists, are read off those bitsets.
 *
 * Bitsets come as bytes (`varbit_send`: a 4-byte length, then the bits) and
 * lists as their text, both read without a JS value per bit or member: the
 * reads this replaced took each bitset as 65,536 characters of '0'/'1', each
 * list through pg's array parser, built an array of 65,536 masks per chunk,
 * and ran one statement per slice — a breakdown of eight values cost nine
 * funnels (82–97 ms at 1M on the quiet machine).
 */
import type { FunnelStage } from '../../../src-shared/contract/settings';
import type { Db } from '../db/db';
import { ACTIVE_STAGE, CHUNK_BITS, ELIGIBLE_NODE, funnelDay, periodNodes, WHOLE } from '../derived/funnel-nodes';
import type { MaskCount } from './funnel-shape';

/** Developers (by number) with the mask of stages they reached; mask 0 never appears. */
export interface NumberedMasks {
  numbers: number[];
  masks: number[];
}

const CHUNK_BYTES = CHUNK_BITS / 8;
const CHUNK_WORDS = CHUNK_BITS / 32;

/**
 * One slice's developers: per chunk, the bitsets of the stages one after the
 * other, stage i (bit i of a mask, stages[i]) at bytes [i·8 kB, (i+1)·8 kB).
 * Position p of a bitset is bit 7 − p % 8 of its byte ⌊p / 8⌋, as PostgreSQL
 * sends a bit string, so a stored bitset is ORed in byte by byte, and the
 * counts take 32 developers of every stage at a time.
 */
export type SliceBits = Map<number, Uint8Array>;

/** The slices one read takes: `dims` by name, and with `prefix` every dim that starts with it. */
export interface SliceSelection {
  dims: readonly string[];
  prefix?: string;
}

/** SQL of the read: with a prefix, the dims in (prefix, prefix's successor) too, a range the primary key's order finds. */
const sliceSql = (prefix: boolean) =>
  `select dim, stage, chunk, varbit_send(bits) as bits, members::text as members from derived.funnel_bits
    where tenant_id = $1 and stage = any($2::smallint[]) and node = any($3::int[])
      and (dim = any($4::text[])${prefix ? ' or (dim > $5 and dim < $6)' : ''})`;

/** The smallest string above every string that starts with `prefix` ('channel:' → 'channel;'). */
const successor = (prefix: string) => prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);

/** ORs a `varbit_send` (a 4-byte length in bits, then the bits) into `bytes` from `offset`. */
function orSent(bytes: Uint8Array, offset: number, sent: Buffer): void {
  const end = Math.min(sent.length - 4, CHUNK_BYTES);
  for (let k = 0; k < end; k++) bytes[offset + k]! |= sent[4 + k]!;
}

/** Sets in `bytes` from `offset` the bit of each member of `list`, an int[]'s text ('{3,17,40}'). */
function orMembers(bytes: Uint8Array, offset: number, list: string): void {
  let n = 0;
  let digits = false;
  for (let k = 1; k < list.length; k++) {
    const c = list.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      n = n * 10 + c - 48;
      digits = true;
    } else {
      if (digits) bytes[offset + (n >> 3)]! |= 0x80 >> (n & 7);
      n = 0;
      digits = false;
    }
  }
}

/**
 * The slices' developers who reached a stage in [from, to), in one
 * statement. A slice with no row in the period is absent. Stages with an
 * order below 1 are in no funnel (no bits).
 */
export async function sliceBits(
  db: Db,
  tenant: string,
  period: { from: string; to: string },
  slices: SliceSelection,
  stages: readonly FunnelStage[],
): Promise<Map<string, SliceBits>> {
  const nodes = periodNodes(funnelDay(period.from), funnelDay(period.to));
  const indexOf = new Map<number, number>();
  stages.forEach((s, i) => {
    if (s.order >= 1) indexOf.set(s.order, i);
  });
  const out = new Map<string, SliceBits>();
  if (nodes.length === 0 || indexOf.size === 0) return out;
  const { prefix } = slices;
  const { rows } = await db.$client.query<{ dim: string; stage: number; chunk: number; bits: Buffer | null; members: string | null }>(
    sliceSql(prefix !== undefined),
    [tenant, [...indexOf.keys()], nodes, slices.dims, ...(prefix === undefined ? [] : [prefix, successor(prefix)])],
  );
  for (const r of rows) {
    let chunks = out.get(r.dim);
    if (!chunks) out.set(r.dim, (chunks = new Map()));
    let bytes = chunks.get(r.chunk);
    if (!bytes) chunks.set(r.chunk, (bytes = new Uint8Array(stages.length * CHUNK_BYTES)));
    const offset = indexOf.get(r.stage)! * CHUNK_BYTES;
    if (r.bits !== null) orSent(bytes, offset, r.bits);
    else if (r.members !== null) orMembers(bytes, offset, r.members);
  }
  return out;
}

/** A chunk's stage bitsets as 32-bit words (stage i at [i·CHUNK_WORDS, (i+1)·CHUNK_WORDS)). */
const wordsOf = (bytes: Uint8Array) => new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);

/** Developers per mask (what funnel-shape.ts takes) of a slice of `stageCount` stages. */
export function countSlice(slice: SliceBits | undefined, stageCount: number): MaskCount[] {
  const counts: number[] = [];
  for (const bytes of slice?.values() ?? []) {
    const words = wordsOf(bytes);
    for (let w = 0; w < CHUNK_WORDS; w++) {
      let left = 0;
      for (let i = 0; i < stageCount; i++) left |= words[i * CHUNK_WORDS + w]!;
      // One developer (one bit) at a time, lowest first: their mask is the stages with that bit.
      while (left !== 0) {
        const low = left & -left;
        let mask = 0;
        for (let i = 0; i < stageCount; i++) if (words[i * CHUNK_WORDS + w]! & low) mask |= 1 << i;
        counts[mask] = (counts[mask] ?? 0) + 1;
        left ^= low;
      }
    }
  }
  // A sparse array: the masks no developer has are holes, which flatMap skips.
  return counts.flatMap((developers, mask) => [{ mask, developers }]);
}

/** A slice's developers by number, in order, with their masks. */
export function numbered(slice: SliceBits | undefined, stageCount: number): NumberedMasks {
  const out: NumberedMasks = { numbers: [], masks: [] };
  for (const [chunk, bytes] of [...(slice ?? [])].sort((a, b) => a[0] - b[0])) {
    for (let b = 0; b < CHUNK_BYTES; b++) {
      let any = 0;
      for (let i = 0; i < stageCount; i++) any |= bytes[i * CHUNK_BYTES + b]!;
      if (any === 0) continue;
      for (let j = 0; j < 8; j++) {
        const bit = 0x80 >> j;
        if ((any & bit) === 0) continue;
        let mask = 0;
        for (let i = 0; i < stageCount; i++) if (bytes[i * CHUNK_BYTES + b]! & bit) mask |= 1 << i;
        out.numbers.push(chunk * CHUNK_BITS + b * 8 + j);
        out.masks.push(mask);
      }
    }
  }
  return out;
}

/** The slice of developers at the stages of `slice` that none of `others` has them at. */
export function sliceLess(slice: SliceBits | undefined, others: readonly SliceBits[]): SliceBits {
  const out: SliceBits = new Map();
  for (const [chunk, bytes] of slice ?? []) {
    const left = Uint8Array.from(bytes);
    const words = wordsOf(left);
    for (const other of others) {
      const taken = other.get(chunk);
      if (!taken) continue;
      const takenWords = wordsOf(taken);
      for (let w = 0; w < words.length; w++) words[w]! &= ~takenWords[w]!;
    }
    out.set(chunk, left);
  }
  return out;
}

/**
 * SQL counting the developers of the OR of rows of stage 0 in the whole
 * funnel at the nodes `$2::int[]`: per chunk, the set bits of its bitsets'
 * OR, and the listed members that OR does not hold.
 */
const COUNT_SQL = `with r as (select chunk, bits, members from derived.funnel_bits
                               where tenant_id = $1 and dim = '${WHOLE}' and stage = ${ACTIVE_STAGE} and node = any($2::int[])),
                        d as (select chunk, bit_or(bits) as b from r where bits is not null group by chunk),
                        m as (select distinct r.chunk, x.m from r cross join unnest(r.members) x(m) where r.members is not null)
                   select ((select coalesce(sum(bit_count(b)), 0) from d)
                         + (select count(*) from m left join d on d.chunk = m.chunk where d.b is null or get_bit(d.b, m.m) = 0))::int as n`;

/** Counted developers (analytics consent, not merged away), whether active or not. */
export async function countedDevelopers(db: Db, tenant: string): Promise<number> {
  const { rows } = await db.$client.query<{ n: number }>(COUNT_SQL, [tenant, [ELIGIBLE_NODE]]);
  return rows[0]!.n;
}

/** Counted developers with an activity on a day of [from, to). */
export async function activeDevelopers(db: Db, tenant: string, period: { from: string; to: string }): Promise<number> {
  const nodes = periodNodes(funnelDay(period.from), funnelDay(period.to));
  const { rows } = await db.$client.query<{ n: number }>(COUNT_SQL, [tenant, nodes]);
  return rows[0]!.n;
}
