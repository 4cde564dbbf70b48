/**
 * Campaign ROI on a real database (DESIGN.md, "Campaign ROI"), over the
 * hand-computed dataset of test/helpers/campaign-data.ts: cost per currency
 * (two currencies never added), weighted actions and conversions under each
 * model and lookback, a campaign without conversions, a campaign without
 * budgets, developers without consent left out, a period, ROI %, and the
 * `drm report roi` command's JSON.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoiRow } from '../../src-shared/contract/campaigns';
import { drm } from '../helpers/cli';
import { loadCampaignData } from '../helpers/campaign-data';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, callError } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('roi');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

beforeAll(async () => {
  await loadCampaignData(db.core, dir.path);
});

/** campaign/currency → [cost, actions, conversions, costPerConversion, roiPerCost] */
const table = (rows: RoiRow[]) =>
  Object.fromEntries(
    rows.map((r) => [`${r.campaign}/${r.currency}`, [r.cost, r.actions, r.conversions, r.costPerConversion, r.roiPerCost]]),
  );

describe('ROI', () => {
  it('reports every campaign per currency, all time, under the tenant model (linear, 30 days)', async () => {
    const report = await call(db.core, 'campaigns:get-roi', {});
    expect(report).toMatchObject({ from: null, to: null, model: 'linear', lookbackDays: 30, conversionStage: 'adoption' });
    // A: clicks by alice, bob, carol ×2 and anon-1 (erin has no consent) + half of alice's and carol's signups.
    // B: alice's click, dave's direct signup, frank's click + half of alice's signup + frank's signup.
    // C: carol's, dave's and frank's clicks + half of carol's signup. D: budgets only.
    expect(table(report.rows)).toEqual({
      'A/JPY': [10000, 6, 1, 10000, 0.0001],
      'A/USD': [50, 6, 1, 50, 0.02],
      'B/JPY': [3000, 4.5, 2.5, 1200, 2.5 / 3000],
      'C/JPY': [0, 3.5, 0.5, 0, null],
      'D/JPY': [1000, 0, 0, null, 0],
    });
    expect(report.rows.map((r) => r.campaign)).toEqual(['A', 'A', 'B', 'C', 'D']);
    expect(report.rows.every((r) => r.roiPercent === null)).toBe(true);
  });

  it('answers first-touch, last-touch and another lookback without changing the settings', async () => {
    const first = await call(db.core, 'campaigns:get-roi', { model: 'first' });
    expect(first.model).toBe('first');
    expect(table(first.rows)).toMatchObject({
      'A/JPY': [10000, 7, 2, 5000, 0.0002],
      'B/JPY': [3000, 4, 2, 1500, 2 / 3000],
      'C/JPY': [0, 3, 0, null, null],
    });
    const last = await call(db.core, 'campaigns:get-roi', { model: 'last' });
    expect(table(last.rows)).toMatchObject({
      'A/JPY': [10000, 5, 0, null, 0],
      'B/JPY': [3000, 5, 3, 1000, 0.001],
      'C/JPY': [0, 4, 1, 0, null],
    });
    // 31 days reach bob's click on A, 30 days and 1 ms before his signup.
    const wider = await call(db.core, 'campaigns:get-roi', { lookbackDays: 31 });
    expect(table(wider.rows)).toMatchObject({ 'A/JPY': [10000, 7, 2, 5000, 0.0002], 'B/JPY': [3000, 4.5, 2.5, 1200, 2.5 / 3000] });
    expect((await call(db.core, 'settings:get', {})).attributionModel).toBe('linear');
  });

  it('gives the same numbers for a model whether it is the tenant setting or asked for', async () => {
    const asked = await call(db.core, 'campaigns:get-roi', { model: 'last', lookbackDays: 31 });
    await call(db.core, 'settings:update', { attributionModel: 'last', lookbackDays: 31 });
    try {
      const own = await call(db.core, 'campaigns:get-roi', {});
      expect(own.rows).toEqual(asked.rows);
    } finally {
      await call(db.core, 'settings:update', { attributionModel: 'linear', lookbackDays: 30 });
    }
  });

  it('agrees, for every model and lookback edge, with the credit written when that model is the setting', async () => {
    // Touch ages in this dataset: 2, 3, 4, 5, 11, 30 and 30 days + 1 ms (31 when rounded up).
    const combos = (['linear', 'first', 'last'] as const).flatMap((model) =>
      [1, 2, 3, 4, 5, 10, 11, 29, 30, 31, 365].map((days) => [model, days] as const),
    );
    const asked: RoiRow[][] = [];
    for (const [model, lookbackDays] of combos) asked.push((await call(db.core, 'campaigns:get-roi', { model, lookbackDays })).rows);
    const own: RoiRow[][] = [];
    try {
      for (const [model, lookbackDays] of combos) {
        await call(db.core, 'settings:update', { attributionModel: model, lookbackDays });
        own.push((await call(db.core, 'campaigns:get-roi', { from: '2026-01-01', to: '2026-04-01' })).rows);
      }
    } finally {
      await call(db.core, 'settings:update', { attributionModel: 'linear', lookbackDays: 30 });
    }
    const numbers = (rows: RoiRow[]) => rows.map((r) => [r.campaign, r.currency, r.actions, r.conversions]);
    expect(own.map(numbers)).toEqual(asked.map(numbers));
    // And the lookbacks do move credit: first touch with 2 days gives carol's signup to C, with 4 days to A.
    const first = (days: number) => table(asked[combos.findIndex(([m, d]) => m === 'first' && d === days)]!);
    expect(first(2)['C/JPY']?.[2]).toBe(1);
    expect(first(4)['C/JPY']?.[2]).toBe(0);
  });

  it('counts a period [from, to): activities by day, budgets by spent_at', async () => {
    const feb = await call(db.core, 'campaigns:get-roi', { from: '2026-02-01', to: '2026-03-01' });
    expect(table(feb.rows)).toEqual({
      'A/JPY': [0, 3.5, 0.5, 0, null],
      'A/USD': [50, 3.5, 0.5, 100, 0.01],
      'B/JPY': [3000, 1, 1, 3000, 1 / 3000],
      'C/JPY': [0, 2.5, 0.5, 0, null],
      'D/JPY': [0, 0, 0, null, null],
    });
    const febFirst = await call(db.core, 'campaigns:get-roi', { from: '2026-02-01', to: '2026-03-01', model: 'first' });
    expect(table(febFirst.rows)).toMatchObject({ 'A/USD': [50, 4, 1, 50, 0.02], 'C/JPY': [0, 2, 0, null, null] });
    const error = await callError(db.core, 'campaigns:get-roi', { from: '2026-03-01', to: '2026-03-01' });
    expect(error.code).toBe('BAD_INPUT');
  });

  it('leaves developers without analytics consent out, though their conversions are attributed', async () => {
    const [erin] = await queryRows<{ n: number }>(
      db.url,
      `select count(*)::int as n from activity_campaigns ac join activities a using (activity_id)
         join developers d on d.developer_id = a.developer_id where d.primary_email = 'erin@example.com'`,
    );
    expect(erin?.n).toBe(2);
    // Her click and her signup's credit would make A 8 actions and 2 conversions.
    const report = await call(db.core, 'campaigns:get-roi', { model: 'first' });
    expect(table(report.rows)['A/JPY']).toEqual([10000, 7, 2, 5000, 0.0002]);
  });

  it('gives ROI % only for all of a campaign’s cost: never from its JPY part alone (issue 11)', async () => {
    await call(db.core, 'settings:update', { valuePerConversion: 5000, valueCurrency: 'JPY' });
    try {
      const rows = (await call(db.core, 'campaigns:get-roi', {})).rows;
      const pct = Object.fromEntries(rows.map((r) => [`${r.campaign}/${r.currency}`, r.roiPercent]));
      // (5000 × conversions − cost) / cost × 100; no cost, no ROI %. A's JPY row is part of its cost:
      // its -50 % ignored the 50 USD.
      expect(pct).toEqual({ 'A/JPY': null, 'A/USD': null, 'B/JPY': ((5000 * 2.5 - 3000) / 3000) * 100, 'C/JPY': null, 'D/JPY': -100 });
    } finally {
      await call(db.core, 'settings:update', { valuePerConversion: null });
    }
  });

  it('prints the per-currency rows from `drm report roi --by-currency --json`, and a table without --json', async () => {
    const result = await drm([
      'report',
      'roi',
      '--from',
      '2026-02-01',
      '--to',
      '2026-03-01',
      '--model',
      'first',
      '--by-currency',
      '--json',
      '--database-url',
      db.url,
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(json.map((r) => Object.keys(r))).toEqual(
      Array(5).fill(['campaign', 'currency', 'cost', 'actions', 'conversions', 'costPerConversion', 'roiPerCost']),
    );
    expect(json[1]).toEqual({
      campaign: 'A',
      currency: 'USD',
      cost: 50,
      actions: 4,
      conversions: 1,
      costPerConversion: 50,
      roiPerCost: 0.02,
    });
    const human = await drm(['report', 'roi', '--by-currency', '--database-url', db.url]);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/campaign\s+currency\s+cost\s+actions\s+conversions/);
    expect(human.stdout).toMatch(/^B\s+JPY\s+3,000\s+4\.5\s+2\.5\s+1,200/m);
    const bad = await drm(['report', 'roi', '--model', 'middle', '--database-url', db.url]);
    expect(bad.code).toBe(2);
  });

  it('agrees with the setting for every model and lookback on scattered touches (same-day ties and hours included)', async () => {
    // A fixed pseudo-random dataset: 8 developers touch X, Y, Z at odd hours over 40 days, then convert.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const lines = ['occurred_at,action,source,email,campaign'];
    const base = Date.parse('2026-06-01T00:00:00Z');
    for (let d = 0; d < 8; d++) {
      for (let i = 0; i < 6; i++) {
        const at = new Date(base + Math.floor(next() * 40 * 24) * 3600_000).toISOString();
        lines.push(`${at},click,web,r${d}@example.com,${'XYZ'[Math.floor(next() * 3)]}`);
      }
      // Two touches at the same instant on different campaigns: ties go by campaign id.
      if (d % 3 === 0) for (const c of 'XY') lines.push(`2026-06-20T12:00:00Z,view,web,r${d}@example.com,${c}`);
      lines.push(`2026-07-${String(5 + d).padStart(2, '0')}T06:30:00Z,signup,web,r${d}@example.com,`);
    }
    const job = await importFile(db.core, writeCsv(dir.path, 'scattered.csv', `${lines.join('\n')}\n`), { type: 'activities' });
    expect(job).toMatchObject({ status: 'succeeded', rejected: 0 });
    const period = { from: '2026-06-01', to: '2026-08-01' };
    const combos = (['linear', 'first', 'last'] as const).flatMap((model) =>
      [1, 3, 8, 13, 17, 21, 26, 30, 34, 38, 45].map((days) => [model, days] as const),
    );
    const numbers = (rows: RoiRow[]) => rows.filter((r) => 'XYZ'.includes(r.campaign)).map((r) => [r.campaign, r.actions, r.conversions]);
    const asked: ReturnType<typeof numbers>[] = [];
    for (const [model, lookbackDays] of combos)
      asked.push(numbers((await call(db.core, 'campaigns:get-roi', { ...period, model, lookbackDays })).rows));
    const own: ReturnType<typeof numbers>[] = [];
    try {
      for (const [model, lookbackDays] of combos) {
        await call(db.core, 'settings:update', { attributionModel: model, lookbackDays });
        own.push(numbers((await call(db.core, 'campaigns:get-roi', period)).rows));
      }
    } finally {
      await call(db.core, 'settings:update', { attributionModel: 'linear', lookbackDays: 30 });
    }
    expect(own).toEqual(asked);
    // Credit moves with the lookback: the 45-day linear split differs from the 1-day one.
    expect(asked[combos.findIndex(([m, d]) => m === 'linear' && d === 45)]).not.toEqual(asked[0]);
  });
});
