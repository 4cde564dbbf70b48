/**
 * The activity trend (issue 5) on the hand-computed dataset of
 * test/helpers/funnel-data.ts: day, ISO-week and month buckets of the
 * tenant's zone (Asia/Tokyo), every bucket present, the period's edges,
 * anonymous activities counted and consent honoured, unmapped actions apart,
 * and an action map edit shown without a rebuild of the daily table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCoreOnTestDatabase } from '../helpers/database';
import { APRIL, loadFunnelData } from '../helpers/funnel-data';
import { call, callError } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const t = useCoreOnTestDatabase();
const dir = makeTempDir('analytics-trend');

beforeAll(() => loadFunnelData(t.core, dir.path));
afterAll(() => dir.remove());

/** Points as [period, awareness, engagement, adoption, advocacy, unmapped]. */
async function trend(input: { from: string; to: string; bucket: 'day' | 'week' | 'month' }) {
  const report = await call(t.core, 'analytics:get-trend', input);
  expect(report.bucket).toBe(input.bucket);
  expect(report.stages.map((s) => s.key)).toEqual(['awareness', 'engagement', 'adoption', 'advocacy']);
  return report.points.map((p) => [
    p.period,
    p.byStage.awareness,
    p.byStage.engagement,
    p.byStage.adoption,
    p.byStage.advocacy,
    p.unmapped,
  ]);
}

describe('analytics:get-trend', () => {
  it('counts per ISO week (Monday first), every week present, only days of the period', async () => {
    expect(await trend({ ...APRIL, bucket: 'week' })).toEqual([
      // 04-01…04-05: Cy, anon-2 (04-01), Ann, anon-1 (04-02) viewed; Ben signed up; Fay (no consent) is left out.
      ['2026-03-30', 4, 0, 1, 0, 0],
      // Gus view 04-09, Ann attend 04-10; Gus and Hal cancel (unmapped).
      ['2026-04-06', 1, 1, 0, 0, 2],
      ['2026-04-13', 1, 0, 0, 1, 0],
      ['2026-04-20', 1, 0, 1, 0, 0],
      // Dee's attend and anon-1's click are at 05-01 00:00 in Tokyo: outside the period.
      ['2026-04-27', 0, 0, 0, 0, 0],
    ]);
  });

  it('counts per month and per day in the tenant zone', async () => {
    expect(await trend({ from: '2026-03-01', to: '2026-06-01', bucket: 'month' })).toEqual([
      ['2026-03-01', 1, 0, 0, 1, 0], // Dee: post 03-15, view 03-31 23:59:59 JST
      ['2026-04-01', 7, 1, 2, 1, 2],
      ['2026-05-01', 1, 1, 0, 0, 0],
    ]);
    expect(await trend({ from: '2026-04-15', to: '2026-05-10', bucket: 'month' })).toEqual([
      ['2026-04-01', 2, 0, 1, 1, 0], // from 04-15 only
      ['2026-05-01', 1, 1, 0, 0, 0],
    ]);
    expect(await trend({ from: '2026-04-01', to: '2026-04-04', bucket: 'day' })).toEqual([
      ['2026-04-01', 2, 0, 0, 0, 0],
      ['2026-04-02', 2, 0, 0, 0, 0],
      ['2026-04-03', 0, 0, 0, 0, 0],
    ]);
  });

  it('refuses an empty period and more buckets than a chart can hold', async () => {
    expect((await callError(t.core, 'analytics:get-trend', { from: '2026-04-02', to: '2026-04-01' })).code).toBe('BAD_INPUT');
    const many = await callError(t.core, 'analytics:get-trend', { from: '2000-01-01', to: '2026-01-01', bucket: 'day' });
    expect(many.message).toContain('choose a coarser bucket');
  });

  it('follows the action map at query time', async () => {
    await call(t.core, 'settings:map-action', { action: 'cancel', stageKey: 'advocacy' });
    expect((await trend({ ...APRIL, bucket: 'week' }))[1]).toEqual(['2026-04-06', 1, 1, 0, 2, 0]);
    await call(t.core, 'settings:map-action', { action: 'view', stageKey: null });
    expect((await trend({ ...APRIL, bucket: 'week' }))[0]).toEqual(['2026-03-30', 0, 0, 1, 0, 4]);
    await call(t.core, 'settings:map-action', { action: 'view', stageKey: 'awareness' });
    await call(t.core, 'settings:map-action', { action: 'cancel', stageKey: null });
    expect((await trend({ ...APRIL, bucket: 'week' }))[1]).toEqual(['2026-04-06', 1, 1, 0, 0, 2]);
  });
});

describe('analytics:list-sources', () => {
  it('lists the sources with counted activities', async () => {
    // fay's console signup would not add one: console has Ann's and Ben's.
    expect(await call(t.core, 'analytics:list-sources', {})).toEqual(['blog', 'connpass', 'console', 'shortlink', 'web']);
  });
});
