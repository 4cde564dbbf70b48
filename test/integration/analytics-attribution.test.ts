/**
 * Attribution on a real database (DESIGN.md, "Attribution"): direct rows
 * stay weight 1; conversions without a direct campaign get linear, first- or
 * last-touch credit over the campaigns touched in the lookback (the boundary
 * exactly in, a millisecond older out); weights sum to 1; touches imported
 * after a conversion credit it; and what imports keep up incrementally equals
 * a rebuild from scratch. Dataset: test/helpers/campaign-data.ts.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbOn } from '../../src-main/core/db/db';
import { rebuildDerived } from '../../src-main/core/derived/refresh';
import { ACTIVITIES_CSV, BUDGETS_CSV, CAMPAIGNS_CSV, DEVELOPERS_CSV, LATE_TOUCHES_CSV } from '../helpers/campaign-data';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, developerId } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('attribution');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

async function load(name: string, text: string, type: 'activities' | 'developers' | 'campaigns' | 'budgets') {
  const job = await importFile(db.core, writeCsv(dir.path, name, text), { type, options: { timezone: 'UTC' } });
  expect(job, JSON.stringify(job.errors)).toMatchObject({ status: 'succeeded', rejected: 0 });
}

/** Multi-touch credit of each developer's signups, as `email → { campaign: summed weight }`. */
async function credit(): Promise<Record<string, Record<string, number>>> {
  const rows = await queryRows<{ email: string; campaign: string; weight: string }>(
    db.url,
    `select d.primary_email::text as email, c.name as campaign, ac.weight::text as weight
       from activity_campaigns ac
       join activities a on a.activity_id = ac.activity_id
       join developers d on d.developer_id = a.developer_id
       join campaigns c on c.campaign_id = ac.campaign_id
      where a.action = 'signup' and substr(ac.activity_campaign_id::text, 15, 1) = '8'
      order by 1, 2`,
  );
  const out: Record<string, Record<string, number>> = {};
  for (const r of rows) {
    const byCampaign = (out[r.email] ??= {});
    byCampaign[r.campaign] = (byCampaign[r.campaign] ?? 0) + Number(r.weight);
  }
  return out;
}

beforeAll(async () => {
  await call(db.core, 'settings:update', { timeZoneSetting: 'UTC' });
  await load('developers.csv', DEVELOPERS_CSV, 'developers');
  await load('activities.csv', ACTIVITIES_CSV, 'activities');
});

