/**
 * A slice of the funnel held as one bitset per stage and chunk
 * (analytics/funnel-bits-read.ts): the counts per mask, the developers by
 * number, and "(none)" of a breakdown — per developer, the whole funnel's
 * stages less those any value's slice has them at, chunk by chunk.
 */
import { describe, expect, it } from 'vitest';
import { countSlice, numbered, sliceLess, type SliceBits } from '../../src-main/core/analytics/funnel-bits-read';
import { CHUNK_BITS } from '../../src-main/core/derived/funnel-nodes';

const STAGES = 4;

/** A slice of developers (by number) with their masks (bit i = the i-th stage), set bit by bit. */
function slice(numbers: number[], masks: number[]): SliceBits {
  const out: SliceBits = new Map();
  numbers.forEach((n, k) => {
    const chunk = Math.floor(n / CHUNK_BITS);
    const p = n % CHUNK_BITS;
    if (!out.has(chunk)) out.set(chunk, new Uint8Array((STAGES * CHUNK_BITS) / 8));
    for (let i = 0; i < STAGES; i++) if (masks[k]! & (1 << i)) out.get(chunk)![(i * CHUNK_BITS + p) >> 3]! |= 0x80 >> (p & 7);
  });
  return out;
}

// Developers 3, 7, 9, 31, 32, 65535 and 70000 (another chunk), across bytes and 32-bit words.
const whole = slice([3, 7, 9, 31, 32, 65535, 70000], [0b0011, 0b0101, 0b0001, 0b1111, 0b1000, 0b0010, 0b1001]);

describe('a slice of the funnel', () => {
  it('gives every developer back by number with their mask, in order', () => {
    expect(numbered(whole, STAGES)).toEqual({
      numbers: [3, 7, 9, 31, 32, 65535, 70000],
      masks: [0b0011, 0b0101, 0b0001, 0b1111, 0b1000, 0b0010, 0b1001],
    });
    expect(numbered(undefined, STAGES)).toEqual({ numbers: [], masks: [] });
  });

  it('counts the developers of each mask', () => {
    const a = slice([1, 2, 40, 66000, 99999], [0b0001, 0b0011, 0b0001, 0b0001, 0b0011]);
    const counts = countSlice(a, STAGES).sort((x, y) => x.mask - y.mask);
    expect(counts).toEqual([
      { mask: 0b0001, developers: 3 },
      { mask: 0b0011, developers: 2 },
    ]);
    expect(countSlice(undefined, STAGES)).toEqual([]);
  });
});

describe('"(none)": the whole funnel less every value slice', () => {
  it('keeps a stage only when no value slice has the developer at it', () => {
    const a = slice([3, 70000], [0b0001, 0b1000]);
    const b = slice([3, 7, 31], [0b0001, 0b0100, 0b0110]);
    // 3: awareness tagged twice, engagement untagged; 7: adoption tagged, awareness not;
    // 9, 32, 65535: in no value slice; 31: two stages tagged; 70000: awareness untagged.
    expect(numbered(sliceLess(whole, [a, b]), STAGES)).toEqual({
      numbers: [3, 7, 9, 31, 32, 65535, 70000],
      masks: [0b0010, 0b0001, 0b0001, 0b1001, 0b1000, 0b0010, 0b0001],
    });
  });

  it('leaves out a developer every stage of whom has a value', () => {
    const all = slice([3, 7, 9, 31, 32, 65535, 70000], [0b0011, 0b0101, 0b0001, 0b1111, 0b1000, 0b0010, 0b1001]);
    expect(countSlice(sliceLess(whole, [all]), STAGES)).toEqual([]);
  });

  it('is the whole funnel without any value slice, and empty without a whole funnel', () => {
    expect(numbered(sliceLess(whole, []), STAGES)).toEqual(numbered(whole, STAGES));
    expect(numbered(sliceLess(undefined, [whole]), STAGES)).toEqual({ numbers: [], masks: [] });
  });

  it('leaves the slices it reads unchanged', () => {
    sliceLess(whole, [slice([3], [0b0001])]);
    expect(numbered(whole, STAGES).masks[0]).toBe(0b0011);
  });
});
