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
 * which the incremental path still uses). Memory: 4 bytes a cell while
 * gathering (its developer; its (dim, stage, day) is its group's, 12 bytes
 * a group), 4 more for the sort: 3.5M cells, 14 + 14 MB.
 */
import type { SqlClient } from '../db/db';
import { grown } from './cell-pairs';
import { copyEncoded, type CellRow } from './funnel-bits-build';

/** A cell's dim index is its value's multiple of this (funnel_cells.cells: dim · 2^31 + stage · 2^16 + day). */
const DIM = 2147483648;

export class CellsByDeveloper {
  /**
   * Per cell, in the order met: its developer's number. The cells come a group at a time, so a cell's group
   * is the run it is in (`ends`), not 4 more bytes a cell: at 10M activities a chunk's 9.6M cells beside
   * the part's own sorted cells were the funnel refresh's peak.
   */
  private ns: Int32Array;
  private count = 0;
  /** Per group (dim, stage, day) in the order met: global dim index · 2^31 + stage · 2^16 + day, and the end of its cells. */
  private codes = new Float64Array(1024);
  private ends = new Int32Array(1024);
  private groupCount = 0;
  private readonly dims: string[] = [];
  /** Per developer number, the last group (+1) it was met in: a repeat within a group is dropped, whatever the caller's SQL. */
  private seen = new Int32Array(1024);

  /**
   * `capacity`: the cells expected (a chunk's, funnel-bits.ts), held in one array of that size: arrays of a
   * few MB, allocated and freed chunk after chunk, were kept by the C allocator (cell-spill.ts forEach()).
   * Without it (tests), the array doubles as it fills.
   */
  constructor(capacity?: number) {
    this.ns = new Int32Array(Math.max(1 << 16, capacity ?? 0));
  }

  /** Cells met so far (each once). */
  get size(): number {
    return this.count;
  }

  /** The cells of the next dim (after every dim added so far in `order by dim`), in (stage, day) order; repeats are dropped. */
  addDim(rows: readonly CellRow[]): void {
    if (rows.length === 0) return;
    const dim = this.dims.length * DIM;
    this.dims.push(rows[0]!.dim);
    for (const { stage, day, ns } of rows) {
      if (this.groupCount === this.codes.length) {
        this.codes = grown(this.codes);
        this.ends = grown(this.ends);
      }
      const group = this.groupCount++;
      this.codes[group] = dim + stage * 65536 + day;
      for (const n of ns) {
        if (n >= this.seen.length) this.seen = grown(this.seen, Math.max(n + 1, this.seen.length * 2));
        if (this.seen[n] === group + 1) continue;
        this.seen[n] = group + 1;
        if (this.count === this.ns.length) this.ns = grown(this.ns);
        this.ns[this.count++] = n;
      }
      this.ends[group] = this.count;
    }
  }

  /** Per developer number, in ascending order: its dims and its cells as funnel_cells holds them. Call once. */
  *developers(): Generator<[n: number, dims: string[], cells: Float64Array]> {
    const { codes } = this;
    const { max, starts, sorted } = this.byDeveloper();
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

  /**
   * Counting sort of the cells' groups by developer number: stable, so each developer's stay in (dim, stage,
   * day) order. The developers' numbers are let go here, not held while developers() yields; so is every
   * group, so that a second call gives nothing.
   */
  private byDeveloper(): { max: number; starts: Int32Array; sorted: Int32Array } {
    const { ends, groupCount, count } = this;
    const ns = this.ns.subarray(0, count);
    this.ns = new Int32Array(0);
    this.count = this.groupCount = 0;
    let max = -1;
    for (const n of ns) max = Math.max(max, n);
    const starts = new Int32Array(max + 2);
    for (const n of ns) starts[n + 1]!++;
    for (let n = 1; n < starts.length; n++) starts[n]! += starts[n - 1]!;
    const sorted = new Int32Array(count);
    const at = starts.slice(0, max + 1);
    for (let group = 0, i = 0; group < groupCount; group++) for (const end = ends[group]!; i < end; i++) sorted[at[ns[i]!]!++] = group;
    return { max, starts, sorted };
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
