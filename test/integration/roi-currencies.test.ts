/**
 * One ROI in the reporting currency (issue 11, section 1), on the
 * hand-computed dataset of test/helpers/campaign-data.ts (all time, linear,
 * 30 days): A has 10000 JPY (2026-01) and 50 USD (2026-02), 6 actions and 1
 * conversion; B 3000 JPY and 2.5 conversions; C no budgets; D 1000 JPY and
 * no conversion. Each budget entry converts at its spent_at month's rate; a
 * missing rate gives no figure, and names the rate; campaign_stats,
 * the campaign list's plan vs spent and the rates themselves follow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CampaignRoi } from '../../src-shared/contract/campaigns';
import { loadCampaignData } from '../helpers/campaign-data';
import { useCoreOnTestDatabase } from '../helpers/database';
import { queryRows } from '../helpers/imports';
import { call, callError } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('roi-currencies');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

beforeAll(async () => {
  await loadCampaignData(db.core, dir.path);
  await call(db.core, 'settings:update', { valuePerConversion: 5000 });
});

const roi = async (): Promise<Record<string, CampaignRoi>> =>
  Object.fromEntries((await call(db.core, 'campaigns:get-roi', {})).campaigns.map((c) => [c.campaign, c]));

const stats = async () =>
  Object.fromEntries(
    (
      await queryRows<{ name: string; cost_total: string; roi_per_cost: string | null }>(
        db.url,
        `select c.name, s.cost_total::text, s.roi_per_cost::text from campaign_stats s join campaigns c using (campaign_id) order by c.name`,
      )
    ).map((r) => [r.name, [Number(r.cost_total), r.roi_per_cost === null ? null : Number(r.roi_per_cost)]]),
  );

describe('ROI in the reporting currency', () => {
  it('gives no figure for a campaign whose cost needs a missing rate, and names the rate', async () => {
    const r = await roi();
    expect(r.A).toMatchObject({
      currencyReporting: 'JPY',
      costReporting: null,
      costByCurrency: { JPY: 10000, USD: 50 },
      missingRates: [{ currency: 'USD', month: '2026-02' }],
      actions: 6,
      conversions: 1,
      costPerConversion: null,
      roiPerCost: null,
      roiPercent: null,
    });
    // B is all in JPY: (5000 × 2.5 − 3000) / 3000 × 100.
    expect(r.B).toMatchObject({ costReporting: 3000, costPerConversion: 1200, missingRates: [] });
    expect(r.B!.roiPercent).toBeCloseTo(316.6667, 4);
    expect(r.C).toMatchObject({ costReporting: 0, costByCurrency: {}, costPerConversion: 0, roiPerCost: null, roiPercent: null });
    expect(r.D).toMatchObject({ costReporting: 1000, conversions: 0, roiPercent: -100 });
    // campaign_stats: what converts, and no ratio from part of a cost.
    expect((await stats()).A).toEqual([10000, null]);
  });

  it('converts each entry at its month’s rate: a rate for another month does not do', async () => {
    await call(db.core, 'rates:set', { currency: 'USD', month: '2026-01', rate: 140 });
    expect((await roi()).A!.missingRates).toEqual([{ currency: 'USD', month: '2026-02' }]);
    await call(db.core, 'rates:delete', { currency: 'USD', month: '2026-01' });
  });

  it('adds every currency once the rate is there: 10000 JPY + 50 USD × 150 = 17500 JPY', async () => {
    await call(db.core, 'rates:set', { currency: 'USD', month: '2026-02', rate: 150 });
    const a = (await roi()).A!;
    expect(a).toMatchObject({ costReporting: 17500, costByCurrency: { JPY: 10000, USD: 50 }, missingRates: [], costPerConversion: 17500 });
    expect(a.roiPerCost).toBeCloseTo(1 / 17500, 12);
    // (5000 × 1 − 17500) / 17500 × 100
    expect(a.roiPercent).toBeCloseTo(-71.428571, 5);
    const s = await stats();
    expect(s.A![0]).toBe(17500);
    expect(s.A![1]).toBeCloseTo(1 / 17500, 12);
  });

  it('recomputes ROI and campaign_stats when a rate changes (160: 18000 JPY)', async () => {
    await call(db.core, 'rates:set', { currency: 'USD', month: '2026-02', rate: 160 });
    const a = (await roi()).A!;
    expect(a.costReporting).toBe(18000);
    expect(a.roiPercent).toBeCloseTo(((5000 - 18000) / 18000) * 100, 8);
    expect((await stats()).A![0]).toBe(18000);
  });

  it('keeps the per-currency rows, with ROI % only on a row that is all of its campaign’s cost', async () => {
    const rows = (await call(db.core, 'campaigns:get-roi', {})).rows;
    const pct = Object.fromEntries(rows.map((r) => [`${r.campaign}/${r.currency}`, [r.cost, r.roiPercent]]));
    expect(pct['A/JPY']).toEqual([10000, null]);
    expect(pct['A/USD']).toEqual([50, null]);
    expect(pct['B/JPY']![1]).toBeCloseTo(316.6667, 4);
  });

  it('changes nothing on `stats rebuild`', async () => {
    const before = await queryRows(
      db.url,
      'select campaign_id, actions_total, conversions, cost_total, roi_per_cost from campaign_stats order by 1',
    );
    const roiBefore = await call(db.core, 'campaigns:get-roi', {});
    await call(db.core, 'stats:rebuild', {});
    expect(
      await queryRows(db.url, 'select campaign_id, actions_total, conversions, cost_total, roi_per_cost from campaign_stats order by 1'),
    ).toEqual(before);
    expect(await call(db.core, 'campaigns:get-roi', {})).toEqual(roiBefore);
  });

  it('flags a campaign over its plan, in the reporting currency, even when a rate is missing', async () => {
    const a = () => call(db.core, 'campaigns:list', {}).then((list) => list.find((c) => c.name === 'A')!);
    const id = (await a()).campaignId;
    await call(db.core, 'campaigns:update', { campaignId: id, budgetTotal: 17999 });
    expect(await a()).toMatchObject({ reportingCurrency: 'JPY', spent: 18000, budgetTotal: 17999, overBudget: true, missingRates: [] });
    await call(db.core, 'campaigns:update', { campaignId: id, budgetTotal: 18000 });
    expect((await a()).overBudget).toBe(false);
    await call(db.core, 'rates:delete', { currency: 'USD', month: '2026-02' });
    expect(await a()).toMatchObject({ spent: null, overBudget: false, missingRates: [{ currency: 'USD', month: '2026-02' }] });
    // Its JPY alone (10000) is past a plan of 9000, whatever the USD rate.
    await call(db.core, 'campaigns:update', { campaignId: id, budgetTotal: 9000 });
    expect((await a()).overBudget).toBe(true);
    expect((await call(db.core, 'campaigns:get', { campaignId: id, bucket: 'month' })).campaign.overBudget).toBe(true);
    await call(db.core, 'campaigns:update', { campaignId: id, budgetTotal: null });
    await call(db.core, 'rates:set', { currency: 'USD', month: '2026-02', rate: 160 });
  });

  it('keeps rates per reporting currency: switching to USD needs JPY rates, and switching back finds the USD ones', async () => {
    await call(db.core, 'settings:update', { valueCurrency: 'USD' });
    try {
      expect(await call(db.core, 'rates:list', {})).toEqual({ reportingCurrency: 'USD', rates: [] });
      const r = await roi();
      expect(r.A).toMatchObject({ currencyReporting: 'USD', costReporting: null, missingRates: [{ currency: 'JPY', month: '2026-01' }] });
      expect(r.C).toMatchObject({ costReporting: 0, missingRates: [] });
      // campaign_stats is restated in USD at once: C's 0, D's 1000 JPY without a rate.
      expect((await stats()).D).toEqual([0, null]);
      await call(db.core, 'rates:set', { currency: 'JPY', month: '2026-01', rate: 0.0065 });
      // 10000 JPY × 0.0065 + 50 USD
      expect((await roi()).A!.costReporting).toBeCloseTo(115, 8);
    } finally {
      await call(db.core, 'settings:update', { valueCurrency: 'JPY' });
    }
    expect(await call(db.core, 'rates:list', {})).toEqual({
      reportingCurrency: 'JPY',
      rates: [{ currency: 'USD', month: '2026-02', rate: 160 }],
    });
    expect((await stats()).A![0]).toBe(18000);
  });
});

describe('rates', () => {
  it('refuses a rate for the reporting currency, a bad month and a rate of 0, saying why', async () => {
    expect(await callError(db.core, 'rates:set', { currency: 'JPY', month: '2026-04', rate: 1 })).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('JPY is the reporting currency'),
    });
    expect(await callError(db.core, 'rates:set', { currency: 'USD', month: '2026-13', rate: 1 })).toMatchObject({ code: 'BAD_INPUT' });
    expect(await callError(db.core, 'rates:set', { currency: 'USD', month: '2026-04', rate: 0 })).toMatchObject({ code: 'BAD_INPUT' });
    expect(await callError(db.core, 'rates:delete', { currency: 'EUR', month: '2026-04' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('imports a currency,month,rate CSV whole, or not at all when a line is wrong', async () => {
    const bad = await callError(db.core, 'rates:import', { csv: 'currency,month,rate\nEUR,2026-03,160\nEUR,2026-3,161\n' });
    expect(bad).toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('line 3') });
    expect((await call(db.core, 'rates:list', {})).rates.map((r) => r.currency)).toEqual(['USD']);
    const done = await call(db.core, 'rates:import', { csv: '\uFEFFMonth,Currency,Rate\n2026-03,eur,"1,160.5"\n2026-02,USD,155\n' });
    expect(done).toEqual({ imported: 2, reportingCurrency: 'JPY' });
    expect((await call(db.core, 'rates:list', {})).rates).toEqual([
      { currency: 'EUR', month: '2026-03', rate: 1160.5 },
      { currency: 'USD', month: '2026-02', rate: 155 },
    ]);
    expect((await roi()).A!.costReporting).toBe(10000 + 50 * 155);
    expect(await callError(db.core, 'rates:import', { csv: 'currency,rate\nUSD,1\n' })).toMatchObject({
      message: expect.stringContaining('missing: month'),
    });
  });
});
