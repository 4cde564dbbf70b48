/** Round axis ticks and tooltips in stage order (issue 11, defect 13). */
import { describe, expect, it } from 'vitest';
import { roundTicks, seriesOrder } from '../../src-renderer/src/components/charts/axis-order';

describe('roundTicks', () => {
  it('puts the funnel axis on round numbers instead of 0/85/170/255/340', () => {
    expect(roundTicks(340)).toEqual([0, 100, 200, 300, 400]);
    expect(roundTicks(1234)).toEqual([0, 500, 1000, 1500]);
    expect(roundTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(roundTicks(3)).toEqual([0, 1, 2, 3]);
    expect(roundTicks(0)).toEqual([0, 1]);
  });
  it('always reaches the largest value', () => {
    for (const max of [1, 9, 85, 99, 101, 255, 999, 12_345]) expect(roundTicks(max).at(-1)!).toBeGreaterThanOrEqual(max);
  });
});

describe('seriesOrder', () => {
  it('sorts tooltip lines as the legend and the stack run, unmapped last', () => {
    const keys = ['s0', 's1', 's2', 's3', 'unmapped'];
    const items = [{ dataKey: 'unmapped' }, { dataKey: 's2' }, { dataKey: 's3' }, { dataKey: 's0' }, { dataKey: 's1' }];
    const sorter = seriesOrder(keys);
    expect([...items].sort((a, b) => sorter(a) - sorter(b)).map((i) => i.dataKey)).toEqual(keys);
  });
});
