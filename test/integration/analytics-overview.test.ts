/**
 * The overview (issue 5) on the hand-computed dataset of
 * test/helpers/funnel-data.ts: developers with consent, active developers
 * (unmapped actions count as activity), activities and spend of the period
 * (currencies apart), the funnel and trend it embeds, and the top campaigns
 * by cost per conversion.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCoreOnTestDatabase } from '../helpers/database';
import { APRIL, loadFunnelData, stageNumbers } from '../helpers/funnel-data';
import { call, callError } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const t = useCoreOnTestDatabase();
const dir = makeTempDir('analytics-overview');

beforeAll(() => loadFunnelData(t.core, dir.path));
afterAll(() => dir.remove());

describe('analytics:get-overview', () => {
  it('answers a period without activity with zeros', async () => {
    const empty = await call(t.core, 'analytics:get-overview', { from: '2027-05-01', to: '2027-06-01', bucket: 'month' });
    expect(empty).toMatchObject({
      activeDevelopers: 0,
      activities: 0,
      spend: { currency: 'JPY', total: 0, byCurrency: [], missingRates: [] },
      topCampaigns: [],
    });
    expect(empty.funnel.stages.every((s) => s.atOrBeyond === 0)).toBe(true);
    expect(empty.trend.points).toEqual([
      { period: '2027-05-01', byStage: { awareness: 0, engagement: 0, adoption: 0, advocacy: 0 }, unmapped: 0 },
    ]);
  });

  it('sums the period: developers, active developers, activities, spend, funnel, trend, top campaigns', async () => {
    const o = await call(t.core, 'analytics:get-overview', { ...APRIL, bucket: 'week' });
    expect(o.from).toBe(APRIL.from);
    expect(o.to).toBe(APRIL.to);
    // Ann, Ben, Cy, Dee, Eve, Gus, Hal; Fay has no analytics consent.
    expect(o.developers).toBe(7);
    // Active in [04-01, 05-01): all but Dee (03-31 and 05-01 in Tokyo); Hal's only action is unmapped.
    expect(o.activeDevelopers).toBe(6);
    // Ann 3, Ben 1, Cy 1, Eve 2, Gus 2, Hal 1, and three anonymous.
    expect(o.activities).toBe(13);
    // Spring's 5000 JPY of 05-01 and Summer's of 03-31 are outside; without a USD rate for April, no total.
    expect(o.spend).toEqual({
      currency: 'JPY',
      total: null,
      byCurrency: [
        { currency: 'JPY', amount: 100000 },
        { currency: 'USD', amount: 200 },
      ],
      missingRates: [{ currency: 'USD', month: '2026-04' }],
    });
    expect(o.funnel).toEqual(await call(t.core, 'analytics:get-funnel', APRIL));
    expect(stageNumbers(o.funnel).map((s) => s[2])).toEqual([5, 3, 3, 1]);
    expect(o.trend).toEqual(await call(t.core, 'analytics:get-trend', { ...APRIL, bucket: 'week' }));
    // Spring's cost is not known without the rate: no campaign to rank (Summer has no conversion).
    expect(o.topCampaigns).toEqual([]);
  });

  it('adds the currencies once the rate is there: the total and the top campaigns in the reporting currency', async () => {
    await call(t.core, 'rates:set', { currency: 'USD', month: '2026-04', rate: 150 });
    try {
      const o = await call(t.core, 'analytics:get-overview', { ...APRIL, bucket: 'week' });
      // 100000 JPY + 200 USD × 150.
      expect(o.spend).toMatchObject({ currency: 'JPY', total: 130000, missingRates: [] });
      expect(o.spend.byCurrency).toHaveLength(2);
      // Spring's one conversion (Ann's signup, by multi-touch) for all of its cost.
      expect(o.topCampaigns.map((r) => [r.campaign, r.costReporting, r.costByCurrency, r.conversions, r.costPerConversion])).toEqual([
        ['Spring', 130000, { JPY: 100000, USD: 200 }, 1, 130000],
      ]);
    } finally {
      await call(t.core, 'rates:delete', { currency: 'USD', month: '2026-04' });
    }
  });

  it('counts active developers over the 30 days up to the end of the period', async () => {
    // [04-12, 05-12): Ann (04-20), Dee (05-01), Eve (04-15), Hal (04-12, cancel); not Ben, Cy, Gus.
    const o = await call(t.core, 'analytics:get-overview', { from: '2026-05-01', to: '2026-05-12' });
    expect(o.activeDevelopers).toBe(4);
    expect(o.activities).toBe(2); // Dee's attend and anon-1's click
    expect(o.spend).toEqual({ currency: 'JPY', total: 5000, byCurrency: [{ currency: 'JPY', amount: 5000 }], missingRates: [] });
    expect(o.trend.bucket).toBe('day');
    expect(o.trend.points).toHaveLength(11);
  });

  it('refuses an empty period', async () => {
    expect((await callError(t.core, 'analytics:get-overview', { from: APRIL.to, to: APRIL.from })).code).toBe('BAD_INPUT');
  });
});
