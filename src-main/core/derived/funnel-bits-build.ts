/**
 * Bitsets built in memory for funnel_bits (funnel-bits.ts), written with
 * COPY: PostgreSQL has no aggregate that sets bits from positions short of
 * one 8 kB copy per position, while here a position costs a byte update.
 * Rows are built one (dim, stage) at a time, so memory is bounded by one
 * slice's nodes (~days × 2 × chunks × 8 kB), not by the table; each dim is
 * its own COPY, so that its cells can be read between two of them (a
 * connection in COPY runs nothing else).
 *
 * Each row is sent in the form its population calls for (funnel-sparse.ts):
 * the sorted positions of a few developers, or the bitset of many.
 *
 * The COPY is binary (funnel-bits-copy.ts): as hexadecimal text a row is
 * 16 kB for the server to parse. A rebuild passes the hashes of the rows
 * stored (funnel-bits-stored.ts) and sends only the rows that differ: the
 * server's cost is compressing each row it stores, ~0.1–0.2 ms a row, and a
 * rebuild that changes nothing stores none.
 */
import type { SqlClient } from '../db/db';
import { openCopy, type CopyWriter } from '../imports/load/copy';
import { COPY_END, COPY_HEADER, CopyEncoder, type CopyField } from './funnel-bits-copy';
import { ACTIVE_STAGE, CHUNK_BITS, ELIGIBLE_NODE, nodeOf, STORED_LEVELS, WHOLE } from './funnel-nodes';
import type { StoredDim } from './funnel-bits-stored';
import { formOfPositions, membersOf, rowForm, rowHash, sparseMax, type RowForm } from './funnel-sparse';

const BYTES = CHUNK_BITS / 8;

/** Bit n % CHUNK_BITS of `bits`, leftmost first as PostgreSQL's bit strings count. */
export function setBit(bits: Buffer, n: number): void {
  const i = n % CHUNK_BITS;
  bits[i >> 3]! |= 0x80 >> (i & 7);
}

/** Per chunk, a bitset of the numbers `ns`. */
export function chunkBits(ns: Iterable<number>): Map<number, Buffer> {
  const out = new Map<number, Buffer>();
  for (const n of ns) {
    const chunk = Math.floor(n / CHUNK_BITS);
    let bits = out.get(chunk);
    if (!bits) out.set(chunk, (bits = Buffer.alloc(BYTES)));
    setBit(bits, n);
  }
  return out;
}

/** Level-0 cells of one (dim, stage): a day and the numbers of the developers who reached it then. */
export interface CellRow {
  dim: string;
  stage: number;
  day: number;
  /** Repeats allowed (CellsByDeveloper drops them; a row's positions are made unique: funnel-sparse.ts). */
  ns: readonly number[] | Int32Array;
}

type FormRow = [dim: string, stage: number, node: number, chunk: number, form: RowForm];

/**
 * Tuples are encoded into writes of about this many bytes (CopyEncoder).
 * Written one by one, each tuple was its own CopyData message and socket
 * write, a system call per row: 2.4 s of the 2.8 s Node spent building and
 * sending 121k cells' rows (20k identity rows).
 */
const WRITE_BYTES = 256 * 1024;

/** Tuples for one COPY, encoded and written in pieces of WRITE_BYTES. */
class TupleBatch {
  private readonly encoder = new CopyEncoder(WRITE_BYTES);

  constructor(private readonly copy: CopyWriter) {}

  async raw(bytes: Buffer): Promise<void> {
    this.encoder.raw(bytes);
    if (this.encoder.full()) await this.copy.write(this.encoder.take());
  }

  async add(fields: readonly CopyField[]): Promise<void> {
    this.encoder.tuple(fields);
    if (this.encoder.full()) await this.copy.write(this.encoder.take());
  }

  async flush(): Promise<void> {
    if (this.encoder.length > 0) await this.copy.write(this.encoder.take());
  }
}

/**
 * Binary COPY of `tuples` into `table`'s `columns`: the connection is busy
 * until it ends. A failure, the tuples' own included, aborts the COPY with
 * `failure` as its message and is rethrown.
 */
export async function copyTuples(
  client: SqlClient,
  table: string,
  columns: readonly string[],
  tuples: Iterable<readonly CopyField[]>,
  failure: string,
): Promise<void> {
  const copy = openCopy(client, table, columns, { binary: true });
  const batch = new TupleBatch(copy);
  try {
    await batch.raw(COPY_HEADER);
    for (const fields of tuples) await batch.add(fields);
    await batch.raw(COPY_END);
    await batch.flush();
    await copy.end();
  } catch (error) {
    await copy.abort(failure);
    throw error;
  }
}

