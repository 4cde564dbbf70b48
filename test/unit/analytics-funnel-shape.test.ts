/**
 * The funnel's arithmetic from per-mask developer counts (analytics/funnel-shape.ts):
 * reached, monotonic at-or-beyond, conversion ratios and their nulls, the
 * highest stage of a mask, and the conditions behind the developer lists.
 */
import { describe, expect, it } from 'vitest';
import { highestStage, inMode, shapeFunnel } from '../../src-main/core/analytics/funnel-shape';

const stages = [
  { key: 'awareness', title: 'Awareness', order: 1 },
  { key: 'engagement', title: 'Engagement', order: 2 },
  { key: 'adoption', title: 'Adoption', order: 3 },
  { key: 'advocacy', title: 'Advocacy', order: 4 },
];
const numbers = (rows: ReturnType<typeof shapeFunnel>) => rows.map((r) => [r.key, r.reached, r.atOrBeyond, r.conversionFromPrevious]);

describe('shapeFunnel', () => {
  it('counts reached per bit and at-or-beyond by the highest bit', () => {
    // 0b0111 ×2 (aw, en, ad), 0b0100 ×1 (ad only), 0b0001 ×3, 0b1001 ×1 (aw, adv), 0 ×5 (active, no stage).
    const rows = shapeFunnel(stages, [
      { mask: 7, developers: 2 },
      { mask: 4, developers: 1 },
      { mask: 1, developers: 3 },
      { mask: 9, developers: 1 },
      { mask: 0, developers: 5 },
    ]);
    expect(numbers(rows)).toEqual([
      ['awareness', 6, 7, null],
      ['engagement', 2, 4, 4 / 7],
      ['adoption', 3, 4, 1],
      ['advocacy', 1, 1, 0.25],
    ]);
    expect(rows[0]).toMatchObject({ title: 'Awareness', order: 1 });
  });

  it('gives conversion from the first stage and the drop-off between steps', () => {
    const rows = shapeFunnel(stages, [
      { mask: 7, developers: 2 },
      { mask: 4, developers: 1 },
      { mask: 1, developers: 3 },
      { mask: 9, developers: 1 },
    ]);
    // at or beyond 7, 4, 4, 1
    expect(rows.map((r) => [r.conversionFromFirst, r.droppedOff])).toEqual([
      [1, 3],
      [4 / 7, 0],
      [4 / 7, 3],
      [1 / 7, null],
    ]);
    expect(shapeFunnel(stages, []).map((r) => r.conversionFromFirst)).toEqual([null, null, null, null]);
  });

  it('is monotonic: a stage reached alone counts at or beyond every earlier one', () => {
    expect(numbers(shapeFunnel(stages, [{ mask: 8, developers: 4 }]))).toEqual([
      ['awareness', 0, 4, null],
      ['engagement', 0, 4, 1],
      ['adoption', 0, 4, 1],
      ['advocacy', 4, 4, 1],
    ]);
  });

  it('gives null conversion after a stage nobody is at, and zeros without developers', () => {
    expect(numbers(shapeFunnel(stages, [{ mask: 1, developers: 2 }]))).toEqual([
      ['awareness', 2, 2, null],
      ['engagement', 0, 0, 0],
      ['adoption', 0, 0, null],
      ['advocacy', 0, 0, null],
    ]);
    expect(shapeFunnel(stages, []).every((r) => r.reached === 0 && r.atOrBeyond === 0)).toBe(true);
    expect(shapeFunnel([], [{ mask: 1, developers: 1 }])).toEqual([]);
  });
});

describe('highestStage and inMode', () => {
  it('reads the highest stage of a mask', () => {
    expect(highestStage(stages, 0)).toBeNull();
    expect(highestStage(stages, 1)?.key).toBe('awareness');
    expect(highestStage(stages, 7)?.key).toBe('adoption');
    expect(highestStage(stages, 9)?.key).toBe('advocacy');
  });

  it('selects a stage reached, or a highest stage at or beyond it', () => {
    const masks = [0, 1, 3, 4, 5, 7, 8, 9, 12];
    expect(masks.filter((m) => inMode(m, 2, 'reached'))).toEqual([4, 5, 7, 12]);
    expect(masks.filter((m) => inMode(m, 2, 'atOrBeyond'))).toEqual([4, 5, 7, 8, 9, 12]);
    expect(masks.filter((m) => inMode(m, 2, 'dropOff'))).toEqual([4, 5, 7]);
  });
});
