/**
 * Campaigns and budgets through the handlers: create and update with unique
 * names, budgets by form keeping campaign_stats current, the list and a
 * campaign's page (ROI, over time, cost by category, top developers), and
 * delete with undo putting every row back. Dataset: test/helpers/campaign-data.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCampaignData } from '../helpers/campaign-data';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, callError } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('campaigns');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

let ids: Record<string, string>;

beforeAll(async () => {
  await loadCampaignData(db.core, dir.path);
  // A resource linked to campaign B (new resources take the campaign their rows name).
  const file = writeCsv(
    dir.path,
    'meetup.csv',
    'occurred_at,action,source,email,campaign,resource_category,resource_title\n2026-02-20T10:00:00Z,attend,connpass,gina@example.com,B,event,Meetup\n',
  );
  expect(await importFile(db.core, file, { type: 'activities', options: { timezone: 'UTC' } })).toMatchObject({ status: 'succeeded' });
  const rows = await queryRows<{ name: string; id: string }>(db.url, 'select name, campaign_id as id from campaigns');
  ids = Object.fromEntries(rows.map((r) => [r.name, r.id]));
});

const stats = async (campaignId: string) =>
  (
    await queryRows<{ actions_total: string; conversions: string; cost_total: string; roi_per_cost: string | null }>(
      db.url,
      'select actions_total::text, conversions::text, cost_total::text, roi_per_cost::text from campaign_stats where campaign_id = $1',
      [campaignId],
    )
  )[0];

describe('campaigns', () => {
  it('lists campaigns with cost per currency and attributed numbers, and finds them by name', async () => {
    const list = await call(db.core, 'campaigns:list', {});
    expect(list.map((c) => [c.name, c.costs, c.actions, c.conversions])).toEqual([
      [
        'A',
        [
          { currency: 'JPY', amount: 10000 },
          { currency: 'USD', amount: 50 },
        ],
        6,
        1,
      ],
      ['B', [{ currency: 'JPY', amount: 3000 }], 5.5, 2.5],
      ['C', [], 3.5, 0.5],
      ['D', [{ currency: 'JPY', amount: 1000 }], 0, 0],
    ]);
    expect(list.find((c) => c.name === 'D')).toMatchObject({ channel: 'print', startDate: null, budgetTotal: null });
    expect((await call(db.core, 'campaigns:list', { q: 'd' })).map((c) => c.name)).toEqual(['D']);
    // campaign_stats: whole numbers where the spec's columns are bigint; cost in the reporting currency (JPY).
    // A's 50 USD has no rate for 2026-02: its cost holds what converts and it has no ratio (issue 11).
    expect(await stats(ids.A!)).toMatchObject({ actions_total: '6', conversions: '1', cost_total: '10000', roi_per_cost: null });
    expect(Number((await stats(ids.B!))?.roi_per_cost)).toBeCloseTo(2.5 / 3000, 15);
    expect(await stats(ids.C!)).toEqual({ actions_total: '4', conversions: '1', cost_total: '0', roi_per_cost: null });
  });

  it('creates and updates campaigns, refusing a name already used', async () => {
    const created = await call(db.core, 'campaigns:create', {
      name: '春のハンズオン',
      channel: 'event',
      startDate: '2026-04-01',
      endDate: '2026-04-30',
    });
    expect(created).toMatchObject({
      name: '春のハンズオン',
      channel: 'event',
      startDate: '2026-04-01',
      endDate: '2026-04-30',
      costs: [],
      actions: 0,
    });
    ids.spring = created.campaignId;
    expect(await stats(created.campaignId)).toMatchObject({ actions_total: '0', cost_total: '0' });
    const duplicate = await callError(db.core, 'campaigns:create', { name: '春のハンズオン' });
    expect(duplicate).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('春のハンズオン') });
    expect(await callError(db.core, 'campaigns:update', { campaignId: created.campaignId, name: 'A' })).toMatchObject({ code: 'CONFLICT' });
    expect(await callError(db.core, 'campaigns:update', { campaignId: created.campaignId, endDate: '2026-03-01' })).toMatchObject({
      code: 'BAD_INPUT',
    });
    const updated = await call(db.core, 'campaigns:update', { campaignId: created.campaignId, channel: null, budgetTotal: 50000 });
    expect(updated).toMatchObject({ name: '春のハンズオン', channel: null, budgetTotal: 50000, startDate: '2026-04-01' });
    expect(await callError(db.core, 'campaigns:get', { campaignId: '00000000-0000-4000-8000-000000000000' })).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('keeps the utm_campaign typed in the form, and activities imported afterwards with it count for the campaign', async () => {
    const utm = await call(db.core, 'campaigns:create', { name: 'UTM form', utmCampaign: ' Summer_Promo ' });
    expect(utm.utmCampaign).toBe('Summer_Promo');
    const csv = 'occurred_at,action,source,email,utm_campaign\n2026-04-02T00:00:00Z,click,web,utm@example.com,summer_promo\n';
    const job = await importFile(db.core, writeCsv(dir.path, 'utm.csv', csv), { type: 'activities' });
    expect(job.status).toBe('succeeded');
    expect((await call(db.core, 'campaigns:get', { campaignId: utm.campaignId, bucket: 'month' })).campaign.actions).toBe(1);
    // Clearing it keeps what else an import put in attributes, and answers null.
    expect((await call(db.core, 'campaigns:update', { campaignId: utm.campaignId, utmCampaign: null })).utmCampaign).toBeNull();
    const attributes = await queryRows<{ attributes: unknown }>(db.url, 'select attributes from campaigns where campaign_id = $1', [
      utm.campaignId,
    ]);
    expect(attributes[0]?.attributes).toBeNull();
    await call(db.core, 'campaigns:delete', { campaignId: utm.campaignId });
  });

  it('keeps campaign_stats current as budget entries are added, changed and deleted', async () => {
    const id = ids.spring!;
    const budget = await call(db.core, 'budgets:create', { campaignId: id, category: 'Venue', amount: 2000, spentAt: '2026-04-02' });
    expect(budget).toMatchObject({ campaignId: id, category: 'venue', amount: 2000, currency: 'JPY', spentAt: '2026-04-02', memo: null });
    expect((await stats(id))?.cost_total).toBe('2000');
    const usd = await call(db.core, 'budgets:create', {
      campaignId: id,
      category: 'tool',
      amount: 10,
      currency: 'USD',
      spentAt: '2026-04-03',
      memo: 'SaaS',
    });
    expect((await stats(id))?.cost_total).toBe('2000');
    expect(await call(db.core, 'budgets:update', { budgetId: budget.budgetId, amount: 2500, memo: 'hall' })).toMatchObject({
      amount: 2500,
      memo: 'hall',
    });
    expect((await stats(id))?.cost_total).toBe('2500');
    expect((await call(db.core, 'campaigns:list', { q: '春' }))[0]?.costs).toEqual([
      { currency: 'JPY', amount: 2500 },
      { currency: 'USD', amount: 10 },
    ]);
    // One list of categories, whichever way an entry arrives (issue 11, defect 6): the
    // import's Japanese spellings fold to their code, anything else is refused with the list.
    const folded = await call(db.core, 'budgets:create', { campaignId: id, category: ' 広告 ', amount: 1, spentAt: '2026-04-02' });
    expect(folded.category).toBe('ad');
    await call(db.core, 'budgets:delete', { budgetId: folded.budgetId });
    const refused = await callError(db.core, 'budgets:create', { campaignId: id, category: '交通費', amount: 1, spentAt: '2026-04-02' });
    expect(refused).toMatchObject({ code: 'BAD_INPUT' });
    expect(refused.message).toContain('labor, ad, production, venue, tool, other');
    expect(await callError(db.core, 'budgets:update', { budgetId: budget.budgetId, category: '交通費' })).toMatchObject({
      code: 'BAD_INPUT',
    });
    // An entry typed before the list existed keeps its category through other edits.
    await queryRows(db.url, `update budgets set category = '交通費' where budget_id = '${usd.budgetId}'`);
    expect(await call(db.core, 'budgets:update', { budgetId: usd.budgetId, category: '交通費', amount: 11 })).toMatchObject({
      category: '交通費',
      amount: 11,
    });
    await call(db.core, 'budgets:update', { budgetId: usd.budgetId, amount: 10 });
    expect(await callError(db.core, 'budgets:create', { campaignId: id, category: 'ad', amount: -1, spentAt: '2026-04-02' })).toMatchObject(
      {
        code: 'BAD_INPUT',
      },
    );
    expect(await call(db.core, 'budgets:delete', { budgetId: budget.budgetId })).toMatchObject({ amount: 2500, category: 'venue' });
    expect((await stats(id))?.cost_total).toBe('0');
    expect(await callError(db.core, 'budgets:delete', { budgetId: budget.budgetId })).toMatchObject({ code: 'NOT_FOUND' });
    await call(db.core, 'budgets:delete', { budgetId: usd.budgetId });
  });

  it("shows a campaign's ROI, activity over time, cost by category and top developers", async () => {
    const detail = await call(db.core, 'campaigns:get', { campaignId: ids.A!, from: '2026-01-01', to: '2026-03-01', bucket: 'month' });
    // Without a USD rate for February, A's cost (and so its ROI) is not known; the breakdown is.
    expect(detail.roi).toMatchObject({
      currencyReporting: 'JPY',
      costReporting: null,
      costByCurrency: { JPY: 10000, USD: 50 },
      missingRates: [{ currency: 'USD', month: '2026-02' }],
      roiPerCost: null,
      roiPercent: null,
    });
    expect(detail.roiByCurrency.map((r) => [r.currency, r.cost, r.actions, r.conversions])).toEqual([
      ['JPY', 10000, 6, 1],
      ['USD', 50, 6, 1],
    ]);
    // January: alice's and bob's clicks, half of alice's signup; February: carol's two clicks, anon-1's, half of carol's signup.
    expect(detail.overTime).toEqual([
      { period: '2026-01-01', actions: 2.5, conversions: 0.5 },
      { period: '2026-02-01', actions: 3.5, conversions: 0.5 },
    ]);
    expect(detail.costByCategory).toEqual([
      { category: 'ad', currency: 'JPY', amount: 10000 },
      { category: 'tool', currency: 'USD', amount: 50 },
    ]);
    // erin has no analytics consent; anon-1 is nobody.
    expect(detail.topDevelopers.map((d) => [d.displayName ?? d.developerId, d.actions, d.conversions])).toEqual([
      [expect.any(String), 2.5, 0.5],
      [expect.any(String), 1.5, 0.5],
      [expect.any(String), 1, 0],
    ]);
    expect(detail.budgets.map((b) => b.spentAt)).toEqual(['2026-02-01', '2026-01-05']);
    const weeks = await call(db.core, 'campaigns:get', { campaignId: ids.A!, from: '2026-01-19', to: '2026-02-09', bucket: 'week' });
    // ISO weeks from Monday; an empty week is kept.
    expect(weeks.overTime).toEqual([
      { period: '2026-01-19', actions: 0, conversions: 0 },
      { period: '2026-01-26', actions: 2.5, conversions: 0.5 },
      { period: '2026-02-02', actions: 1.5, conversions: 0.5 },
    ]);
    const empty = await call(db.core, 'campaigns:get', { campaignId: ids.D!, bucket: 'day' });
    expect(empty.overTime).toEqual([]);
    expect(empty.roi).toMatchObject({
      costReporting: 1000,
      costByCurrency: { JPY: 1000 },
      conversions: 0,
      costPerConversion: null,
      roiPerCost: 0,
    });
    expect(empty.roiByCurrency).toEqual([
      expect.objectContaining({ currency: 'JPY', cost: 1000, conversions: 0, costPerConversion: null, roiPerCost: 0 }),
    ]);
  });

  it('deletes a campaign with everything hanging off it, and undo puts every row back', async () => {
    const snapshot = async () => ({
      campaigns: await queryRows(db.url, 'select * from campaigns order by campaign_id'),
      budgets: await queryRows(db.url, 'select * from budgets order by budget_id'),
      attributions: await queryRows(
        db.url,
        'select activity_campaign_id, activity_id, campaign_id, weight::text from activity_campaigns order by 1',
      ),
      resources: await queryRows(db.url, 'select resource_id, campaign_id, updated_at from resources order by 1'),
      stats: await queryRows(
        db.url,
        'select campaign_id, actions_total, conversions, cost_total, roi_per_cost from campaign_stats order by 1',
      ),
      // Values, not their written scale (1.0 and 1 are one weight).
      daily: await queryRows(
        db.url,
        `select campaign_id, day, action, source, trim_scale(weight) as weight, activities, trim_scale(anonymous) as anonymous,
                trim_scale(multi_touch) as multi_touch
           from derived.campaign_daily order by campaign_id, day, action, source`,
      ),
      steps: await queryRows(db.url, 'select * from derived.roi_steps order by model, campaign_id, day'),
      inputs: await queryRows(db.url, 'select * from derived.roi_inputs order by developer_id'),
    });
    const before = await snapshot();
    expect(before.resources.filter((r) => r.campaign_id === ids.B)).toHaveLength(1);

    const { undoToken } = await call(db.core, 'campaigns:delete', { campaignId: ids.B! });
    const after = await snapshot();
    expect(after.campaigns.map((c) => c.name)).not.toContain('B');
    expect(after.budgets).toHaveLength(before.budgets.length - 1);
    expect(after.resources.every((r) => r.campaign_id === null)).toBe(true);
    // B's share goes to the other campaigns: alice's signup all to A; dave's signup, no longer direct, to C (his click).
    const credit = await call(db.core, 'campaigns:get-roi', {});
    expect(credit.rows.map((r) => [r.campaign, r.currency, r.actions, r.conversions])).toEqual([
      ['A', 'JPY', 6.5, 1.5],
      ['A', 'USD', 6.5, 1.5],
      ['C', 'JPY', 4.5, 1.5],
      ['D', 'JPY', 0, 0],
      ['春のハンズオン', 'JPY', 0, 0],
    ]);

    // Someone took the name meanwhile: a clear conflict, and the token still works once the name is free.
    const squatter = await call(db.core, 'campaigns:create', { name: 'B' });
    expect(await callError(db.core, 'campaigns:restore', { undoToken })).toMatchObject({ code: 'CONFLICT' });
    await call(db.core, 'campaigns:update', { campaignId: squatter.campaignId, name: 'B2' });
    await call(db.core, 'campaigns:delete', { campaignId: squatter.campaignId });
    expect(await call(db.core, 'campaigns:restore', { undoToken })).toMatchObject({ campaignId: ids.B, name: 'B' });
    expect(await snapshot()).toEqual(before);
    expect(await callError(db.core, 'campaigns:restore', { undoToken })).toMatchObject({ code: 'NOT_FOUND' });
  });
});