/**
 * Binary COPY of rows (dim, stage, node, chunk, bits) into `table`; the
 * connection is busy until it ends. With `stored`, a row whose bits hash to
 * the stored row's is left out, and each row met is struck off `stored`.
 */
async function copyRows(client: SqlClient, table: string, rows: Iterable<FormRow>, stored?: StoredDim): Promise<void> {
  await copyTuples(
    client,
    table,
    ['dim', 'stage', 'node', 'chunk', 'bits', 'members'],
    (function* (): Generator<CopyField[]> {
      for (const [dim, stage, node, chunk, form] of rows) {
        if (stored) {
          // Hashed only against a stored row: a first import has none, and hashing every row cost it a tenth of the build.
          const hash = stored.take(stage, node, chunk);
          if (hash !== undefined && hash === rowHash(form)) continue;
        }
        yield [
          { text: dim },
          { int16: stage },
          { int32: node },
          { int32: chunk },
          form.bits ? { bits: form.bits } : null,
          form.members ? { ints: form.members } : null,
        ];
      }
    })(),
    'the funnel bits could not be written',
  );
}

/** The eligible rows (node −1) of the counted developers `eligible`, into `table` (those of `stored` that differ). */
export async function copyEligible(client: SqlClient, table: string, eligible: readonly number[], stored?: StoredDim): Promise<void> {
  await copyRows(
    client,
    table,
    [...chunkBits(eligible)].map(([chunk, bits]): FormRow => [WHOLE, ACTIVE_STAGE, ELIGIBLE_NODE, chunk, rowForm(bits)]),
    stored,
  );
}

/**
 * The rows of every node (at each stored level) the cells of one (dim, stage) reach,
 * each gathered as the positions of its developers and then given its form:
 * most rows hold a few, and a bitset per row (8 kB to clear, count and scan)
 * made building them cost more than storing them.
 *
 * One stored level at a time: a node's key starts with its level (nodeOf), so
 * the rows of a level all come before those of the next in key order, and a
 * level's positions are freed before the next is gathered. Gathering every
 * level at once held one position per level per cell: at 1M activities the
 * whole funnel has 1.33M cells over its stages, so one stage's slice held
 * millions of numbers in arrays at once (8 bytes each).
 */
export function* sliceRows(cells: readonly CellRow[]): Generator<FormRow> {
  if (cells.length === 0) return;
  const { dim, stage } = cells[0]!;
  const max = sparseMax();
  for (const level of STORED_LEVELS) {
    // Keyed by node · 2^16 + chunk (nodes < 10^6, chunks < 2^15): a number, not a string per position.
    const rows = new Map<number, number[]>();
    for (const { day, ns } of cells) {
      const node = nodeOf(level, day);
      for (const n of ns) {
        const key = node * 65536 + Math.floor(n / CHUNK_BITS);
        let positions = rows.get(key);
        if (!positions) rows.set(key, (positions = []));
        positions.push(n % CHUNK_BITS);
      }
    }
    // In key order (node, chunk): with the dims and stages in order, the COPY writes rows in funnel_bits' key order,
    // which a first import's whole-tenant path then inserts as they are, without sorting them (funnel-bits.ts).
    for (const key of [...rows.keys()].sort((a, b) => a - b)) {
      const positions = rows.get(key)!;
      rows.delete(key);
      yield [dim, stage, Math.floor(key / 65536), key % 65536, formOfPositions(positions, max)];
    }
  }
}

/**
 * Writes into `table` (dim, stage, node, chunk, bits) the rows of every node
 * the cells of one dim (or several) reach, one (dim, stage) at a time (cells
 * sorted by dim and stage); with `stored` (the one dim's rows as stored),
 * only those that differ.
 */
export async function copyDim(client: SqlClient, table: string, cells: readonly CellRow[], stored?: StoredDim): Promise<void> {
  const stages: CellRow[][] = [];
  let start = 0;
  for (let i = 1; i <= cells.length; i++) {
    if (i === cells.length || cells[i]!.stage !== cells[start]!.stage || cells[i]!.dim !== cells[start]!.dim) {
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
    stored,
  );
}

/**
 * Writes per chunk what clears `numbers` into `table` (chunk, bits, members):
 * their positions (for rows held as members) and the mask of every bit but
 * theirs (for rows held as bits).
 */
export async function copyKeepMasks(client: SqlClient, table: string, numbers: readonly number[]): Promise<void> {
  await copyTuples(
    client,
    table,
    ['chunk', 'bits', 'members'],
    (function* (): Generator<CopyField[]> {
      for (const [chunk, bits] of chunkBits(numbers)) {
        const members = membersOf(bits);
        for (let i = 0; i < bits.length; i++) bits[i] = ~bits[i]! & 0xff;
        yield [{ int32: chunk }, { bits }, { ints: members }];
      }
    })(),
    'the funnel bits could not be cleared',
  );
}
