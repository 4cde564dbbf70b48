import { describe, expect, it } from 'vitest';
import {
  funnelFilterParams,
  hashQuery,
  hashWithQuery,
  linkTo,
  periodParams,
  readBucket,
  readFunnelFilters,
  readPeriod,
  readRoiOptions,
  withParams,
} from '../../src-renderer/src/analytics/url-state';

const today = '2025-03-10';
const CAMPAIGN = '0195a3b4-1c2d-7e8f-9a0b-1c2d3e4f5a6b';
const q = (text: string) => new URLSearchParams(text);

describe('hash query', () => {
  it('reads and writes the part after `?` of a hash route', () => {
    expect(hashQuery('#/funnel?period=last7&source=web').get('source')).toBe('web');
    expect(hashQuery('#/funnel').toString()).toBe('');
    expect(hashWithQuery('#/funnel?old=1', q('period=last7'))).toBe('#/funnel?period=last7');
    expect(hashWithQuery('#/campaigns/abc?x=1', q(''))).toBe('#/campaigns/abc');
    expect(linkTo('#/funnel', { period: 'custom', from: '2025-01-01', to: '2025-02-01', stage: null })).toBe(
      '#/funnel?period=custom&from=2025-01-01&to=2025-02-01',
    );
  });

  it('removes keys set to null or empty', () => {
    expect(withParams(q('a=1&b=2'), { a: null, b: '', c: 3 }).toString()).toBe('c=3');
  });
});

describe('readPeriod', () => {
  it('defaults to the last 30 days', () => {
    expect(readPeriod(q(''), today)).toEqual({ choice: 'last30', period: { from: '2025-02-09', to: '2025-03-11' } });
  });

  it('keeps a preset relative to today', () => {
    expect(readPeriod(q('period=last7'), today).period).toEqual({ from: '2025-03-04', to: '2025-03-11' });
    expect(readPeriod(q('period=last7'), '2025-04-01').period).toEqual({ from: '2025-03-26', to: '2025-04-02' });
  });

  it('reads a custom half-open period and ignores a broken one', () => {
    expect(readPeriod(q('period=custom&from=2024-04-01&to=2025-04-01'), today)).toEqual({
      choice: 'custom',
      period: { from: '2024-04-01', to: '2025-04-01' },
    });
    expect(readPeriod(q('from=2024-04-01&to=2025-04-01'), today).choice).toBe('custom');
    expect(readPeriod(q('period=custom&from=2025-04-01&to=2025-04-01'), today).choice).toBe('last30');
    expect(readPeriod(q('period=custom&from=2025-02-30&to=2025-04-01'), today).choice).toBe('last30');
    expect(readPeriod(q('period=forever'), today).choice).toBe('last30');
  });

  it('allows "all time" only where the page does', () => {
    expect(readPeriod(q('period=all'), today, 'all', true)).toEqual({ choice: 'all', period: null });
    expect(readPeriod(q(''), today, 'all', true)).toEqual({ choice: 'all', period: null });
    expect(readPeriod(q('period=all'), today).choice).toBe('last30');
  });

  it('writes presets by name and custom periods by dates', () => {
    expect(periodParams({ choice: 'last7', period: { from: 'x', to: 'y' } })).toEqual({ period: 'last7', from: null, to: null });
    expect(periodParams({ choice: 'custom', period: { from: '2025-01-01', to: '2025-02-01' } })).toEqual({
      period: 'custom',
      from: '2025-01-01',
      to: '2025-02-01',
    });
    const state = { choice: 'custom' as const, period: { from: '2025-01-01', to: '2025-02-01' } };
    expect(readPeriod(withParams(q(''), periodParams(state)), today)).toEqual(state);
  });
});

describe('readBucket', () => {
  it('takes the address, else what suits the period', () => {
    expect(readBucket(q('bucket=month'), { from: '2025-03-01', to: '2025-03-08' })).toBe('month');
    expect(readBucket(q('bucket=year'), { from: '2025-03-01', to: '2025-03-08' })).toBe('day');
    expect(readBucket(q(''), null, 'month')).toBe('month');
  });
});

describe('funnel filters', () => {
  it('reads campaign, source, stage, mode and page, dropping what the core would refuse', () => {
    expect(readFunnelFilters(q(`campaign=${CAMPAIGN}&source=connpass&stage=adoption&mode=reached&page=2`))).toEqual({
      campaignId: CAMPAIGN,
      source: 'connpass',
      stage: 'adoption',
      mode: 'reached',
      page: 2,
    });
    expect(readFunnelFilters(q('campaign=Tokyo&page=-1&mode=weird&source=%20'))).toEqual({
      campaignId: null,
      source: null,
      stage: null,
      mode: 'atOrBeyond',
      page: 0,
    });
  });

  it('writes only what differs from the defaults', () => {
    expect(funnelFilterParams({ campaignId: null, source: 'web', stage: null, mode: 'atOrBeyond', page: 0 })).toEqual({
      campaign: null,
      source: 'web',
      stage: null,
      mode: null,
      page: null,
    });
  });

  it('keeps the drop-off list in the address', () => {
    const filters = readFunnelFilters(q('stage=engagement&mode=dropOff'));
    expect(filters.mode).toBe('dropOff');
    expect(funnelFilterParams(filters).mode).toBe('dropOff');
  });
});

describe('readRoiOptions', () => {
  it('takes a known model and a lookback of 1–365 days, else the tenant’s settings (null)', () => {
    expect(readRoiOptions(q('model=first&lookback=14'))).toEqual({ model: 'first', lookbackDays: 14 });
    expect(readRoiOptions(q('model=u-shaped&lookback=400'))).toEqual({ model: null, lookbackDays: null });
    expect(readRoiOptions(q('lookback=7.5'))).toEqual({ model: null, lookbackDays: null });
  });
});
