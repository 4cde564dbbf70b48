/**
 * The cells of the funnel's in-memory builds (funnel-cells-build.ts, funnel-cells-grouped.ts) as pairs of
 * int32 (a developer's number, a group's number), appended one at a time: millions of them at 1M
 * activities, so in typed arrays, not objects, and in pieces, so that growing never copies and at
 * most one piece is unused.
 */
export const PIECE = 1 << 20;

export class CellPairs {
  private readonly ns: Int32Array[] = [];
  private readonly groups: Int32Array[] = [];
  private count = 0;

  /** `piece`: pairs per piece (PIECE; a test of the spill takes a few). */
  constructor(readonly piece = PIECE) {}

  /** Pairs appended since the last clear. */
  get size(): number {
    return this.count;
  }

  push(n: number, group: number): void {
    const at = this.count++ % this.piece;
    if (at === 0) {
      this.ns.push(new Int32Array(this.piece));
      this.groups.push(new Int32Array(this.piece));
    }
    this.ns[this.ns.length - 1]![at] = n;
    this.groups[this.groups.length - 1]![at] = group;
  }

  /** Every pair, in the order appended. */
  forEach(fn: (n: number, group: number) => void): void {
    for (let p = 0; p < this.ns.length; p++) {
      const ns = this.ns[p]!;
      const groups = this.groups[p]!;
      const end = Math.min(this.piece, this.count - p * this.piece);
      for (let i = 0; i < end; i++) fn(ns[i]!, groups[i]!);
    }
  }

  /** The pieces as held, each with its pairs' count (every piece but the last is full): for spilling to a file (cell-spill.ts). */
  *pieces(): Generator<[ns: Int32Array, groups: Int32Array, length: number]> {
    for (let p = 0; p < this.ns.length; p++) yield [this.ns[p]!, this.groups[p]!, Math.min(this.piece, this.count - p * this.piece)];
  }

  /** Lets go of the pieces (their memory), once the caller has sorted the pairs into its own arrays. */
  clear(): void {
    this.ns.length = 0;
    this.groups.length = 0;
    this.count = 0;
  }
}
