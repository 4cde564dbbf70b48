/**
 * CellPairs holds the funnel builds' cells in pieces of 2^20 pairs: the
 * pairs must come back in the order appended across piece boundaries, and a
 * cleared store must start again empty.
 */
import { describe, expect, it } from 'vitest';
import { CellPairs } from '../../src-main/core/derived/cell-pairs';

describe('CellPairs', () => {
  it('gives back every pair in the order appended, across the pieces it grows by', () => {
    const pairs = new CellPairs();
    // Past one piece (2^20 pairs) and into a third, so that a piece boundary and a partial last piece are both crossed.
    const total = (1 << 21) + 5;
    for (let i = 0; i < total; i++) pairs.push(i, total - i);
    expect(pairs.size).toBe(total);
    let seen = 0;
    let inOrder = true;
    pairs.forEach((n, group) => {
      if (n !== seen || group !== total - seen) inOrder = false;
      seen++;
    });
    expect(inOrder).toBe(true);
    expect(seen).toBe(total);
  });

  it('is empty after clear, and starts again from a new piece', () => {
    const pairs = new CellPairs();
    for (let i = 0; i < 10; i++) pairs.push(i, i);
    pairs.clear();
    expect(pairs.size).toBe(0);
    let calls = 0;
    pairs.forEach(() => calls++);
    expect(calls).toBe(0);
    pairs.push(7, -1);
    const got: [number, number][] = [];
    pairs.forEach((n, group) => got.push([n, group]));
    expect(got).toEqual([[7, -1]]);
  });
});
