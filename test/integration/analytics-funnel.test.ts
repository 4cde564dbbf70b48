/**
 * The funnel (issue 5, DESIGN.md "Funnel") on a real database with the
 * hand-computed dataset of test/helpers/funnel-data.ts: stage mapping, the
 * highest stage, monotonic at-or-beyond, conversion, anonymous activity,
 * campaign and source filters (and both), half-open periods in Asia/Tokyo,
 * consent, the developers behind a stage (paged and as CSV), an action map
 * edit, and `drm report funnel`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drm } from '../helpers/cli';
import { useCoreOnTestDatabase } from '../helpers/database';
import { APRIL, loadFunnelData, stageNumbers } from '../helpers/funnel-data';
import { queryRows } from '../helpers/imports';
import { call, callError } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const t = useCoreOnTestDatabase();
const dir = makeTempDir('analytics-funnel');
let spring = '';

beforeAll(async () => {
  await loadFunnelData(t.core, dir.path);
  const [row] = await queryRows<{ id: string }>(t.url, "select campaign_id as id from campaigns where name = 'Spring'");
  spring = row!.id;
});
afterAll(() => dir.remove());

const funnel = (input: { from: string; to: string; campaignId?: string; source?: string }) => call(t.core, 'analytics:get-funnel', input);

describe('analytics:get-funnel', () => {
  it('counts reached, at-or-beyond (monotonic) and conversion per stage, in stage order', async () => {
    const report = await funnel(APRIL);
    expect(report.from).toBe('2026-04-01');
    expect(report.to).toBe('2026-05-01');
    expect(report.stages.map((s) => [s.key, s.title, s.order])).toEqual([
      ['awareness', 'Awareness', 1],
      ['engagement', 'Engagement', 2],
      ['adoption', 'Adoption', 3],
      ['advocacy', 'Advocacy', 4],
    ]);
    // Ann {aw, en, ad}, Ben {ad}, Cy {aw}, Eve {aw, adv}, Gus {aw}; Dee outside, Fay without consent, Hal unmapped.
    expect(stageNumbers(report)).toEqual([
      ['awareness', 4, 5, null],
      ['engagement', 1, 3, 0.6],
      ['adoption', 2, 3, 1],
      ['advocacy', 1, 1, 1 / 3],
    ]);
    // anon-1 04-02, anon-2 04-01 00:00 JST, anon-3 04-20; anon-1's 05-01 00:00 JST is outside.
    expect(report.anonymous).toBe(3);
  });

  it('counts days in the tenant zone, with the end of the period excluded', async () => {
    // 2026-03-31T15:30Z is 04-01 in Tokyo (Cy); 2026-03-31T14:59:59Z is still 03-31 (Dee).
    const firstDay = await funnel({ from: '2026-04-01', to: '2026-04-02' });
    expect(stageNumbers(firstDay)).toEqual([
      ['awareness', 1, 1, null],
      ['engagement', 0, 0, 0],
      ['adoption', 0, 0, null],
      ['advocacy', 0, 0, null],
    ]);
    expect(firstDay.anonymous).toBe(1); // anon-2 at 00:00 JST
    const lastOfMarch = await funnel({ from: '2026-03-31', to: '2026-04-01' });
    expect(stageNumbers(lastOfMarch)[0]).toEqual(['awareness', 1, 1, null]); // Dee at 23:59:59 JST
    // Dee's attend at 05-01 00:00 JST is the first instant of May.
    const may = await funnel({ from: '2026-05-01', to: '2026-06-01' });
    expect(stageNumbers(may).slice(0, 2)).toEqual([
      ['awareness', 0, 1, null],
      ['engagement', 1, 1, 1],
    ]);
    expect(may.anonymous).toBe(1);
  });

  it('filters by campaign, multi-touch conversions included', async () => {
    // Spring: Ann's view (direct) and her signup (multi-touch credit), Cy's view; anon-3's click.
    const report = await funnel({ ...APRIL, campaignId: spring });
    expect(stageNumbers(report)).toEqual([
      ['awareness', 2, 2, null],
      ['engagement', 0, 1, 0.5],
      ['adoption', 1, 1, 1],
      ['advocacy', 0, 0, 0],
    ]);
    expect(report.anonymous).toBe(1);
  });

  it('filters by source', async () => {
    const web = await funnel({ ...APRIL, source: 'web' });
    expect(stageNumbers(web)).toEqual([
      ['awareness', 4, 4, null],
      ['engagement', 0, 0, 0],
      ['adoption', 0, 0, null],
      ['advocacy', 0, 0, null],
    ]);
    expect(web.anonymous).toBe(2);
    const console_ = await funnel({ ...APRIL, source: 'console' });
    expect(stageNumbers(console_)).toEqual([
      ['awareness', 0, 2, null],
      ['engagement', 0, 2, 1],
      ['adoption', 2, 2, 1],
      ['advocacy', 0, 0, 0],
    ]);
    expect(console_.anonymous).toBe(0);
    expect((await funnel({ ...APRIL, source: 'nowhere' })).stages.every((s) => s.atOrBeyond === 0)).toBe(true);
  });

  it('filters by campaign and source together', async () => {
    const web = await funnel({ ...APRIL, campaignId: spring, source: 'web' });
    expect(stageNumbers(web)).toEqual([
      ['awareness', 2, 2, null],
      ['engagement', 0, 0, 0],
      ['adoption', 0, 0, null],
      ['advocacy', 0, 0, null],
    ]);
    expect(web.anonymous).toBe(0);
    const shortlink = await funnel({ ...APRIL, campaignId: spring, source: 'shortlink' });
    expect(shortlink.stages.every((s) => s.reached === 0)).toBe(true);
    expect(shortlink.anonymous).toBe(1);
  });

  it('gives conversion from the first stage, the drop-off per step, and the previous period beside it', async () => {
    const report = await call(t.core, 'analytics:get-funnel', { ...APRIL, compare: true });
    expect(report.stages.map((s) => [s.key, s.conversionFromFirst, s.droppedOff])).toEqual([
      ['awareness', 1, 2], // Cy, Gus stop at awareness
      ['engagement', 0.6, 0], // nobody's highest stage is engagement
      ['adoption', 0.6, 2], // Ann, Ben
      ['advocacy', 0.2, null],
    ]);
    // The 30 days before April: Dee's view 03-31 23:59:59 JST and post 03-15; no anonymous activity.
    expect(report.previous).toMatchObject({ from: '2026-03-02', to: '2026-04-01', anonymous: 0 });
    expect(stageNumbers(report.previous!)).toEqual([
      ['awareness', 1, 1, null],
      ['engagement', 0, 1, 1],
      ['adoption', 0, 1, 1],
      ['advocacy', 1, 1, 1],
    ]);
    // Without `compare` nothing extra is counted; a period that would start before 1970 has none.
    expect((await funnel(APRIL)).previous).toBeUndefined();
    const first = await call(t.core, 'analytics:get-funnel', { from: '1970-01-01', to: '1970-02-01', compare: true });
    expect(first.previous).toBeNull();
  });

  it('rejects an empty period, an impossible day and an unknown campaign', async () => {
    expect((await callError(t.core, 'analytics:get-funnel', { from: '2026-04-01', to: '2026-04-01' })).code).toBe('BAD_INPUT');
    expect((await callError(t.core, 'analytics:get-funnel', { from: '2026-02-30', to: '2026-04-01' })).message).toContain('2026-02-30');
    const unknown = await callError(t.core, 'analytics:get-funnel', { ...APRIL, campaignId: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.code).toBe('NOT_FOUND');
  });
});

describe('analytics:list-funnel-developers', () => {
  it('lists the developers at or beyond a stage with their highest stage, most recent first', async () => {
    const page = await call(t.core, 'analytics:list-funnel-developers', { ...APRIL, stageKey: 'engagement' });
    expect(page.total).toBe(3);
    expect(page.rows.map((r) => [r.displayName, r.stage, r.organization])).toEqual([
      ['Ann', 'adoption', 'Acme'], // last action 04-20
      ['Eve', 'advocacy', null], // 04-16
      ['Ben', 'adoption', null], // 04-05
    ]);
    expect(page.rows[0]).toMatchObject({ primaryEmail: 'ann@acme.example', lastActionAt: '2026-04-20T03:00:00.000Z' });
  });

  it('lists the developers who reached a stage, pages them, and honours the filters', async () => {
    const reached = await call(t.core, 'analytics:list-funnel-developers', { ...APRIL, stageKey: 'engagement', mode: 'reached' });
    expect(reached.rows.map((r) => r.displayName)).toEqual(['Ann']);
    const second = await call(t.core, 'analytics:list-funnel-developers', {
      ...APRIL,
      stageKey: 'awareness',
      mode: 'reached',
      page: 1,
      pageSize: 3,
    });
    expect(second.total).toBe(4);
    expect(second.rows.map((r) => r.displayName)).toEqual(['Cy']); // Ann 04-20, Eve 04-16, Gus 04-09, Cy 04-01
    const pastTheEnd = await call(t.core, 'analytics:list-funnel-developers', { ...APRIL, stageKey: 'awareness', page: 9, pageSize: 3 });
    expect(pastTheEnd).toEqual({ total: 5, rows: [] });
    const campaign = await call(t.core, 'analytics:list-funnel-developers', { ...APRIL, campaignId: spring, stageKey: 'adoption' });
    expect(campaign.rows.map((r) => r.displayName)).toEqual(['Ann']);
    expect((await callError(t.core, 'analytics:list-funnel-developers', { ...APRIL, stageKey: 'nirvana' })).code).toBe('BAD_INPUT');
  });

  it('lists who dropped off after a stage (reached it and no later one), and exports them', async () => {
    const awareness = await call(t.core, 'analytics:list-funnel-developers', { ...APRIL, stageKey: 'awareness', mode: 'dropOff' });
    expect(awareness.total).toBe(2);
    expect(awareness.rows.map((r) => [r.displayName, r.stage])).toEqual([
      ['@Gus', 'awareness'],
      ['Cy', 'awareness'],
    ]);
    const adoption = await call(t.core, 'analytics:list-funnel-developers', { ...APRIL, stageKey: 'adoption', mode: 'dropOff' });
    expect(adoption.rows.map((r) => r.displayName)).toEqual(['Ann', 'Ben']);
    const engagement = await call(t.core, 'analytics:list-funnel-developers', { ...APRIL, stageKey: 'engagement', mode: 'dropOff' });
    expect(engagement).toEqual({ total: 0, rows: [] });
    const csv = await call(t.core, 'analytics:export-funnel-developers', { ...APRIL, stageKey: 'adoption', mode: 'dropOff' });
    expect(csv.fileName).toBe('drm-funnel-adoption-dropOff-2026-04-01-2026-05-01.csv');
    expect(csv.content.trimEnd().split('\r\n').length).toBe(3);
  });

  it('exports them as CSV, safe from formula injection', async () => {
    const csv = await call(t.core, 'analytics:export-funnel-developers', { ...APRIL, stageKey: 'awareness', mode: 'reached' });
    expect(csv.fileName).toBe('drm-funnel-awareness-reached-2026-04-01-2026-05-01.csv');
    const lines = csv.content
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('developer_id,display_name,primary_email,organization,stage,last_action_at');
    expect(lines.slice(1).map((l) => l.split(',').slice(1, 5))).toEqual([
      ['Ann', 'ann@acme.example', 'Acme', 'Adoption'],
      ['Eve', 'eve@gmail.com', '', 'Advocacy'],
      ["'@Gus", 'gus@gmail.com', '', 'Awareness'],
      ['Cy', 'cy@gmail.com', '', 'Awareness'],
    ]);
  });

  it('names stages by their titles in the UI language and gives times in the tenant zone with its offset (issue 11, defect 3)', async () => {
    const csv = await call(t.core, 'analytics:export-funnel-developers', {
      ...APRIL,
      stageKey: 'awareness',
      mode: 'reached',
      language: 'ja',
    });
    const rows = csv.content
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(rows.map((r) => r[4])).toEqual(['利用', '推奨', '認知', '認知']);
    // Cy's last action, 2026-03-31T15:30Z, is 04-01 00:30 in Tokyo: no UTC "…Z" the user must convert.
    expect(rows.find((r) => r[1] === 'Cy')![5]).toBe('2026-04-01T00:30:00+09:00');
    for (const r of rows) expect(r[5]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?\+09:00$/);
  });
});

describe('drm report funnel', () => {
  it('prints the issue’s JSON shape, by campaign name too', async () => {
    const all = await drm(['report', 'funnel', '--from', APRIL.from, '--to', APRIL.to, '--json', '--database-url', t.url]);
    expect(all.code, all.stderr).toBe(0);
    const report = JSON.parse(all.stdout) as Record<string, unknown>;
    expect(Object.keys(report)).toEqual(['from', 'to', 'anonymous', 'stages']);
    expect(report).toMatchObject({ from: APRIL.from, to: APRIL.to, anonymous: 3 });
    expect((report.stages as Record<string, unknown>[])[1]).toEqual({
      key: 'engagement',
      title: 'Engagement',
      order: 2,
      reached: 1,
      atOrBeyond: 3,
      conversionFromPrevious: 0.6,
    });
    const campaign = await drm([
      'report',
      'funnel',
      '--from',
      APRIL.from,
      '--to',
      APRIL.to,
      '--campaign',
      'Spring',
      '--json',
      '--database-url',
      t.url,
    ]);
    expect(campaign.code, campaign.stderr).toBe(0);
    expect((JSON.parse(campaign.stdout) as { stages: { atOrBeyond: number }[] }).stages.map((s) => s.atOrBeyond)).toEqual([2, 1, 1, 0]);
    const table = await drm(['report', 'funnel', '--from', APRIL.from, '--to', APRIL.to, '--source', 'web', '--database-url', t.url]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('Funnel, 2026-04-01 to 2026-05-01 (to excluded); source web');
    expect(table.stdout).toContain('anonymous activities (beside awareness): 2');
  });

  it('refuses an unknown campaign and bad periods with exit code 2', async () => {
    const unknown = await drm([
      'report',
      'funnel',
      '--from',
      APRIL.from,
      '--to',
      APRIL.to,
      '--campaign',
      'Winter',
      '--database-url',
      t.url,
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no campaign named "Winter"; campaigns: Spring, Summer');
    const missing = await drm(['report', 'funnel', '--from', APRIL.from, '--database-url', t.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--to is required');
    const backwards = await drm(['report', 'funnel', '--from', APRIL.to, '--to', APRIL.from, '--database-url', t.url]);
    expect(backwards.code).toBe(2);
    const impossible = await drm(['report', 'funnel', '--from', '2026-02-30', '--to', APRIL.to, '--database-url', t.url]);
    expect(impossible.code).toBe(2);
  });
});

describe('the action map', () => {
  // Last: it changes the map for this file's database.
  it('shows a map edit at once, and only mapped actions count', async () => {
    await call(t.core, 'settings:map-action', { action: 'cancel', stageKey: 'engagement' });
    // Gus cancel 04-08 and Hal cancel 04-12 now reach engagement.
    expect(stageNumbers(await funnel(APRIL))).toEqual([
      ['awareness', 4, 6, null],
      ['engagement', 3, 5, 5 / 6],
      ['adoption', 2, 3, 0.6],
      ['advocacy', 1, 1, 1 / 3],
    ]);
    await call(t.core, 'settings:map-action', { action: 'cancel', stageKey: null });
    expect(stageNumbers(await funnel(APRIL))[1]).toEqual(['engagement', 1, 3, 0.6]);
  });
});
