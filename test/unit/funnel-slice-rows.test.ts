/**
 * The rows of one (dim, stage) of derived.funnel_bits as built in memory
 * (funnel-bits-build.ts, sliceRows): every node of every stored level its
 * cells reach, in key order, each in the form its population calls for — and
 * built one level at a time, so that the positions held at once are one
 * level's, not one per stored level per cell (at 1M activities the whole
 * funnel's stage 0 held ~10M positions at once with ten levels: the import's
 * peak RSS).
 */
import { describe, expect, it } from 'vitest';
import { sliceRows } from '../../src-main/core/derived/funnel-bits-build';
import { CHUNK_BITS, nodeOf, STORED_LEVELS } from '../../src-main/core/derived/funnel-nodes';
import type { CellRow } from '../../src-main/core/derived/funnel-bits-build';

/** Cells of dim 'source:x', stage 2: developer numbers per day (70000 and 70001 are in chunk 1). */
const cells: CellRow[] = [
  { dim: 'source:x', stage: 2, day: 20000, ns: [5, 3, 70000] },
  { dim: 'source:x', stage: 2, day: 20001, ns: [3] },
  { dim: 'source:x', stage: 2, day: 20513, ns: [9, 70001] },
];

/** What the rows must hold: per (node, chunk), the sorted distinct positions of the developers of its days. */
function expected(): [number, number, number[]][] {
  const rows = new Map<string, Set<number>>();
  for (const { day, ns } of cells)
    for (const level of STORED_LEVELS)
      for (const n of ns) {
        const key = `${nodeOf(level, day)}:${Math.floor(n / CHUNK_BITS)}`;
        if (!rows.has(key)) rows.set(key, new Set());
        rows.get(key)!.add(n % CHUNK_BITS);
      }
  return [...rows]
    .map(([key, positions]): [number, number, number[]] => {
      const [node, chunk] = key.split(':').map(Number) as [number, number];
      return [node, chunk, [...positions].sort((a, b) => a - b)];
    })
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

describe('the rows of one slice of the funnel', () => {
  it('holds, for every node of every stored level and chunk, the developers of its days, in key order', () => {
    const rows = [...sliceRows(cells)];
    expect(rows.every(([dim, stage]) => dim === 'source:x' && stage === 2)).toBe(true);
    expect(rows.map(([, , node, chunk, form]) => [node, chunk, Array.from(form.members ?? [])])).toEqual(expected());
    // Day 20001 shares its level-3 node with day 20000: developer 3 once, with 5.
    expect(Array.from(rows.find(([, , node, chunk]) => node === nodeOf(3, 20000) && chunk === 0)?.[4].members ?? [])).toEqual([3, 5]);
  });

  it("is built one node at a time: a node's rows are given before a cell of a later node is read", () => {
    // Each read of a cell's developers is logged with its day, as is each row given with its node. With a
    // level's nodes gathered in one map (the code before), all of a level's reads came before its first row;
    // with every level gathered at once (before that), all reads came before the first row, and a whole
    // file's slice held a position per level per cell.
    const log: ({ read: number } | { node: number })[] = [];
    const watched = cells.map((cell) => ({
      ...cell,
      get ns() {
        log.push({ read: cell.day });
        return cell.ns;
      },
    }));
    const given: number[] = [];
    for (const [, , node] of sliceRows(watched)) {
      log.push({ node });
      given.push(node);
    }
    const levelOf = (node: number) => Math.floor(node / 100_000);
    let reads = 0;
    for (const [i, entry] of log.entries()) {
      if (!('read' in entry)) continue;
      // The cells are read once per stored level, in order.
      const level = STORED_LEVELS[Math.floor(reads++ / cells.length)]!;
      const reading = nodeOf(level, entry.read);
      const before = new Set(log.slice(0, i).flatMap((e) => ('node' in e ? [e.node] : [])));
      // Every earlier node of the level is complete; none from this one on has been given.
      for (const node of given.filter((n) => levelOf(n) === level && n < reading)) expect(before.has(node)).toBe(true);
      expect([...before].filter((n) => levelOf(n) === level && n >= reading)).toEqual([]);
    }
    expect(reads).toBe(cells.length * STORED_LEVELS.length);
    // The rows of each level come together, levels in order, nodes in key order.
    expect(given).toEqual([...given].sort((a, b) => a - b));
    expect([...new Set(given.map(levelOf))]).toEqual(STORED_LEVELS);
  });

  it('refuses cells out of day order rather than give a node twice', () => {
    const shuffled = [cells[2]!, cells[0]!, cells[1]!];
    expect(() => [...sliceRows(shuffled)]).toThrow(/not in day order/);
  });
});
