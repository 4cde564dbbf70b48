/**
 * CellParts keeps a whole-tenant funnel refresh's cells per part (a chunk of
 * developer numbers) and, past a budget of cells, writes a part's to a file
 * each time they fill a piece, so that only the part being grouped is in
 * memory. Read back (as often as asked, until it is dropped), a part must
 * give exactly its own pairs, in the order pushed, whether they were written (several pieces, then a partial one in
 * memory) or never left memory; the last part takes every number past its
 * chunk; under the budget nothing is written; and the folder goes when the
 * parts are closed.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CellParts } from '../../src-main/core/derived/cell-spill';
import { CHUNK_BITS } from '../../src-main/core/derived/funnel-nodes';

const spillFolders = () => new Set(readdirSync(tmpdir()).filter((name) => name.startsWith('drm-funnel-cells-')));

/** Part `part`'s pairs as read once, without dropping them. */
function read(parts: CellParts, part: number): [number, number][] {
  const got: [number, number][] = [];
  parts.forEach(part, (n, group) => got.push([n, group]));
  return got;
}

/** Part `part`'s pairs, read twice (as the counting sort does) and the same both times, then dropped. */
function pairsOf(parts: CellParts, part: number): [number, number][] {
  const got = read(parts, part);
  expect(read(parts, part)).toEqual(got);
  parts.drop(part);
  return got;
}

describe('CellParts', () => {
  it('gives each part back its own pairs in the order pushed, from its file and from memory alike', () => {
    const before = spillFolders();
    // No budget, pieces of 4 pairs: part 0 writes two pieces and keeps 3 in memory, part 1 never fills one, part 2 fills
    // exactly one.
    const parts = new CellParts(3, 0, 4);
    const expected: [number, number][][] = [[], [], []];
    const push = (n: number, group: number) => {
      parts.push(n, group);
      expected[Math.min(Math.floor(n / CHUNK_BITS), 2)]!.push([n, group]);
    };
    for (let i = 0; i < 11; i++) {
      push(i * 7, 100 + i);
      if (i % 4 === 0) push(CHUNK_BITS + i, 200 + i);
      // Past the last part's chunk: still the last part's.
      if (i < 4) push(2 * CHUNK_BITS + i * CHUNK_BITS, 300 + i);
    }
    expect(parts.size).toBe(11 + 3 + 4);
    expect(parts.overBudget).toBe(true);
    const folder = [...spillFolders()].filter((name) => !before.has(name));
    expect(folder).toHaveLength(1);
    expect(pairsOf(parts, 1)).toEqual(expected[1]);
    expect(pairsOf(parts, 0)).toEqual(expected[0]);
    expect(pairsOf(parts, 2)).toEqual(expected[2]);
    expect(expected[0]).toHaveLength(11);
    // Dropped parts are let go.
    expect(pairsOf(parts, 0)).toEqual([]);
    parts.close();
    expect(existsSync(`${tmpdir()}/${folder[0]}`)).toBe(false);
    parts.close();
  });

  it('keeps a single part in memory, whatever its size, and writes nothing', () => {
    const before = spillFolders();
    const parts = new CellParts(1, 0, 4);
    for (let i = 0; i < 20; i++) parts.push(3 * CHUNK_BITS + i, i);
    expect([...spillFolders()].filter((name) => !before.has(name))).toEqual([]);
    const got = pairsOf(parts, 0);
    expect(got).toHaveLength(20);
    expect(got[19]).toEqual([3 * CHUNK_BITS + 19, 19]);
    parts.close();
  });

  it('writes nothing under its budget, and writes every full piece held once past it', () => {
    const before = spillFolders();
    const added = () => [...spillFolders()].filter((name) => !before.has(name));
    const parts = new CellParts(2, 10, 4);
    // 8 cells in part 0 (two full pieces held) and 2 in part 1: at the budget, not past it.
    for (let i = 0; i < 8; i++) parts.push(i, i);
    parts.push(CHUNK_BITS, 100);
    parts.push(CHUNK_BITS + 1, 101);
    expect(parts.overBudget).toBe(false);
    expect(added()).toEqual([]);
    // Past it, part 1's next full piece goes to a file; part 0's two held pieces stay until part 0 fills another.
    parts.push(CHUNK_BITS + 2, 102);
    parts.push(CHUNK_BITS + 3, 103);
    expect(parts.overBudget).toBe(true);
    expect(added()).toHaveLength(1);
    const files = () => readdirSync(join(tmpdir(), added()[0]!)).sort();
    expect(files()).toEqual(['1']);
    // Part 0's third piece fills: its three go to its file, the 13th cell stays in memory.
    for (let i = 8; i < 13; i++) parts.push(i, i);
    expect(files()).toEqual(['0', '1']);
    expect(statSync(join(tmpdir(), added()[0]!, '0')).size).toBe(3 * 2 * 4 * 4);
    expect(pairsOf(parts, 0)).toEqual(Array.from({ length: 13 }, (_, i) => [i, i]));
    // Dropped: its file is gone, the other part's stays until it is.
    expect(files()).toEqual(['1']);
    expect(pairsOf(parts, 1)).toEqual([0, 1, 2, 3].map((i) => [CHUNK_BITS + i, 100 + i]));
    parts.close();
    expect(added()).toEqual([]);
  });

  it('removes the files of parts never taken when closed', () => {
    const before = spillFolders();
    const parts = new CellParts(2, 0, 2);
    for (let i = 0; i < 9; i++) parts.push(i, i);
    const folder = [...spillFolders()].filter((name) => !before.has(name));
    expect(folder).toHaveLength(1);
    parts.close();
    expect(existsSync(`${tmpdir()}/${folder[0]}`)).toBe(false);
  });
});
