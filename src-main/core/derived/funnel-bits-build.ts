/**
 * Bitsets built in memory for funnel_bits (funnel-bits.ts), written with
 * COPY: PostgreSQL has no aggregate that sets bits from positions short of
 * one 8 kB copy per position, while here a position costs a byte update.
 * Rows are built one (dim, stage) at a time, so memory is bounded by one
 * slice's nodes (~days × 2 × chunks × 8 kB), not by the table; each dim is
 * its own COPY, so that its cells can be read between two of them (a
 * connection in COPY runs nothing else).
 */
import type { SqlClient } from '../db/db';
import { copyLine, openCopy } from '../imports/load/copy';
import { ACTIVE_STAGE, CHUNK_BITS, ELIGIBLE_NODE, nodesOfDay, WHOLE } from './funnel-nodes';

const BYTES = CHUNK_BITS / 8;

/** Bit n % CHUNK_BITS of `bits`, leftmost first as PostgreSQL's bit strings count. */
export function setBit(bits: Buffer, n: number): void {
  const i = n % CHUNK_BITS;
  bits[i >> 3]! |= 0x80 >> (i & 7);
}

/** A bit string value in COPY text: hexadecimal (PostgreSQL's `x…` input), 16 kB for 65,536 bits. */
const bitText = (bits: Buffer) => `x${bits.toString('hex')}`;

/** Per chunk, a bitset of the numbers `ns`: what to set (or, inverted, keep). */
export function chunkBits(ns: Iterable<number>, invert = false): Map<number, Buffer> {
  const out = new Map<number, Buffer>();
  for (const n of ns) {
    const chunk = Math.floor(n / CHUNK_BITS);
    let bits = out.get(chunk);
    if (!bits) out.set(chunk, (bits = Buffer.alloc(BYTES)));
    setBit(bits, n);
  }
  if (invert) for (const bits of out.values()) for (let i = 0; i < BYTES; i++) bits[i] = ~bits[i]! & 0xff;
  return out;
}

/** Level-0 cells of one (dim, stage): a day and the numbers of the developers who reached it then. */
export interface CellRow {
  dim: string;
  stage: number;
  day: number;
  ns: number[];
}

/** COPY of rows (dim, stage, node, chunk, bits) into `table`; the connection is busy until it ends. */
async function copyRows(client: SqlClient, table: string, rows: Iterable<[string, number, number, number, Buffer]>): Promise<void> {
  const copy = openCopy(client, table, ['dim', 'stage', 'node', 'chunk', 'bits']);
  try {
    for (const [dim, stage, node, chunk, bits] of rows) await copy.write(copyLine([dim, stage, node, chunk, bitText(bits)]));
    await copy.end();
  } catch (error) {
    await copy.abort('the funnel bits could not be written');
    throw error;
  }
}

/** The eligible rows (node −1) of the counted developers `eligible`, into `table`. */
export async function copyEligible(client: SqlClient, table: string, eligible: readonly number[]): Promise<void> {
  await copyRows(
    client,
    table,
    [...chunkBits(eligible)].map(([chunk, bits]) => [WHOLE, ACTIVE_STAGE, ELIGIBLE_NODE, chunk, bits]),
  );
}

/** The rows of every node (all levels) the cells of one (dim, stage) reach. */
function* sliceRows(cells: readonly CellRow[]): Generator<[string, number, number, number, Buffer]> {
  if (cells.length === 0) return;
  const rows = new Map<string, Buffer>();
  for (const { day, ns } of cells) {
    const nodes = nodesOfDay(day);
    for (const n of ns) {
      const chunk = Math.floor(n / CHUNK_BITS);
      for (const node of nodes) {
        const key = `${node}:${chunk}`;
        let bits = rows.get(key);
        if (!bits) rows.set(key, (bits = Buffer.alloc(BYTES)));
        setBit(bits, n);
      }
    }
  }
  const { dim, stage } = cells[0]!;
  for (const [key, bits] of rows) {
    const [node, chunk] = key.split(':');
    yield [dim, stage, Number(node), Number(chunk), bits];
  }
}

/**
 * Writes into `table` (dim, stage, node, chunk, bits) the rows of every node
 * the cells of one dim reach, one stage at a time (cells sorted by stage).
 */
export async function copyDim(client: SqlClient, table: string, cells: readonly CellRow[]): Promise<void> {
  const stages: CellRow[][] = [];
  let start = 0;
  for (let i = 1; i <= cells.length; i++) {
    if (i === cells.length || cells[i]!.stage !== cells[start]!.stage) {
      stages.push(cells.slice(start, i) as CellRow[]);
      start = i;
    }
  }
  // One COPY for the dim; each stage's buffers are freed once written.
  await copyRows(
    client,
    table,
    (function* () {
      for (const slice of stages) yield* sliceRows(slice);
    })(),
  );
}

/** Writes the keep masks of `numbers` (every bit but theirs, per chunk) into `table` (chunk, bits). */
export async function copyKeepMasks(client: SqlClient, table: string, numbers: readonly number[]): Promise<void> {
  const copy = openCopy(client, table, ['chunk', 'bits']);
  try {
    for (const [chunk, bits] of chunkBits(numbers, true)) await copy.write(copyLine([chunk, bitText(bits)]));
    await copy.end();
  } catch (error) {
    await copy.abort('the funnel bits could not be cleared');
    throw error;
  }
}
