import { describe, expect, it } from 'vitest';
import {
  addDays,
  customPeriod,
  defaultBucket,
  isDay,
  lastDay,
  periodDays,
  presetPeriod,
  todayIn,
  yearUpTo,
} from '../../src-renderer/src/analytics/period';

describe('presetPeriod', () => {
  const today = '2025-03-10';

  it('counts the last N days as N whole days ending with today, half-open', () => {
    expect(presetPeriod('last7', today)).toEqual({ from: '2025-03-04', to: '2025-03-11' });
    expect(presetPeriod('last30', today)).toEqual({ from: '2025-02-09', to: '2025-03-11' });
    expect(presetPeriod('last90', today)).toEqual({ from: '2024-12-11', to: '2025-03-11' });
    for (const preset of ['last7', 'last30', 'last90'] as const) {
      expect(periodDays(presetPeriod(preset, today))).toBe(Number(preset.slice(4)));
    }
  });

  it('runs this month and this year up to today, last month to the first of this one', () => {
    expect(presetPeriod('thisMonth', today)).toEqual({ from: '2025-03-01', to: '2025-03-11' });
    expect(presetPeriod('lastMonth', today)).toEqual({ from: '2025-02-01', to: '2025-03-01' });
    expect(presetPeriod('thisYear', today)).toEqual({ from: '2025-01-01', to: '2025-03-11' });
  });

  it('crosses month, year and leap-day edges', () => {
    expect(presetPeriod('lastMonth', '2025-01-15')).toEqual({ from: '2024-12-01', to: '2025-01-01' });
    expect(presetPeriod('thisMonth', '2024-12-31')).toEqual({ from: '2024-12-01', to: '2025-01-01' });
    expect(presetPeriod('last7', '2024-03-02')).toEqual({ from: '2024-02-25', to: '2024-03-03' });
    expect(periodDays(presetPeriod('lastMonth', '2024-03-05'))).toBe(29);
  });
});

describe('customPeriod', () => {
  it('turns an inclusive end date into the exclusive `to`', () => {
    expect(customPeriod('2025-01-01', '2025-01-31')).toEqual({ ok: true, period: { from: '2025-01-01', to: '2025-02-01' } });
    expect(customPeriod('2025-01-01', '2025-01-01')).toEqual({ ok: true, period: { from: '2025-01-01', to: '2025-01-02' } });
  });

  it('refuses a missing, unreal or reversed range', () => {
    expect(customPeriod('', '2025-01-31')).toEqual({ ok: false, error: 'missing' });
    expect(customPeriod('2025-02-30', '2025-03-01')).toEqual({ ok: false, error: 'invalid' });
    expect(customPeriod('2025-03-02', '2025-03-01')).toEqual({ ok: false, error: 'order' });
  });

  it('round-trips with lastDay', () => {
    const result = customPeriod('2024-12-25', '2025-01-07');
    expect(result.ok && lastDay(result.period)).toBe('2025-01-07');
  });
});

describe('days', () => {
  it('knows real calendar days', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2025-1-01')).toBe(false);
    expect(isDay(null)).toBe(false);
  });

  it('adds days across years', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('finds today in the tenant’s zone, not the clock’s', () => {
    const instant = new Date('2025-03-10T16:30:00Z');
    expect(todayIn('Asia/Tokyo', instant)).toBe('2025-03-11');
    expect(todayIn('America/Los_Angeles', instant)).toBe('2025-03-10');
    expect(todayIn('UTC', instant)).toBe('2025-03-10');
    expect(todayIn('Not/AZone', instant)).toBe('2025-03-10');
  });

  it('offers the year up to the latest activity, that day included', () => {
    expect(yearUpTo('2025-03-31')).toEqual({ from: '2024-04-01', to: '2025-04-01' });
    expect(periodDays(yearUpTo('2025-03-31'))).toBe(365);
  });
});

describe('defaultBucket', () => {
  it('keeps a trend readable: days for a month, weeks for half a year, then months', () => {
    expect(defaultBucket({ from: '2025-03-01', to: '2025-04-01' })).toBe('day');
    expect(defaultBucket({ from: '2025-01-01', to: '2025-04-01' })).toBe('week');
    expect(defaultBucket({ from: '2024-01-01', to: '2025-01-01' })).toBe('month');
  });
});
