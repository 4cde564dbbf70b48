/**
 * derived.funnel_cells of a whole-tenant refresh (funnel-bits.ts), built in
 * Node from the cells the bits are built from, as they pass through it one
 * dim at a time, instead of SQL's windows (a dense rank and a lag per
 * developer over every cell) and an aggregate per developer: 6 s of a 1M
 * activity import's refresh, sorting 3.5M cells.
 *
 * The dims come in `order by dim` (the database's own collation), each given
 * the next index, and each dim's cells in (stage, day) order: a developer's
 * cells are met in (dim, stage, day) order, the order funnel_cells keeps, so
 * grouping them by developer (a counting sort, which keeps that order) is
 * all the sorting needed. A developer's dims are those of its cells in that
 * order, and a cell's dim index is its dim's place among them, as
 * dense_rank() over the developer's dims gives it (funnel-bits.ts writeCells,
 * which the incremental path still uses). Memory: 8 bytes a cell while
 * gathering (its developer and its (dim, stage, day), an index into 8 bytes
 * a group), 4 more for the sort: 3.5M cells, 28 + 14 MB.
 */
import type { SqlClient } from '../db/db';
import { copyEncoded, type CellRow } from './funnel-bits-build';
import { CellPairs } from './cell-pairs';

/** A cell's dim index is its value's multiple of this (funnel_cells.cells: dim · 2^31 + stage · 2^16 + day). */
const DIM = 2147483648;

export class CellsByDeveloper {
  /** Per cell, in the order met: its developer's number, and its group (below). */
  private readonly cells: CellPairs;
  /** Per group (dim, stage, day) in the order met: global dim index · 2^31 + stage · 2^16 + day. */
  private codes = new Float64Array(1024);
  private groupCount = 0;
  private readonly dims: string[] = [];
  /** Per developer number, the last group (+1) it was met in: a repeat within a group is dropped, whatever the caller's SQL. */
  private seen = new Int32Array(1024);

  /**
   * `capacity`: the cells expected, when known (a chunk's, funnel-bits.ts), to hold them in one piece: pieces
   * of a few MB, allocated and freed chunk after chunk, were kept by the C allocator (cell-spill.ts take()).
   */
  constructor(capacity?: number) {
    // Not under 2^16: a piece per push would be the cost of an estimate too small.
    this.cells = capacity === undefined ? new CellPairs() : new CellPairs(Math.max(1 << 16, capacity));
  }

  /** Cells met so far (each once). */
  get size(): number {
    return this.cells.size;
  }

  /** The cells of the next dim (after every dim added so far in `order by dim`), in (stage, day) order; repeats are dropped. */
  addDim(rows: readonly CellRow[]): void {
    if (rows.length === 0) return;
    const dim = this.dims.length * DIM;
    this.dims.push(rows[0]!.dim);
    for (const { stage, day, ns } of rows) {
      if (this.groupCount === this.codes.length) {
        const codes = new Float64Array(this.codes.length * 2);
        codes.set(this.codes);
        this.codes = codes;
      }
      const group = this.groupCount++;
      this.codes[group] = dim + stage * 65536 + day;
      for (const n of ns) {
        if (n >= this.seen.length) {
          const seen = new Int32Array(Math.max(n + 1, this.seen.length * 2));
          seen.set(this.seen);
          this.seen = seen;
        }
        if (this.seen[n] === group + 1) continue;
        this.seen[n] = group + 1;
        this.cells.push(n, group);
      }
    }
  }

  /** Per developer number, in ascending order: its dims and its cells as funnel_cells holds them. Call once. */
  *developers(): Generator<[n: number, dims: string[], cells: Float64Array]> {
    const { cells, codes } = this;
    let max = -1;
    cells.forEach((n) => (max = Math.max(max, n)));
    // Counting sort of the cells' groups by developer number: stable, so each developer's stay in (dim, stage, day) order.
    const starts = new Int32Array(max + 2);
    cells.forEach((n) => starts[n + 1]!++);
    for (let n = 1; n < starts.length; n++) starts[n]! += starts[n - 1]!;
    const sorted = new Int32Array(cells.size);
    const at = starts.slice(0, max + 1);
    cells.forEach((n, group) => (sorted[at[n]!++] = group));
    cells.clear();
    for (let n = 0; n <= max; n++) {
      const from = starts[n]!;
      const to = starts[n + 1]!;
      if (from === to) continue;
      const dims: string[] = [];
      const cells = new Float64Array(to - from);
      let last = -1;
      for (let i = from; i < to; i++) {
        const code = codes[sorted[i]!]!;
        const dim = Math.floor(code / DIM);
        if (dim !== last) {
          dims.push(this.dims[dim]!);
          last = dim;
        }
        cells[i - from] = (dims.length - 1) * DIM + (code % DIM);
      }
      yield [n, dims, cells];
    }
  }
}

/** Binary COPY of every developer's (n, dims, cells) into `table`, encoded field by field (copyEncoded). */
export async function copyCells(client: SqlClient, table: string, cells: CellsByDeveloper): Promise<void> {
  await copyEncoded(
    client,
    table,
    ['n', 'dims', 'cells'],
    cells.developers(),
    (encoder, [n, dims, codes]) => {
      encoder.count(3);
      encoder.int32(n);
      encoder.texts(dims);
      encoder.int8s(codes);
    },
    'the funnel cells could not be written',
  );
}
