/**
 * Bitsets built in memory for funnel_bits (funnel-bits.ts), written with
 * COPY: PostgreSQL has no aggregate that sets bits from positions short of
 * one 8 kB copy per position, while here a position costs a byte update.
 * Rows are built one (dim, stage) at a time, so memory is bounded by one
 * slice's nodes (~days × 2 × chunks × 8 kB), not by the table; each dim is
 * its own COPY, so that its stored rows can be read between two of them (a
 * connection in COPY runs nothing else). A tenant with no row stored (its
 * first import) has none to read: every row goes in one COPY (copyFirst).
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
import { openCopy } from '../imports/load/copy';
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

/**
 * Binary COPY of `items` into `table`'s `columns`, each encoded by `encode`
 * (a tuple: CopyEncoder.tuple, or field by field), in writes of about
 * WRITE_BYTES; the connection is busy until it ends. A failure, the items'
 * own included, aborts the COPY with `failure` as its message and is rethrown.
 */
export async function copyEncoded<T>(
  client: SqlClient,
  table: string,
  columns: readonly string[],
  items: Iterable<T>,
  encode: (encoder: CopyEncoder, item: T) => void,
  failure: string,
): Promise<void> {
  const copy = openCopy(client, table, columns, { binary: true });
  const encoder = new CopyEncoder(WRITE_BYTES);
  try {
    encoder.raw(COPY_HEADER);
    for (const item of items) {
      encode(encoder, item);
      if (encoder.full()) await copy.write(encoder.take());
    }
    encoder.raw(COPY_END);
    await copy.write(encoder.take());
    await copy.end();
  } catch (error) {
    await copy.abort(failure);
    throw error;
  }
}

/** Binary COPY of `tuples`, each a list of fields, into `table`'s `columns` (copyEncoded). */
export async function copyTuples(
  client: SqlClient,
  table: string,
  columns: readonly string[],
  tuples: Iterable<readonly CopyField[]>,
  failure: string,
): Promise<void> {
  await copyEncoded(client, table, columns, tuples, (encoder, fields) => encoder.tuple(fields), failure);
}

/**
 * Binary COPY of rows (dim, stage, node, chunk, bits, members) into `table`;
 * the connection is busy until it ends. With `stored`, a row whose bits hash
 * to the stored row's is left out, and each row met is struck off `stored`.
 * Encoded field by field, the dim's bytes once per dim: a list of six field
 * objects per row, each told apart by its key, cost as much as building it.
 * With `tenant`, each row starts with it, as funnel_bits' own rows do (fb_set's do not).
 */
async function copyRows(client: SqlClient, table: string, rows: Iterable<FormRow>, stored?: StoredDim, tenant?: string): Promise<void> {
  let dim: string | undefined;
  let dimBytes = Buffer.alloc(0);
  const tenantBytes = tenant === undefined ? undefined : Buffer.from(tenant, 'utf8');
  await copyEncoded(
    client,
    table,
    [...(tenant === undefined ? [] : ['tenant_id']), 'dim', 'stage', 'node', 'chunk', 'bits', 'members'],
    rows,
    (encoder, [rowDim, stage, node, chunk, form]) => {
      if (stored) {
        // Hashed only against a stored row: a first import has none, and hashing every row cost it a tenth of the build.
        const hash = stored.take(stage, node, chunk);
        if (hash !== undefined && hash === rowHash(form)) return;
      }
      if (rowDim !== dim) {
        dim = rowDim;
        dimBytes = Buffer.from(rowDim, 'utf8');
      }
      if (tenantBytes) {
        encoder.count(7);
        encoder.utf8(tenantBytes);
      } else encoder.count(6);
      encoder.utf8(dimBytes);
      encoder.int16(stage);
      encoder.int32(node);
      encoder.int32(chunk);
      if (form.bits) encoder.bits(form.bits);
      else encoder.nul();
      if (form.members) encoder.ints(form.members);
      else encoder.nul();
    },
    'the funnel bits could not be written',
  );
}

/** The eligible rows (node −1) of the counted developers `eligible`, in chunk order. */
function* eligibleRows(eligible: readonly number[]): Generator<FormRow> {
  for (const [chunk, bits] of chunkBits(eligible)) yield [WHOLE, ACTIVE_STAGE, ELIGIBLE_NODE, chunk, rowForm(bits)];
}

/** The eligible rows (node −1) of the counted developers `eligible`, into `table` (those of `stored` that differ). */
export async function copyEligible(client: SqlClient, table: string, eligible: readonly number[], stored?: StoredDim): Promise<void> {
  await copyRows(client, table, eligibleRows(eligible), stored);
}

/**
 * One node's chunk positions, per chunk, as its cells pass (sliceRows);
 * then its rows, in chunk order. The arrays are kept from node to node, so
 * a slice allocates a few growing arrays rather than one per row.
 */
class NodePositions {
  private readonly positions: Int32Array[] = [];
  private readonly lengths: number[] = [];
  /** Chunks holding positions, as first met. */
  private readonly used: number[] = [];

