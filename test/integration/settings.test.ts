/**
 * The tenant's analytics settings through the handlers: defaults, the action
 * list (mapped and seen, with counts), validation, and changes that rebuild
 * derived numbers in the same transaction (zone, map, conversion stage) —
 * checked through ROI — plus the import reading zone-less timestamps in the
 * tenant's zone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, callError } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('settings');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

// One campaign: two clicks, a signup late on 31 January UTC (1 February in Tokyo) and a trial, all direct.
const ACTIVITIES = `occurred_at,action,source,email,campaign
2026-01-10T00:00:00Z,click,web,a@example.com,Launch
2026-01-11T00:00:00Z,click,web,b@example.com,Launch
2026-01-31T20:00:00Z,signup,web,a@example.com,Launch
2026-01-20T00:00:00Z,Trial,web,b@example.com,Launch
`;

const changes: string[][] = [];

beforeAll(async () => {
  db.core.events.on('db:changed', ({ tables }) => changes.push(tables));
  const job = await importFile(db.core, writeCsv(dir.path, 'a.csv', ACTIVITIES), { type: 'activities', options: { timezone: 'UTC' } });
  expect(job).toMatchObject({ status: 'succeeded', rejected: 0 });
});

const launch = async (query: { from?: string; to?: string } = {}) => {
  const rows = (await call(db.core, 'campaigns:get-roi', query)).rows;
  return rows.map((r) => [r.actions, r.conversions])[0];
};

describe('settings', () => {
  it('starts from the defaults, with the stages in order and every action mapped or seen', async () => {
    const settings = await call(db.core, 'settings:get', {});
    expect(settings).toMatchObject({
      timeZoneSetting: null,
      language: null,
      conversionStage: 'adoption',
      valuePerConversion: null,
      valueCurrency: 'JPY',
      attributionModel: 'linear',
      lookbackDays: 30,
    });
    expect(settings.timeZone).toBe(settings.machineTimeZone);
    expect(settings.stages.map((s) => [s.key, s.order])).toEqual([
      ['awareness', 1],
      ['engagement', 2],
      ['adoption', 3],
      ['advocacy', 4],
    ]);
    const actions = Object.fromEntries(settings.actions.map((a) => [a.action, [a.stageKey, a.activities]]));
    // connpass's 補欠 (waitlist) counts as awareness for a new tenant (issue 11, defect 18).
    expect(actions).toMatchObject({
      click: ['awareness', 2],
      signup: ['adoption', 1],
      trial: [null, 1],
      view: ['awareness', 0],
      waitlist: ['awareness', 0],
    });
    expect(settings.actions).toHaveLength(17);
  });

  it('refuses an unknown zone, an unknown stage and an out-of-range lookback, changing nothing', async () => {
    expect(await callError(db.core, 'settings:update', { timeZoneSetting: 'Mars/Olympus' })).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('Mars/Olympus'),
    });
    expect(await callError(db.core, 'settings:update', { conversionStage: 'delight' })).toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('awareness, engagement, adoption, advocacy'),
    });
    expect((await callError(db.core, 'settings:update', { lookbackDays: 0 })).code).toBe('BAD_INPUT');
    expect((await callError(db.core, 'settings:map-action', { action: 'trial', stageKey: 'delight' })).code).toBe('BAD_INPUT');
    expect(await call(db.core, 'settings:get', {})).toMatchObject({ timeZoneSetting: null, conversionStage: 'adoption', lookbackDays: 30 });
  });

  it('counts days in the zone set, and rebuilds per-day numbers when it changes', async () => {
    await call(db.core, 'settings:update', { timeZoneSetting: 'UTC' });
    expect((await call(db.core, 'campaigns:get-roi', { from: '2026-02-01', to: '2026-02-02' })).rows[0]).toMatchObject({
      actions: 0,
      conversions: 0,
    });
    changes.length = 0;
    const settings = await call(db.core, 'settings:update', { timeZoneSetting: 'Asia/Tokyo' });
    expect(settings).toMatchObject({ timeZone: 'Asia/Tokyo', timeZoneSetting: 'Asia/Tokyo' });
    expect(changes).toEqual([expect.arrayContaining(['app.tenant_settings', 'derived.campaign_daily', 'campaign_stats'])]);
    expect((await call(db.core, 'campaigns:get-roi', { from: '2026-02-01', to: '2026-02-02' })).rows[0]).toMatchObject({
      actions: 1,
      conversions: 1,
    });
    const [day] = await queryRows<{ day: string }>(
      db.url,
      "select to_char(day, 'YYYY-MM-DD') as day from derived.campaign_daily where action = 'signup'",
    );
    expect(day?.day).toBe('2026-02-01');
  });

  it('reads timestamps without a zone in the zone set, unless the import names one', async () => {
    const file = writeCsv(dir.path, 'local.csv', 'occurred_at,action,source,email\n2026-05-01 09:00,view,web,c@example.com\n');
    expect(await importFile(db.core, file, { type: 'activities' })).toMatchObject({ status: 'succeeded' });
    const utc = writeCsv(dir.path, 'utc.csv', 'occurred_at,action,source,email\n2026-05-01 09:00,view,web,d@example.com\n');
    expect(await importFile(db.core, utc, { type: 'activities', options: { timezone: 'UTC' } })).toMatchObject({ status: 'succeeded' });
    const rows = await queryRows<{ email: string; at: Date }>(
      db.url,
      `select d.primary_email::text as email, a.occurred_at as at from activities a join developers d using (developer_id)
        where a.action = 'view' order by 1`,
    );
    expect(rows.map((r) => [r.email, r.at.toISOString()])).toEqual([
      ['c@example.com', '2026-05-01T00:00:00.000Z'],
      ['d@example.com', '2026-05-01T09:00:00.000Z'],
    ]);
  });

  it('changes what counts as a conversion with the conversion stage and the action map', async () => {
    expect(await launch()).toEqual([4, 1]);
    await call(db.core, 'settings:update', { conversionStage: 'awareness' });
    expect(await launch()).toEqual([4, 2]);
    const [stats] = await queryRows<{ conversions: number }>(db.url, 'select conversions::int from campaign_stats');
    expect(stats?.conversions).toBe(2);
    await call(db.core, 'settings:update', { conversionStage: 'adoption' });

    changes.length = 0;
    const mapped = await call(db.core, 'settings:map-action', { action: ' Trial ', stageKey: 'adoption' });
    expect(mapped.actions.find((a) => a.action === 'trial')).toEqual({ action: 'trial', stageKey: 'adoption', activities: 1 });
    expect(changes).toEqual([expect.arrayContaining(['activity_funnel_map', 'derived.campaign_daily'])]);
    expect(await launch()).toEqual([4, 2]);

    const unmapped = await call(db.core, 'settings:map-action', { action: 'trial', stageKey: null });
    expect(unmapped.actions.find((a) => a.action === 'trial')).toEqual({ action: 'trial', stageKey: null, activities: 1 });
    expect(await launch()).toEqual([4, 1]);
    // An action neither mapped nor seen leaves the list.
    await call(db.core, 'settings:map-action', { action: 'webinar', stageKey: 'engagement' });
    const gone = await call(db.core, 'settings:map-action', { action: 'webinar', stageKey: null });
    expect(gone.actions.map((a) => a.action)).not.toContain('webinar');
  });

  it('keeps language and value settings without rebuilding anything', async () => {
    changes.length = 0;
    const settings = await call(db.core, 'settings:update', { language: 'ja', valuePerConversion: 12000.5 });
    expect(settings).toMatchObject({ language: 'ja', valuePerConversion: 12000.5, valueCurrency: 'JPY', timeZone: 'Asia/Tokyo' });
    expect(changes).toEqual([['app.tenant_settings']]);
    // The reporting currency restates campaign_stats' costs, and nothing derived.
    changes.length = 0;
    expect(await call(db.core, 'settings:update', { valueCurrency: 'USD' })).toMatchObject({ valueCurrency: 'USD' });
    expect(changes).toEqual([['app.tenant_settings', 'campaign_stats']]);
    const back = await call(db.core, 'settings:update', { timeZoneSetting: null, language: null });
    expect(back).toMatchObject({ timeZoneSetting: null, language: null, valuePerConversion: 12000.5 });
    expect(back.timeZone).toBe(back.machineTimeZone);
  });
});
