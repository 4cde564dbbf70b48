/** The breakdowns' address parameter and tables (src-renderer/src/analytics/breakdown.ts). */
import { describe, expect, it } from 'vitest';
import type { FunnelBreakdown } from '../../src-shared/contract/analytics';
import type { RoiBreakdown } from '../../src-shared/contract/campaigns';
import {
  funnelBreakdownBars,
  funnelBreakdownTable,
  readBreakdown,
  roiBreakdownBars,
  roiBreakdownTable,
} from '../../src-renderer/src/analytics/breakdown';

const stage = (key: string, order: number, atOrBeyond: number, conversionFromFirst: number | null) => ({
  key,
  title: key,
  order,
  reached: atOrBeyond,
  atOrBeyond,
  conversionFromPrevious: null,
  conversionFromFirst,
  droppedOff: null,
});

const funnel: FunnelBreakdown = {
  from: '2026-01-01',
  to: '2026-02-01',
  by: 'utm_source',
  developers: 5,
  rows: [
    { value: null, stages: [stage('adoption', 2, 1, 0.25), stage('awareness', 1, 4, 1)] },
    { value: 'x', stages: [stage('awareness', 1, 2, 1), stage('adoption', 2, 0, 0)] },
  ],
};

const roi = (by: RoiBreakdown['by']): RoiBreakdown => ({
  from: null,
  to: null,
  by,
  model: 'linear',
  lookbackDays: 30,
  conversionStage: 'adoption',
  currencyReporting: 'JPY',
  rows: [
    {
      value: 'ads',
      campaigns: 2,
      costReporting: 1000,
      missingRates: [],
      actions: 4,
      conversions: 2,
      costPerConversion: 500,
      roiPercent: null,
    },
    {
      value: null,
      campaigns: 1,
      costReporting: 0,
      missingRates: [],
      actions: 1,
      conversions: 0,
      costPerConversion: null,
      roiPercent: null,
    },
  ],
});

const ROI_LABELS = {
  value: 'Channel',
  none: '(none)',
  campaigns: 'Campaigns',
  cost: 'Cost',
  actions: 'Actions',
  conversions: 'Conversions',
  costPerConversion: 'Cost per conversion',
  roiPercent: 'ROI %',
};

describe('breakdown view', () => {
  it('reads only the four dimensions from the address', () => {
    expect(readBreakdown(new URLSearchParams('by=utm_medium'))).toBe('utm_medium');
    expect(readBreakdown(new URLSearchParams('by=country'))).toBeNull();
    expect(readBreakdown(new URLSearchParams(''))).toBeNull();
  });

  it('tables the funnel per value in stage order, "(none)" named', () => {
    const table = funnelBreakdownTable(funnel, {
      value: 'UTM source',
      none: '(none)',
      stage: (s) => s.title.toUpperCase(),
      conversion: 'First → last',
    });
    expect(table.columns.map((c) => c.label)).toEqual(['UTM source', 'AWARENESS', 'ADOPTION', 'First → last']);
    expect(table.rows).toEqual([
      { value: '(none)', 'stage:awareness': 4, 'stage:adoption': 1, conversion: 0.25 },
      { value: 'x', 'stage:awareness': 2, 'stage:adoption': 0, conversion: 0 },
    ]);
    expect(funnelBreakdownBars(funnel, '(none)')).toEqual([
      { label: '(none)', value: 4 },
      { label: 'x', value: 2 },
    ]);
  });

  it('shows cost only by channel', () => {
    const byChannel = roiBreakdownTable(roi('channel'), ROI_LABELS);
    expect(byChannel.columns.map((c) => c.key)).toEqual([
      'value',
      'campaigns',
      'cost',
      'actions',
      'conversions',
      'costPerConversion',
      'roiPercent',
    ]);
    expect(byChannel.rows[1]).toMatchObject({ value: '(none)', cost: 0, currency: 'JPY' });
    const bySource = roiBreakdownTable(roi('utm_source'), { ...ROI_LABELS, value: 'UTM source' });
    expect(bySource.columns.map((c) => c.key)).toEqual(['value', 'actions', 'conversions']);
    expect(roiBreakdownBars(roi('channel'), '(none)')).toEqual([
      { label: 'ads', value: 2 },
      { label: '(none)', value: 0 },
    ]);
  });
});
