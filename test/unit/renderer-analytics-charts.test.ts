import { describe, expect, it } from 'vitest';
import type { FunnelReport, TrendReport } from '../../src-shared/contract/analytics';
import type { CampaignDetail } from '../../src-shared/contract/campaigns';
import {
  anonymousStageKey,
  campaignTimeTable,
  costTable,
  costsByCurrency,
  funnelBars,
  funnelStepLabel,
  funnelTable,
  type FunnelBar,
  hasValues,
  trendShape,
} from '../../src-renderer/src/analytics/chart-data';
import { exportFileStem, tableToCsv } from '../../src-renderer/src/analytics/csv';
import { createAnalyticsFormat } from '../../src-renderer/src/analytics/format';
import { formatCell } from '../../src-renderer/src/components/charts/cells';

const label = (s: { key: string; title: string }) => s.title.toUpperCase();
const stages = [
  { key: 'engagement', title: 'Engagement', order: 2 },
  { key: 'awareness', title: 'Awareness', order: 1 },
  { key: 'adoption', title: 'Adoption', order: 3 },
];

function shares(conversionFromPrevious: number | null, conversionFromFirst: number | null, droppedOff: number | null) {
  return { conversionFromPrevious, conversionFromFirst, droppedOff };
}

const funnel: FunnelReport = {
  from: '2025-01-01',
  to: '2025-02-01',
  anonymous: 7,
  stages: [
    { ...shares(0.5, 0.2, null), key: 'adoption', title: 'Adoption', order: 3, reached: 2, atOrBeyond: 2 },
    { ...shares(null, 1, 6), key: 'awareness', title: 'Awareness', order: 1, reached: 9, atOrBeyond: 10 },
    { ...shares(0.4, 0.4, 2), key: 'engagement', title: 'Engagement', order: 2, reached: 3, atOrBeyond: 4 },
  ],
};

const tableLabels = {
  stage: 'Stage',
  reached: 'R',
  atOrBeyond: 'A',
  conversion: 'C',
  fromFirst: 'F',
  droppedOff: 'D',
  previous: 'P',
  anonymous: 'Anon',
};

describe('funnel shaping', () => {
  it('puts the previous period beside each stage, by key', () => {
    const previous = { from: '2024-12-01', to: '2025-01-01', anonymous: 0, stages: [{ ...funnel.stages[1]!, atOrBeyond: 12 }] };
    const compared = { ...funnel, previous };
    expect(funnelBars(compared, label).map((b) => b.previous)).toEqual([12, null, null]);
    const table = funnelTable(compared, label, tableLabels);
    expect(table.columns.map((c) => c.key)).toContain('previous');
    expect(table.rows.map((r) => r.previous)).toEqual([12, null, null]);
  });

  it('labels each step with its count and step %', () => {
    const bars = funnelBars(funnel, label);
    const step = (bar: FunnelBar) => funnelStepLabel(bar, String, (r) => `${Math.round(r * 100)}%`);
    expect(bars.map(step)).toEqual(['10', '4 · 40%', '2 · 50%']);
  });

  it('puts stages in funnel order whatever order they arrive in', () => {
    expect(funnelBars(funnel, label).map((b) => [b.key, b.label, b.atOrBeyond, b.reached])).toEqual([
      ['awareness', 'AWARENESS', 10, 9],
      ['engagement', 'ENGAGEMENT', 4, 3],
      ['adoption', 'ADOPTION', 2, 2],
    ]);
  });

  it('reports anonymous activity beside awareness only', () => {
    const table = funnelTable(funnel, label, tableLabels);
    expect(table.rows.map((r) => r.anonymous)).toEqual([7, null, null]);
    expect(table.rows.map((r) => r.conversion)).toEqual([null, 0.4, 0.5]);
    expect(table.rows.map((r) => r.fromFirst)).toEqual([1, 0.4, 0.2]);
    expect(table.rows.map((r) => r.droppedOff)).toEqual([6, 2, null]);
    // Not compared: no previous-period column.
    expect(table.columns.map((c) => c.key)).not.toContain('previous');
    expect(
      anonymousStageKey([
        { key: 'discover', title: 'D', order: 2 },
        { key: 'hear', title: 'H', order: 1 },
      ]),
    ).toBe('hear');
  });
});

describe('trendShape', () => {
  const trend: TrendReport = {
    bucket: 'week',
    stages,
    points: [
      { period: '2025-01-06', byStage: { awareness: 5, engagement: 2 }, unmapped: 0 },
      { period: '2025-01-13', byStage: { adoption: 1 }, unmapped: 3 },
      { period: '2025-01-20', byStage: {}, unmapped: 0 },
    ],
  };

  it('stacks by stage in funnel order, missing stages as 0, with totals', () => {
    const shape = trendShape(trend, label, { period: 'Week', unmapped: 'Unmapped', total: 'Total' });
    expect(shape.series.map((s) => [s.dataKey, s.stageKey])).toEqual([
      ['s0', 'awareness'],
      ['s1', 'engagement'],
      ['s2', 'adoption'],
      ['unmapped', null],
    ]);
    expect(shape.rows).toEqual([
      { period: '2025-01-06', s0: 5, s1: 2, s2: 0, unmapped: 0, total: 7 },
      { period: '2025-01-13', s0: 0, s1: 0, s2: 1, unmapped: 3, total: 4 },
      { period: '2025-01-20', s0: 0, s1: 0, s2: 0, unmapped: 0, total: 0 },
    ]);
    expect(shape.total).toBe(11);
    expect(shape.table.columns.map((c) => c.label)).toEqual(['Week', 'AWARENESS', 'ENGAGEMENT', 'ADOPTION', 'Unmapped', 'Total']);
  });

  it('leaves out the unmapped series when there is none', () => {
    const shape = trendShape({ ...trend, points: trend.points.map((p) => ({ ...p, unmapped: 0 })) }, label, {
      period: 'Week',
      unmapped: 'Unmapped',
      total: 'Total',
    });
    expect(shape.series.some((s) => s.stageKey === null)).toBe(false);
  });
});

