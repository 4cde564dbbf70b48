import { describe, expect, it } from 'vitest';
import { bitCount, formOfPositions, membersOf, rowForm } from '../../src-main/core/derived/funnel-sparse';

const bitset = (positions: number[]) => {
  const bits = Buffer.alloc(8192);
  for (const p of positions) bits[p >> 3]! |= 0x80 >> (p & 7);
  return bits;
};

describe('funnel row forms', () => {
  it('reads positions off a bitset leftmost first, as PostgreSQL numbers bits', () => {
    const bits = bitset([65535, 0, 9, 8, 7]);
    expect(bitCount(bits)).toBe(5);
    expect(membersOf(bits)).toEqual([0, 7, 8, 9, 65535]);
  });

  it('keeps a row of at most `max` developers as sorted members, repeats once, and larger rows as bits', () => {
    const form = (positions: number[], max: number) => formOfPositions(Int32Array.from(positions), positions.length, max);
    const members = (positions: number[], max: number) => Array.from(form(positions, max).members ?? []);
    expect(members([5, 3, 5, 65535, 3], 3)).toEqual([3, 5, 65535]);
    // More positions than max, but few developers once repeats go: still members.
    expect(members([1, 1, 2, 2, 3], 3)).toEqual([1, 2, 3]);
    const dense = form([1, 2, 3, 4], 3);
    expect(dense.bits && membersOf(dense.bits)).toEqual([1, 2, 3, 4]);
    expect(rowForm(bitset([1, 2, 3]), 3)).toEqual({ members: [1, 2, 3] });
    expect(rowForm(bitset([1, 2, 3]), 2).bits).toBeDefined();
  });

  it('reads only the first `length` positions of its scratch array', () => {
    // The builder's arrays are kept from row to row: what lies past a row's length is an earlier row's.
    const scratch = Int32Array.from([9, 4, 4, 1, 7, 7, 7, 7]);
    expect(Array.from(formOfPositions(scratch, 3, 1024).members!)).toEqual([4, 9]);
    expect(membersOf(formOfPositions(scratch, 3, 1).bits!)).toEqual([4, 9]);
    expect(formOfPositions(scratch, 0, 1024)).toEqual({ members: new Int32Array(0) });
  });
});