describe('attribution', () => {
  it('keeps direct rows at weight 1 and gives linear credit over touched campaigns within 30 days, the boundary included', async () => {
    const direct = await queryRows<{ n: number; weights: string[] }>(
      db.url,
      `select count(*)::int as n, array_agg(distinct weight::text) as weights from activity_campaigns
        where substr(activity_campaign_id::text, 15, 1) <> '8'`,
    );
    expect(direct[0]).toEqual({ n: 10, weights: ['1.0'] });
    // bob's only touch is 30 days and 1 ms old: no credit; frank has touched nothing yet; dave's signup is direct.
    expect(await credit()).toEqual({
      'alice@example.com': { A: 0.5, B: 0.5 },
      'carol@example.com': { A: 0.5, C: 0.5 },
      'erin@example.com': { A: 1 },
    });
  });

  it("keeps every model's credit for every lookback as steps per campaign and conversion day", async () => {
    const steps = await queryRows<{ model: string; campaign: string; day: string; ages: number[]; cum: string }>(
      db.url,
      `select s.model, c.name as campaign, s.day::text as day, s.ages, s.cum::text as cum
         from derived.roi_steps s join campaigns c using (campaign_id) order by 1, 3, 2`,
    );
    // alice: A 30 days old, B 11; bob: A 31 (30 days and 1 ms); carol: A 4 and 3, C 2.
    // erin has no analytics consent: her touches count for nothing ROI reports.
    expect(steps.map((s) => [s.model, s.campaign, s.day, s.ages, s.cum])).toEqual([
      // First: B wins until A (older) enters at 30; bob's A from 31; carol's C until A enters at 3.
      ['first', 'A', '2026-01-31', [30, 31], '{1,2}'],
      ['first', 'B', '2026-01-31', [11, 30], '{1,0}'],
      ['first', 'A', '2026-02-05', [3], '{1}'],
      ['first', 'C', '2026-02-05', [2, 3], '{1,0}'],
      ['last', 'A', '2026-01-31', [31], '{1}'],
      ['last', 'B', '2026-01-31', [11], '{1}'],
      ['last', 'C', '2026-02-05', [2], '{1}'],
      // Linear: alice's B alone from 11, halves with A from 30; bob's A whole from 31.
      ['linear', 'A', '2026-01-31', [30, 31], '{0.5,1.5}'],
      ['linear', 'B', '2026-01-31', [11, 30], '{1,0.5}'],
      ['linear', 'A', '2026-02-05', [3], '{0.5}'],
      ['linear', 'C', '2026-02-05', [2, 3], '{1,0.5}'],
    ]);
  });

  it('credits an earlier conversion with touches imported after it, never with touches after the conversion', async () => {
    await load('campaigns.csv', CAMPAIGNS_CSV, 'campaigns');
    await load('budgets.csv', BUDGETS_CSV, 'budgets');
    expect((await credit())['frank@example.com']).toBeUndefined();
    await load('late.csv', LATE_TOUCHES_CSV, 'activities');
    expect((await credit())['frank@example.com']).toEqual({ B: 1 });
  });

  it('gives first-touch and last-touch credit, and widens the window with the lookback', async () => {
    await call(db.core, 'settings:update', { attributionModel: 'first' });
    expect(await credit()).toEqual({
      'alice@example.com': { A: 1 },
      'carol@example.com': { A: 1 },
      'erin@example.com': { A: 1 },
      'frank@example.com': { B: 1 },
    });
    await call(db.core, 'settings:update', { attributionModel: 'last' });
    expect(await credit()).toEqual({
      'alice@example.com': { B: 1 },
      'carol@example.com': { C: 1 },
      'erin@example.com': { A: 1 },
      'frank@example.com': { B: 1 },
    });
    await call(db.core, 'settings:update', { attributionModel: 'linear', lookbackDays: 31 });
    expect((await credit())['bob@example.com']).toEqual({ A: 1 });
    await call(db.core, 'settings:update', { lookbackDays: 30 });
    expect((await credit())['bob@example.com']).toBeUndefined();
  });

  it('makes the weights of every attributed activity sum to 1', async () => {
    const sums = await queryRows<{ total: string }>(
      db.url,
      'select sum(weight)::text as total from activity_campaigns group by activity_id',
    );
    expect(sums.length).toBe(16);
    for (const s of sums) expect(Number(s.total)).toBeCloseTo(1, 15);
  });

  it('moves credit with later imports, merges and a campaign deleted and restored', async () => {
    // bob touches B 6 days before his signup; alice converts again 26 days after B (A is 45 days old);
    // hank touches C and converts; anon-2 clicks C.
    await load(
      'more.csv',
      `occurred_at,action,source,email,anon_id,campaign
2026-01-25T00:00:00Z,click,web,bob@example.com,,B
2026-02-15T00:00:00Z,signup,web,alice@example.com,,
2026-02-20T00:00:00Z,click,ads,,anon-2,C
2026-02-21T00:00:00Z,click,web,hank@example.com,,C
2026-02-22T00:00:00Z,signup,web,hank@example.com,,
`,
      'activities',
    );
    const before = await credit();
    expect(before['bob@example.com']).toEqual({ B: 1 });
    expect(before['alice@example.com']).toEqual({ A: 0.5, B: 1.5 });
    expect(before['hank@example.com']).toEqual({ C: 1 });
    // hank into dave: hank's signup now has dave's touches too — C twice and B (dave's direct signup).
    const [dave, hank] = await Promise.all(['dave@example.com', 'hank@example.com'].map((e) => developerId(db.url, e)));
    await call(db.core, 'developers:merge', { intoId: dave!, fromId: hank! });
    expect((await credit())['dave@example.com']).toEqual({ B: 0.5, C: 0.5 });
    const campaignC = (await call(db.core, 'campaigns:list', { q: 'C' })).find((c) => c.name === 'C')!;
    const { undoToken } = await call(db.core, 'campaigns:delete', { campaignId: campaignC.campaignId });
    expect((await credit())['dave@example.com']).toEqual({ B: 1 });
    await call(db.core, 'campaigns:restore', { undoToken });
    expect((await credit())['dave@example.com']).toEqual({ B: 0.5, C: 0.5 });
    // Consent: carol withdraws it and gives it back; erin (none) is merged into bob, who then has none.
    const [carol, bob, erin] = await Promise.all(
      ['carol@example.com', 'bob@example.com', 'erin@example.com'].map((e) => developerId(db.url, e)),
    );
    const roiA = async () => (await call(db.core, 'campaigns:get-roi', {})).rows.find((r) => r.campaign === 'A')!;
    const withCarol = await roiA();
    await call(db.core, 'developers:update', { developerId: carol!, consentAnalytics: false });
    // carol's two clicks on A and half her signup leave.
    expect((await roiA()).actions).toBe(withCarol.actions - 2.5);
    await call(db.core, 'developers:update', { developerId: carol!, consentAnalytics: true });
    expect(await roiA()).toEqual(withCarol);
    await call(db.core, 'developers:merge', { intoId: bob!, fromId: erin! });
    // bob's click on A leaves (his signup's credit went to B); erin's two rows stay out.
    expect((await roiA()).actions).toBe(withCarol.actions - 1);
  });

  it('leaves after a sequence of imports exactly what a rebuild from scratch leaves', async () => {
    const client = new pg.Client(db.url);
    await client.connect();
    const read = async () => ({
      attributions: (
        await client.query('select activity_campaign_id, activity_id, campaign_id, weight::text from activity_campaigns order by 1')
      ).rows,
      // Values, not their written scale (1.0 and 1.00000 are one weight).
      daily: (
        await client.query(
          `select campaign_id, day, action, source, trim_scale(weight) as weight, activities, trim_scale(anonymous) as anonymous,
                  trim_scale(multi_touch) as multi_touch
             from derived.campaign_daily order by campaign_id, day, action, source`,
        )
      ).rows,
      steps: (await client.query('select * from derived.roi_steps order by model, campaign_id, day')).rows,
      inputs: (await client.query('select * from derived.roi_inputs order by developer_id')).rows,
      stats: (await client.query('select campaign_id, actions_total, conversions, cost_total, roi_per_cost from campaign_stats order by 1'))
        .rows,
    });
    try {
      const incremental = await read();
      expect(incremental.daily.length).toBeGreaterThan(0);
      expect(incremental.stats).toHaveLength(4);
      await client.query('begin');
      await client.query('truncate derived.campaign_daily, derived.roi_steps, derived.roi_inputs');
      await client.query("delete from activity_campaigns where substr(activity_campaign_id::text, 15, 1) = '8'");
      await client.query('update campaign_stats set actions_total = 0, conversions = 0, cost_total = 0, roi_per_cost = null');
      await rebuildDerived(dbOn(client), 'default');
      expect(await read()).toEqual(incremental);
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });
});