describe('campaign shaping', () => {
  const costByCategory: CampaignDetail['costByCategory'] = [
    { category: 'venue', currency: 'JPY', amount: 159000 },
    { category: 'ads', currency: 'USD', amount: 1200.5 },
    { category: 'food', currency: 'JPY', amount: 87000 },
    { category: 'swag', currency: 'JPY', amount: 200000 },
  ];

  it('groups costs per currency, never adding two currencies, largest first', () => {
    const groups = costsByCurrency(costByCategory);
    expect(groups.map((g) => [g.currency, g.total, g.rows.map((r) => r.category)])).toEqual([
      ['JPY', 446000, ['swag', 'venue', 'food']],
      ['USD', 1200.5, ['ads']],
    ]);
    expect(costTable(groups[1]!, { category: 'Category', amount: 'Amount' }).rows).toEqual([
      { category: 'ads', amount: 1200.5, currency: 'USD' },
    ]);
  });

  it('tabulates attributed activities and conversions per bucket', () => {
    const table = campaignTimeTable(
      [
        { period: '2025-01-01', actions: 2.5, conversions: 0.5 },
        { period: '2025-02-01', actions: 0, conversions: 0 },
      ],
      { period: 'Month', actions: 'Actions', conversions: 'Conversions' },
    );
    expect(table.rows[0]).toEqual({ period: '2025-01-01', actions: 2.5, conversions: 0.5 });
    expect(hasValues(table.rows, ['actions', 'conversions'])).toBe(true);
    expect(hasValues(table.rows.slice(1), ['actions', 'conversions'])).toBe(false);
  });
});

describe('chart CSV', () => {
  it('writes raw numbers, empty cells for nulls, CRLF and a BOM, formulas defused', () => {
    const table = funnelTable(
      { ...funnel, stages: [{ key: 'awareness', title: '=cmd|calc', order: 1, reached: 1, atOrBeyond: 1, ...shares(null, 1, null) }] },
      (s) => s.title,
      { ...tableLabels, reached: 'Reached', atOrBeyond: 'At or beyond', conversion: 'Conversion', anonymous: '@anon' },
    );
    expect(tableToCsv(table)).toBe("\uFEFFStage,At or beyond,Reached,Conversion,F,D,'@anon\r\n'=cmd|calc,1,1,,1,,7\r\n");
  });

  it('keeps negative numbers numeric (only text is defused)', () => {
    const csv = tableToCsv({ columns: [{ key: 'roi', label: 'ROI %', kind: 'percentValue' }], rows: [{ roi: -12.5 }, { roi: '-12.5' }] });
    expect(csv.split('\r\n').slice(1, 3)).toEqual(['-12.5', "'-12.5"]);
  });

  it('names files safely, with the period', () => {
    expect(exportFileStem('Funnel: Tokyo Meetup 2024/05', { from: '2025-01-01', to: '2025-02-01' })).toBe(
      'funnel-tokyo-meetup-2024-05-2025-01-01-2025-02-01',
    );
    expect(exportFileStem('Webinar: はじめての Hikari API')).toBe('webinar-はじめての-hikari-api');
    expect(exportFileStem('???')).toBe('chart');
  });
});

describe('formatting', () => {
  const en = createAnalyticsFormat('en-US');
  const ja = createAnalyticsFormat('ja');

  it('formats money with each currency’s own digits (JPY none)', () => {
    expect(en.money(12345.678, 'JPY')).toBe('¥12,346');
    expect(en.money(1234.5, 'USD')).toBe('$1,234.50');
    expect(ja.money(460000, 'JPY')).toBe('￥460,000');
    expect(en.money(5, 'XX1')).toBe('5 XX1');
  });

  it('formats shares, ROI percentages, weights and small ratios', () => {
    expect(en.share(2 / 3)).toBe('66.7%');
    expect(en.percentValue(-12.5)).toBe('-12.5%');
    expect(en.weight(3.3333)).toBe('3.33');
    expect(en.ratio(0.0000217391)).toBe('0.0000217');
  });

  it('formats calendar days without shifting them by a zone', () => {
    expect(en.day('2025-03-01')).toBe('Mar 1, 2025');
    expect(ja.day('2025-03-01')).toBe('2025/03/01');
    // ICU puts thin spaces around the dash; compare the words.
    expect(en.period({ from: '2025-03-01', to: '2025-04-01' }).replace(/\s/g, ' ')).toBe('Mar 1 – 31, 2025');
    expect(en.bucket('2025-03-01', 'month')).toBe('Mar 2025');
    expect(en.bucket('2025-03-03', 'week')).toBe('Mar 3');
  });

  it('formats table cells by column kind, a dash for a missing value', () => {
    const row = { c: 'JPY', money: 1000, share: null, day: '2025-03-01' };
    expect(formatCell({ key: 'money', label: '', kind: 'money', currencyKey: 'c' }, row, en)).toBe('¥1,000');
    expect(formatCell({ key: 'share', label: '', kind: 'share' }, row, en)).toBe('—');
    expect(formatCell({ key: 'day', label: '', kind: 'day' }, row, en)).toBe('Mar 1, 2025');
  });
});
