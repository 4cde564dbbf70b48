/**
 * "(none)" of a funnel breakdown (analytics/funnel-breakdown.ts): per
 * developer, the whole funnel's mask less the OR of their masks in every
 * value's row, joined by developer number.
 */
import { describe, expect, it } from 'vitest';
import { noneMasks } from '../../src-main/core/analytics/funnel-breakdown';

describe('noneMasks', () => {
  // Developers 3, 7, 9 and 70000 (another chunk); bit i = the i-th stage.
  const whole = { numbers: [3, 7, 9, 70000], masks: [0b0011, 0b0101, 0b0001, 0b1001] };

  it('keeps a stage only when no value row has the developer at it', () => {
    const a = { numbers: [3, 70000], masks: [0b0001, 0b1000] };
    const b = { numbers: [3, 7], masks: [0b0001, 0b0100] };
    // 3: awareness tagged twice, engagement untagged; 7: adoption tagged, awareness not;
    // 9: in no value row; 70000: awareness untagged.
    expect(noneMasks(whole, [a, b])).toEqual([0b0010, 0b0001, 0b0001, 0b0001]);
  });

  it('leaves out a developer every stage of whom has a value', () => {
    const all = { numbers: [3, 7, 9, 70000], masks: [0b0011, 0b0101, 0b0001, 0b1001] };
    expect(noneMasks(whole, [all])).toEqual([]);
  });

  it('is the whole funnel without any value row', () => {
    expect(noneMasks(whole, [])).toEqual(whole.masks);
  });
});
