/**
 * The cells of the whole-tenant funnel refresh as met (funnel-cells-grouped.ts, held per part by
 * cell-spill.ts) as pairs of int32 (a developer's number, a group's number), appended one at a time:
 * millions of them at 1M activities, so in typed arrays, not objects, and in pieces, so that growing
 * never copies and at most one piece is unused.
 */
export const PIECE = 1 << 20;

/** A copy of `a` in a new array of `length` (by default twice its own): the builds' growing per-group and per-developer arrays. */
export function grown<T extends Int32Array | Float64Array>(a: T, length = a.length * 2): T {
  const copy = new (a.constructor as new (length: number) => T)(length);
  copy.set(a);
  return copy;
}

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