  add(ns: ArrayLike<number>): void {
    for (let i = 0; i < ns.length; i++) {
      const n = ns[i]!;
      const chunk = Math.floor(n / CHUNK_BITS);
      let length = this.lengths[chunk] ?? 0;
      if (length === 0) {
        this.used.push(chunk);
        this.positions[chunk] ??= new Int32Array(64);
      }
      let positions = this.positions[chunk]!;
      if (length === positions.length) {
        const bigger = new Int32Array(length * 2);
        bigger.set(positions);
        this.positions[chunk] = positions = bigger;
      }
      positions[length++] = n % CHUNK_BITS;
      this.lengths[chunk] = length;
    }
  }

  /** The node's rows in chunk order, each in the form its population calls for; the node's positions are then cleared. */
  *rows(dim: string, stage: number, node: number, max: number): Generator<FormRow> {
    this.used.sort((a, b) => a - b);
    for (const chunk of this.used) {
      const length = this.lengths[chunk]!;
      this.lengths[chunk] = 0;
      yield [dim, stage, node, chunk, formOfPositions(this.positions[chunk]!, length, max)];
    }
    this.used.length = 0;
  }
}

/**
 * The rows of every node (at each stored level) the cells of one (dim, stage) reach,
 * each gathered as the positions of its developers and then given its form:
 * most rows hold a few, and a bitset per row (8 kB to clear, count and scan)
 * made building them cost more than storing them.
 *
 * One stored level at a time, and within it one node at a time: a node's
 * key starts with its level (nodeOf), so the rows of a level all come
 * before those of the next in key order; and the cells come in day order,
 * in which a level's nodes never decrease, so a node's rows are complete
 * when a cell of the next node is met. Only one node's positions are held
 * at once. Gathering every level at once held one position per level per
 * cell: at 1M activities the whole funnel has 1.33M cells over its stages,
 * so one stage's slice held millions of numbers in arrays at once (8 bytes
 * each); gathering a level's nodes in a map keyed by (node, chunk) and
 * sorting its keys was a third of the build's time.
 */
export function* sliceRows(cells: readonly CellRow[]): Generator<FormRow> {
  if (cells.length === 0) return;
  const { dim, stage } = cells[0]!;
  const max = sparseMax();
  const positions = new NodePositions();
  for (const level of STORED_LEVELS) {
    let node = nodeOf(level, cells[0]!.day);
    for (const cell of cells) {
      const next = nodeOf(level, cell.day);
      if (next !== node) {
        if (next < node) throw new Error(`The funnel's cells of (${dim}, stage ${stage}) are not in day order (day ${cell.day}).`);
        // With the dims and stages in order, the COPY writes rows in funnel_bits' key order (node, chunk),
        // which a first import's whole-tenant path then inserts as they are, without sorting them (funnel-bits.ts).
        yield* positions.rows(dim, stage, node, max);
        node = next;
      }
      positions.add(cell.ns);
    }
    yield* positions.rows(dim, stage, node, max);
  }
}

/**
 * Writes into `table` (dim, stage, node, chunk, bits) the rows of every node
 * the cells of one dim (or several) reach, one (dim, stage) at a time (cells
 * sorted by dim, stage and day: sliceRows); with `stored` (the one dim's rows as stored),
 * only those that differ.
 */
export async function copyDim(client: SqlClient, table: string, cells: readonly CellRow[], stored?: StoredDim): Promise<void> {
  // One COPY for the dim; each stage's buffers are freed once written.
  await copyRows(client, table, dimRows(cells), stored);
}

/** The rows of the cells of one dim (or several), one (dim, stage) at a time, as copyDim writes them. */
function* dimRows(cells: readonly CellRow[]): Generator<FormRow> {
  let start = 0;
  for (let i = 1; i <= cells.length; i++) {
    if (i === cells.length || cells[i]!.stage !== cells[start]!.stage || cells[i]!.dim !== cells[start]!.dim) {
      yield* sliceRows(cells.slice(start, i));
      start = i;
    }
  }
}

/**
 * A tenant's first rows (it has none stored): the eligible rows of `eligible`,
 * then every dim's of `dims` (in `order by dim`, funnel_bits' key order), in
 * one COPY into derived.funnel_bits (through openCopy's temp twin: the table
 * is under row-level security, which COPY FROM refuses). Node builds a dim's
 * rows while the server takes the last ones, where a COPY per dim waited for
 * the server at each dim's end. `each` is given each dim's cells before its
 * rows are built.
 */
export async function copyFirst(
  client: SqlClient,
  tenant: string,
  eligible: readonly number[],
  dims: Iterable<CellRow[]>,
  each: (cells: CellRow[]) => void,
): Promise<void> {
  await copyRows(
    client,
    'derived.funnel_bits',
    (function* () {
      yield* eligibleRows(eligible);
      for (const cells of dims) {
        each(cells);
        yield* dimRows(cells);
      }
    })(),
    undefined,
    tenant,
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
