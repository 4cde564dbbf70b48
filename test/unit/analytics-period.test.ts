/**
 * Calendar days and trend buckets (analytics/period.ts, trend.ts, overview.ts):
 * real days only, half-open periods, ISO weeks from Monday, months, every
 * bucket present, and the pure shaping of trend points and top campaigns.
 */
import { describe, expect, it } from 'vitest';
import type { CampaignRoi } from '../../src-shared/contract/campaigns';
import { topCampaigns } from '../../src-main/core/analytics/overview';
import {
  addDays,
  bucketStart,
  bucketStarts,
  checkPeriod,
  dayNumber,
  MAX_BUCKETS,
  previousPeriod,
} from '../../src-main/core/analytics/period';
import { trendPoints } from '../../src-main/core/analytics/trend';

describe('days and periods', () => {
  it('knows real calendar days', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect(dayNumber('2028-02-29')).not.toBeNull();
    expect(dayNumber('2026-02-29')).toBeNull();
    expect(dayNumber('2026-13-01')).toBeNull();
    expect(dayNumber('2026-4-1')).toBeNull();
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('accepts a period only when from is before to', () => {
    expect(checkPeriod('2026-04-01', '2026-04-02')).toEqual({ from: '2026-04-01', to: '2026-04-02' });
    expect(() => checkPeriod('2026-04-01', '2026-04-01')).toThrow(/period is empty/);
    expect(() => checkPeriod('2026-02-30', '2026-04-01')).toThrow(/not a calendar day/);
  });

  it('finds the period of the same length just before, never before 1970', () => {
    expect(previousPeriod({ from: '2026-04-01', to: '2026-05-01' })).toEqual({ from: '2026-03-02', to: '2026-04-01' });
    expect(previousPeriod({ from: '2026-03-01', to: '2026-03-02' })).toEqual({ from: '2026-02-28', to: '2026-03-01' });
    expect(previousPeriod({ from: '1970-01-11', to: '1970-01-21' })).toEqual({ from: '1970-01-01', to: '1970-01-11' });
    expect(previousPeriod({ from: '1970-01-11', to: '1970-01-22' })).toBeNull();
  });
});

describe('buckets', () => {
  it('starts weeks on Monday (ISO) and months on the 1st', () => {
    expect(bucketStart('2026-04-01', 'week')).toBe('2026-03-30'); // a Wednesday
    expect(bucketStart('2026-03-30', 'week')).toBe('2026-03-30'); // a Monday
    expect(bucketStart('2026-04-05', 'week')).toBe('2026-03-30'); // a Sunday
    expect(bucketStart('1970-01-01', 'week')).toBe('1969-12-29');
    expect(bucketStart('2026-04-17', 'month')).toBe('2026-04-01');
    expect(bucketStart('2026-04-17', 'day')).toBe('2026-04-17');
  });

  it('lists every bucket holding a day of [from, to)', () => {
    expect(bucketStarts('2026-04-01', '2026-04-04', 'day')).toEqual(['2026-04-01', '2026-04-02', '2026-04-03']);
    expect(bucketStarts('2026-04-01', '2026-05-01', 'week')).toEqual([
      '2026-03-30',
      '2026-04-06',
      '2026-04-13',
      '2026-04-20',
      '2026-04-27',
    ]);
    // 05-04 is a Monday and excluded: no bucket starts there.
    expect(bucketStarts('2026-04-27', '2026-05-04', 'week')).toEqual(['2026-04-27']);
    expect(bucketStarts('2025-11-15', '2026-02-01', 'month')).toEqual(['2025-11-01', '2025-12-01', '2026-01-01']);
    expect(bucketStarts('2025-11-15', '2026-02-02', 'month')).toEqual(['2025-11-01', '2025-12-01', '2026-01-01', '2026-02-01']);
  });

  it('refuses more buckets than a chart can hold', () => {
    expect(bucketStarts('2000-01-01', '2010-01-01', 'day')).toHaveLength(3653);
    expect(() => bucketStarts('2000-01-01', '2026-01-01', 'day')).toThrow(`more than ${MAX_BUCKETS} days`);
  });
});

describe('trendPoints', () => {
  it('fills every bucket, zeros included, and keeps unmapped actions apart', () => {
    const points = trendPoints(
      ['2026-04-01', '2026-04-02'],
      ['awareness', 'adoption'],
      [
        { period: '2026-04-01', stageKey: 'awareness', n: 3 },
        { period: '2026-04-01', stageKey: null, n: 2 },
        { period: '2026-04-01', stageKey: 'gone', n: 1 },
      ],
    );
    expect(points).toEqual([
      { period: '2026-04-01', byStage: { awareness: 3, adoption: 0 }, unmapped: 3 },
      { period: '2026-04-02', byStage: { awareness: 0, adoption: 0 }, unmapped: 0 },
    ]);
  });
});

describe('topCampaigns', () => {
  const row = (campaign: string, currency: string, cost: number, conversions: number): CampaignRoi => ({
    campaignId: campaign,
    campaign,
    currencyReporting: currency,
    costReporting: cost,
    costByCurrency: { [currency]: cost },
    missingRates: [],
    actions: conversions,
    conversions,
    costPerConversion: conversions > 0 ? cost / conversions : null,
    roiPerCost: cost > 0 ? conversions / cost : null,
    roiPercent: null,
  });

  it('keeps campaigns with cost and conversions, cheapest per conversion first, at most five', () => {
    const rows = [
      row('A', 'JPY', 1000, 2),
      row('B', 'JPY', 300, 1),
      row('C', 'JPY', 100, 0),
      row('D', 'JPY', 500, 1),
      row('E', 'JPY', 0, 1),
      row('F', 'JPY', 900, 1),
      row('G', 'JPY', 700, 1),
      row('H', 'JPY', 800, 1),
    ];
    expect(topCampaigns(rows).map((r) => r.campaign)).toEqual(['B', 'A', 'D', 'G', 'H']);
  });

  it('ranks in the reporting currency and leaves out a campaign whose cost needs a missing rate', () => {
    const rows = [row('Known', 'JPY', 5000, 1), { ...row('Missing', 'JPY', 10, 1), costReporting: null, costPerConversion: null }];
    expect(topCampaigns(rows).map((r) => r.campaign)).toEqual(['Known']);
  });
});
