/**
 * The cells of a whole-tenant funnel refresh (funnel-cells-grouped.ts), held
 * per part: a part is one chunk of funnel_bits (CHUNK_BITS developer numbers),
 * whose rows no other part's cells reach, so each part can be grouped and
 * written on its own, with only its cells in memory. Holding every cell at
 * once was the import's peak at 10M activities: 38.4M cells, 541 MB of array
 * buffers, the process at 1,000 MB.
 *
 * Up to `budget` cells (8 bytes each as met) nothing is written: the caller
 * groups them all at once (`overBudget` is false), as one part would be, which at
 * 1M activities and 200k identity rows (two chunks) saves a second pass and
 * its collections (0.2–0.3 s of the funnel's 3.9 s at 200k). Past it, a part's
 * cells go to its own file in a temporary folder each time they fill a piece
 * (CellPairs' 2^20 pairs, 8 MB), and are read back a piece at a time when the
 * part is grouped.
 */
import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeOwnTempFolder } from '../files/abandoned';
import { CellPairs, PIECE } from './cell-pairs';
import { CHUNK_BITS } from './funnel-nodes';

/**
 * The temporary folder's name in the OS temp folder, before the pid of the process that made it: one a
 * crash left is removed by the next refresh that spills, or the next start (files/abandoned.ts).
 */
export const CELLS_FOLDER_PREFIX = 'drm-funnel-cells-';

/** Cells held in memory before parts are written to files: 8M, 64 MB as met (+32 MB to sort them). */
export const CELL_BUDGET = 8 << 20;

export class CellParts {
  private readonly held: CellPairs[];
  /** Per part, the full pieces written to its file (developers' numbers, then their groups, per piece). */
  private readonly written: number[];
  private readonly files: (number | undefined)[];
  private dir: string | undefined;
  private met = 0;
  /** The buffers a written piece is read back into (forEach). */
  private readNs: Int32Array | undefined;
  private readGroups: Int32Array | undefined;

  /**
   * `count` parts: chunk i is part i, and the last part takes every chunk from it on. `budget`: cells held
   * before any is written; `piece`: pairs per piece written.
   */
  constructor(
    readonly count: number,
    private readonly budget = CELL_BUDGET,
    private readonly piece = PIECE,
  ) {
    if (!Number.isInteger(count) || count < 1) throw new Error(`CellParts: ${count} parts`);
    this.held = Array.from({ length: count }, () => new CellPairs(piece));
    this.written = new Array<number>(count).fill(0);
    this.files = new Array<number | undefined>(count).fill(undefined);
  }

  /** Cells pushed so far, repeats included. */
  get size(): number {
    return this.met;
  }

  push(n: number, group: number): void {
    this.met++;
    if (this.count === 1) {
      this.held[0]!.push(n, group);
      return;
    }
    const part = Math.min(Math.floor(n / CHUNK_BITS), this.count - 1);
    const pairs = this.held[part]!;
    pairs.push(n, group);
    // A piece just filled, past the budget: it goes, with every full one held from under the budget.
    if (pairs.size % this.piece === 0 && this.met > this.budget) this.spill(part, pairs);
  }

  /** Whether more cells were met than the budget: the caller then takes the parts one at a time. */
  get overBudget(): boolean {
    return this.met > this.budget;
  }

  /**
   * Every cell of part `part`, in the order pushed: those in its file, read back a piece at a time into
   * the same two buffers, then those still in memory. May be called again until the part is dropped.
   * Never the whole part at once: a chunk read back in one array (8 bytes a cell) beside the caller's
   * counting sort of it (4 more) was the funnel refresh's peak at 10M activities, ~140 MB of buffers
   * for 11.7M cells; streamed, the sort's array and two pieces are. One pair of buffers for every part
   * and pass, as pieces of a few MB allocated and freed chunk after chunk were kept by the C allocator
   * (its threshold for giving memory back rises to the size of what was freed).
   */
  forEach(part: number, fn: (n: number, group: number) => void): void {
    const fd = this.files[part];
    if (fd !== undefined) {
      const ns = (this.readNs ??= new Int32Array(this.piece));
      const groups = (this.readGroups ??= new Int32Array(this.piece));
      const bytes = this.piece * Int32Array.BYTES_PER_ELEMENT;
      for (let piece = 0; piece < this.written[part]!; piece++) {
        readFully(fd, ns, piece * 2 * bytes);
        readFully(fd, groups, (piece * 2 + 1) * bytes);
        for (let i = 0; i < this.piece; i++) fn(ns[i]!, groups[i]!);
      }
    }
    this.held[part]!.forEach(fn);
  }

  /** Lets go of part `part`'s cells, in memory and in its file. */
  drop(part: number): void {
    this.held[part] = new CellPairs(this.piece);
    const fd = this.files[part];
    if (fd === undefined) return;
    closeSync(fd);
    this.files[part] = undefined;
    this.written[part] = 0;
    rmSync(join(this.dir!, String(part)), { force: true });
  }

  /** Lets go of every part and removes the files; safe to call twice. */
  close(): void {
    for (let part = 0; part < this.count; part++) {
      this.held[part] = new CellPairs(this.piece);
      const fd = this.files[part];
      if (fd !== undefined) closeSync(fd);
      this.files[part] = undefined;
    }
    if (this.dir !== undefined) rmSync(this.dir, { recursive: true, force: true });
    this.dir = undefined;
    this.readNs = this.readGroups = undefined;
  }

  private spill(part: number, pairs: CellPairs): void {
    this.dir ??= makeOwnTempFolder(tmpdir(), CELLS_FOLDER_PREFIX);
    const fd = (this.files[part] ??= openSync(join(this.dir, String(part)), 'w+'));
    // Every piece is full: one is written as soon as it fills once past the budget, and all held before with it.
    for (const [ns, groups] of pairs.pieces()) {
      writeFully(fd, ns);
      writeFully(fd, groups);
      this.written[part]!++;
    }
    pairs.clear();
  }
}

function bytesOf(a: Int32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

function writeFully(fd: number, a: Int32Array): void {
  const bytes = bytesOf(a);
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
}

function readFully(fd: number, a: Int32Array, position: number): void {
  const bytes = bytesOf(a);
  for (let at = 0; at < bytes.length;) {
    const read = readSync(fd, bytes, at, bytes.length - at, position + at);
    if (read === 0) throw new Error('a funnel cells file ended early');
    at += read;
  }
}
