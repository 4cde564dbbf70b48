import { describe, expect, it } from 'vitest';
import type { Campaign, CampaignRoi, RoiReport } from '../../src-shared/contract/campaigns';
import {
  campaignListRows,
  campaignListTable,
  listTotals,
  roiBars,
  roiTicks,
  sortRows,
  type ListLabels,
} from '../../src-renderer/src/pages/campaigns/campaign-list-view';

const roi = (campaign: string, cost: number | null, conversions: number, roiPercent: number | null): CampaignRoi => ({
  campaignId: campaign,
  campaign,
  currencyReporting: 'JPY',
  costReporting: cost,
  costByCurrency: cost === null ? { JPY: 1000, USD: 5 } : { JPY: cost },
  missingRates: cost === null ? [{ currency: 'USD', month: '2026-04' }] : [],
  actions: conversions * 2,
  conversions,
  costPerConversion: cost !== null && conversions > 0 ? cost / conversions : null,
  roiPerCost: cost !== null && cost > 0 ? conversions / cost : null,
  roiPercent,
});

const campaign = (name: string, channel: string | null, budgetTotal: number | null, spent: number | null): Campaign => ({
  campaignId: name,
  name,
  channel,
  utmCampaign: null,
  startDate: '2026-04-01',
  endDate: null,
  budgetTotal,
  costs: [],
  reportingCurrency: 'JPY',
  spent,
  missingRates: spent === null ? [{ currency: 'USD', month: '2026-03' }] : [],
  overBudget: budgetTotal !== null && spent !== null && spent > budgetTotal,
  actions: 0,
  conversions: 0,
  createdAt: '',
  updatedAt: '',
});

const report = (campaigns: CampaignRoi[]): RoiReport => ({
  from: null,
  to: null,
  model: 'linear',
  lookbackDays: 30,
  conversionStage: 'adoption',
  currencyReporting: 'JPY',
  valuePerConversion: 10000,
  campaigns,
  rows: [],
});

// Webinar: 40000 JPY for 8 conversions (+100 %); Meetup: 30000 JPY for 1 (−66.7 %); Ads: a USD rate missing.
const rows = campaignListRows(report([roi('Webinar', 40000, 8, 100), roi('Meetup', 30000, 1, -66.67), roi('Ads', null, 2, null)]), [
  campaign('Webinar', 'webinar', 50000, 40000),
  campaign('Meetup', 'event', 20000, 30000),
  campaign('Ads', null, null, null),
]);

const labels: ListLabels = {
  campaign: 'Campaign',
  channel: 'Channel',
  startDate: 'Start',
  endDate: 'End',
  budgetTotal: 'Plan',
  spent: 'Spent',
  cost: 'Cost',
  actions: 'Actions',
  conversions: 'Conversions',
  costPerConversion: 'Cost per conversion',
  roiPercent: 'ROI %',
  missingRates: 'Missing rates',
};

describe('the campaign list', () => {
  it('joins each campaign’s plan vs spent, with the over-budget flag, to its ROI', () => {
    expect(rows.map((r) => [r.campaign, r.channel, r.budgetTotal, r.spent, r.overBudget])).toEqual([
      ['Webinar', 'webinar', 50000, 40000, false],
      ['Meetup', 'event', 20000, 30000, true],
      ['Ads', null, null, null, false],
    ]);
  });

  it('sorts by any column, empty values last either way', () => {
    expect(sortRows(rows, 'costReporting', 'desc').map((r) => r.campaign)).toEqual(['Webinar', 'Meetup', 'Ads']);
    expect(sortRows(rows, 'costReporting', 'asc').map((r) => r.campaign)).toEqual(['Meetup', 'Webinar', 'Ads']);
    expect(sortRows(rows, 'channel', 'asc').map((r) => r.campaign)).toEqual(['Meetup', 'Webinar', 'Ads']);
    expect(sortRows(rows, 'campaign', 'desc').map((r) => r.campaign)).toEqual(['Webinar', 'Meetup', 'Ads']);
  });

  it('totals only what is known: no cost total while a rate is missing', () => {
    expect(listTotals(rows, 10000)).toEqual({
      budgetTotal: 70000,
      spent: null,
      costReporting: null,
      actions: 22,
      conversions: 11,
      costPerConversion: null,
      roiPercent: null,
    });
    // Without Ads: 70000 JPY for 9 conversions; (10000 × 9 − 70000) / 70000 × 100.
    const known = listTotals(rows.slice(0, 2), 10000);
    expect(known).toMatchObject({ spent: 70000, costReporting: 70000, conversions: 9, costPerConversion: 70000 / 9 });
    expect(known.roiPercent).toBeCloseTo(28.5714, 4);
  });

  it('draws ROI % highest first, leaving out campaigns without one', () => {
    expect(roiBars(rows).map((b) => [b.campaign, b.roiPercent])).toEqual([
      ['Webinar', 100],
      ['Meetup', -66.67],
    ]);
  });

  it('puts round ticks on the ROI axis, zero among them', () => {
    expect(roiTicks([-92.8, 92.1])).toEqual([-100, -50, 0, 50, 100]);
    expect(roiTicks([-92.8, -45])).toEqual([-100, -80, -60, -40, -20, 0]);
    expect(roiTicks([12])).toEqual([0, 2.5, 5, 7.5, 10, 12.5]);
    expect(roiTicks([])).toEqual([0]);
  });

  it('shows cost per conversion, not conversions per unit of cost (defect 11: 0.00000121 said nothing)', () => {
    const table = campaignListTable(rows, 'JPY', labels);
    const keys = table.columns.map((c) => c.key);
    expect(keys).not.toContain('roiPerCost');
    expect(keys).toContain('costPerConversion');
    expect(table.rows[0]).toMatchObject({ campaign: 'Webinar', cost: 40000, currency: 'JPY', costPerConversion: 5000, roiPercent: 100 });
    expect(table.rows[2]).toMatchObject({ campaign: 'Ads', cost: null, missingRates: 'USD 2026-03 USD 2026-04' });
  });
});
