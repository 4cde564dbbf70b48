/**
 * Funnel and ROI breakdowns by channel, utm_source, utm_medium and resource
 * category (issue 13 §4) on a hand-made dataset with known answers, in UTC.
 * Campaigns: Launch (channel ads, budget 1,000 JPY), Meetup (channel event,
 * 500 JPY), Quiet (no channel).
 * - alice clicks Launch (utm x / social), then signs up without a campaign:
 *   a conversion whose multi-touch credit goes to Launch;
 * - bob clicks Meetup (utm newsletter / email), then attends Meetup #1 (an
 *   event resource of Meetup);
 * - carol views a blog post (no campaign, no utm);
 * - dave clicks Quiet (utm_source x, no medium);
 * - erin views a page (nothing) and clicks Launch (utm newsletter / email);
 * - an anonymous visitor clicks Launch (utm x): credit, never a developer.
 * "(none)" holds, per stage, the developers of the whole funnel in no value's
 * row: erin's view and click both reach awareness, so by channel or utm she
 * is in the click's row only; alice's click (utm x) and signup (no utm) reach
 * different stages, so by utm_source she is in x at awareness and in "(none)"
 * at adoption.
 * Then: Quiet's channel set to ads and the blog's category to video move
 * their developers between rows, and a rebuild changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunnelBreakdown } from '../../src-shared/contract/analytics';
import { drm } from '../helpers/cli';
import { useCoreOnTestDatabase } from '../helpers/database';
import { rebuildChanges } from '../helpers/derived';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, callError } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('breakdowns');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

const PERIOD = { from: '2026-01-01', to: '2026-04-01' };
const HEADER =
  'occurred_at,action,source,email,anon_id,campaign,resource_category,resource_title,resource_external_id,utm_source,utm_medium';
const ROWS = [
  '2026-01-05T10:00:00Z,click,shortlink,alice@example.com,,Launch,,,,x,social',
  '2026-01-10T10:00:00Z,signup,web,alice@example.com,,,,,,,',
  '2026-01-06T10:00:00Z,click,shortlink,bob@example.com,,Meetup,,,,newsletter,email',
  '2026-01-20T19:00:00Z,attend,connpass,bob@example.com,,Meetup,event,Meetup #1,m1,,',
  '2026-01-07T10:00:00Z,view,web,carol@example.com,,,blog,Blog post,b1,,',
  '2026-01-08T10:00:00Z,click,shortlink,dave@example.com,,Quiet,,,,x,',
  '2026-02-01T10:00:00Z,view,web,erin@example.com,,,,,,,',
  '2026-02-02T10:00:00Z,click,shortlink,erin@example.com,,Launch,,,,newsletter,email',
  '2026-02-03T10:00:00Z,click,shortlink,,anon-1,Launch,,,,x,social',
];

let campaigns: Record<string, string> = {};

beforeAll(async () => {
  const launch = await call(db.core, 'campaigns:create', { name: 'Launch', channel: 'ads' });
  const meetup = await call(db.core, 'campaigns:create', { name: 'Meetup', channel: 'event' });
  const quiet = await call(db.core, 'campaigns:create', { name: 'Quiet' });
  campaigns = { launch: launch.campaignId, meetup: meetup.campaignId, quiet: quiet.campaignId };
  await call(db.core, 'budgets:create', {
    campaignId: launch.campaignId,
    category: 'ad',
    amount: 1000,
    currency: 'JPY',
    spentAt: '2026-01-03',
  });
  await call(db.core, 'budgets:create', {
    campaignId: meetup.campaignId,
    category: 'venue',
    amount: 500,
    currency: 'JPY',
    spentAt: '2026-01-04',
  });
  const file = writeCsv(dir.path, 'breakdowns.csv', [HEADER, ...ROWS].join('\n') + '\n');
  expect(await importFile(db.core, file, { type: 'activities', options: { timezone: 'UTC' } })).toMatchObject({ status: 'succeeded' });
});

/** Per value: [reached, atOrBeyond] of each stage (awareness, engagement, adoption, advocacy). */
function table(report: FunnelBreakdown) {
  return report.rows.map((r) => [r.value, r.stages.map((s) => [s.reached, s.atOrBeyond])]);
}

const funnel = (by: FunnelBreakdown['by']) => call(db.core, 'analytics:get-funnel-breakdown', { ...PERIOD, by });

describe('funnel breakdowns', () => {
  it('by channel: a campaign’s channel, multi-touch credit included; "(none)" for the rest', async () => {
    const report = await funnel('channel');
    expect(report.developers).toBe(5);
    expect(table(report)).toEqual([
      [
        'ads',
        [
          [2, 2],
          [0, 1],
          [1, 1],
          [0, 0],
        ],
      ], // alice (click, credited signup), erin
      [
        null,
        [
          [2, 2],
          [0, 0],
          [0, 0],
          [0, 0],
        ],
      ], // carol, dave (Quiet has no channel); not erin, whose click reached awareness in ads
      [
        'event',
        [
          [1, 1],
          [1, 1],
          [0, 0],
          [0, 0],
        ],
      ], // bob
    ]);
    expect(report.rows[0]!.stages[2]!.conversionFromPrevious).toBe(1);
    expect(report.rows[0]!.stages[1]!.conversionFromFirst).toBe(0.5);
  });

  it('by utm_source and utm_medium, from the activities’ metadata', async () => {
    expect(table(await funnel('utm_source'))).toEqual([
      [
        null,
        [
          [1, 3],
          [1, 2],
          [1, 1],
          [0, 0],
        ],
      ], // carol; bob's attend and alice's signup at their stages only (their clicks had a utm_source); not erin
      [
        'newsletter',
        [
          [2, 2],
          [0, 0],
          [0, 0],
          [0, 0],
        ],
      ],
      [
        'x',
        [
          [2, 2],
          [0, 0],
          [0, 0],
          [0, 0],
        ],
      ],
    ]);
    expect(table(await funnel('utm_medium'))).toEqual([
      [
        null,
        [
          [2, 4],
          [1, 2],
          [1, 1],
          [0, 0],
        ],
      ], // carol, dave (no medium); bob's attend, alice's signup; not erin
      [
        'email',
        [
          [2, 2],
          [0, 0],
          [0, 0],
          [0, 0],
        ],
      ],
      [
        'social',
        [
          [1, 1],
          [0, 0],
          [0, 0],
          [0, 0],
        ],
      ],
    ]);
  });

  it('by resource category', async () => {
    expect(table(await funnel('category'))).toEqual([
      [
        null,
        [
          [4, 4],
          [0, 1],
          [1, 1],
          [0, 0],
        ],
      ], // alice, bob's click (his attend is an event), dave, erin; not carol
      [
        'blog',
        [
          [1, 1],
          [0, 0],
          [0, 0],
          [0, 0],
        ],
      ],
      [
        'event',
        [
          [0, 1],
          [1, 1],
          [0, 0],
          [0, 0],
        ],
      ],
    ]);
  });

  it('puts every developer of the whole funnel in at least one row, per stage', async () => {
    const whole = await call(db.core, 'analytics:get-funnel', PERIOD);
    for (const by of ['channel', 'utm_source', 'utm_medium', 'category'] as const) {
      const report = await funnel(by);
      whole.stages.forEach((stage, i) => {
        const sum = report.rows.reduce((n, r) => n + r.stages[i]!.reached, 0);
        expect(sum, `${by} ${stage.key}`).toBeGreaterThanOrEqual(stage.reached);
        // No row holds more than the whole.
        for (const r of report.rows) expect(r.stages[i]!.reached).toBeLessThanOrEqual(stage.reached);
      });
    }
  });

  it('keeps no "(none)" slice: "(none)" is the whole funnel less every value row, read at query time', async () => {
    const rows = await queryRows<{ dim: string }>(
      db.url,
      "select distinct dim from derived.funnel_bits where dim in ('channel:', 'utm_source:', 'utm_medium:', 'category:')",
    );
    expect(rows).toEqual([]);
  });

  it('puts a developer in "(none)" at a stage only when no activity with a value reached it', async () => {
    // erin: an untagged view and a tagged click, both awareness: in the click's value only.
    const stagesOf = (report: FunnelBreakdown, value: string | null) =>
      report.rows.find((r) => r.value === value)!.stages.map((s) => s.reached);
    const byMedium = await funnel('utm_medium');
    expect(stagesOf(byMedium, 'email')).toEqual([2, 0, 0, 0]); // bob, erin
    expect(stagesOf(byMedium, null)[0]).toBe(2); // carol, dave: not erin
    // alice: a click with utm_source x (awareness) and a signup without (adoption): x at awareness, "(none)" at adoption.
    const bySource = await funnel('utm_source');
    expect(stagesOf(bySource, 'x')).toEqual([2, 0, 0, 0]); // alice, dave
    expect(stagesOf(bySource, null)).toEqual([1, 1, 1, 0]); // carol; bob's attend; alice's signup
  });

  it('is empty for a period without activity', async () => {
    const report = await call(db.core, 'analytics:get-funnel-breakdown', { from: '2025-01-01', to: '2025-02-01', by: 'channel' });
    expect(report).toMatchObject({ developers: 0, rows: [] });
  });

  it('reads rows held as bitsets as it reads lists: every answer the same after a rebuild in bitsets', async () => {
    // The funnel's reader takes a bitset as bytes and a list as text (analytics/funnel-bits-read.ts).
    const answers = async () => ({
      breakdowns: await Promise.all((['channel', 'utm_source', 'utm_medium', 'category'] as const).map(funnel)),
      funnel: await call(db.core, 'analytics:get-funnel', PERIOD),
      web: await call(db.core, 'analytics:get-funnel', { ...PERIOD, source: 'web' }),
      developers: await call(db.core, 'analytics:list-funnel-developers', {
        ...PERIOD,
        stageKey: 'awareness',
        mode: 'reached',
        page: 0,
        pageSize: 50,
      }),
    });
    const forms = async () =>
      (
        await queryRows<{ bitsets: number; lists: number }>(
          db.url,
          'select count(bits)::int as bitsets, count(members)::int as lists from derived.funnel_bits',
        )
      )[0]!;
    const asLists = await answers();
    expect((await forms()).bitsets).toBe(0);
    const was = process.env.DRM_FUNNEL_SPARSE_MAX;
    process.env.DRM_FUNNEL_SPARSE_MAX = '0';
    try {
      await call(db.core, 'stats:rebuild', {});
      expect((await forms()).lists).toBe(0);
      expect(await answers()).toEqual(asLists);
    } finally {
      if (was === undefined) delete process.env.DRM_FUNNEL_SPARSE_MAX;
      else process.env.DRM_FUNNEL_SPARSE_MAX = was;
      await call(db.core, 'stats:rebuild', {});
    }
    expect((await forms()).bitsets).toBe(0);
    expect(asLists.developers.total).toBe(5);
  });
});

describe('ROI breakdowns', () => {
  it('by channel: its campaigns’ cost and credit added', async () => {
    const report = await call(db.core, 'campaigns:get-roi-breakdown', { ...PERIOD, by: 'channel' });
    expect(report).toMatchObject({ by: 'channel', model: 'linear', lookbackDays: 30, currencyReporting: 'JPY' });
    expect(report.rows).toEqual([
      {
        value: 'ads',
        campaigns: 1,
        costReporting: 1000,
        missingRates: [],
        actions: 4,
        conversions: 1,
        costPerConversion: 1000,
        roiPercent: null,
      },
      {
        value: 'event',
        campaigns: 1,
        costReporting: 500,
        missingRates: [],
        actions: 2,
        conversions: 0,
        costPerConversion: null,
        roiPercent: null,
      },
      {
        value: null,
        campaigns: 1,
        costReporting: 0,
        missingRates: [],
        actions: 1,
        conversions: 0,
        costPerConversion: null,
        roiPercent: null,
      },
    ]);
    // Under another model the channel still adds its campaigns' rows (first-touch gives alice's signup to Launch too).
    const first = await call(db.core, 'campaigns:get-roi-breakdown', { ...PERIOD, by: 'channel', model: 'first', lookbackDays: 3 });
    expect(first.rows.map((r) => [r.value, r.actions, r.conversions])).toEqual([
      ['ads', 3, 0],
      ['event', 2, 0],
      [null, 1, 0],
    ]);
  });

  it('by utm_source and category: credit on the activities with the value, no cost', async () => {
    const bySource = await call(db.core, 'campaigns:get-roi-breakdown', { ...PERIOD, by: 'utm_source' });
    expect(bySource.rows.map((r) => [r.value, r.actions, r.conversions, r.costReporting])).toEqual([
      [null, 2, 1, null], // alice's credited signup, bob's attend
      ['x', 3, 0, null], // alice, dave, the anonymous click
      ['newsletter', 2, 0, null],
    ]);
    const byCategory = await call(db.core, 'campaigns:get-roi-breakdown', { ...PERIOD, by: 'category' });
    expect(byCategory.rows.map((r) => [r.value, r.actions, r.conversions])).toEqual([
      [null, 6, 1],
      ['event', 1, 0],
    ]);
    const refused = await callError(db.core, 'campaigns:get-roi-breakdown', { ...PERIOD, by: 'utm_medium', model: 'first' });
    expect(refused).toMatchObject({ code: 'BAD_INPUT' });
    expect(refused.message).toMatch(/break down by channel/);
  });
});

describe('edits move developers between rows', () => {
  it('a campaign’s channel edit moves its developers, and a rebuild changes nothing', async () => {
    await call(db.core, 'campaigns:update', { campaignId: campaigns.quiet!, channel: 'ads' });
    expect(table(await funnel('channel'))).toEqual([
      [
        'ads',
        [
          [3, 3],
          [0, 1],
          [1, 1],
          [0, 0],
        ],
      ], // dave joins alice and erin
      [
        'event',
        [
          [1, 1],
          [1, 1],
          [0, 0],
          [0, 0],
        ],
      ],
      [
        null,
        [
          [1, 1],
          [0, 0],
          [0, 0],
          [0, 0],
        ],
      ], // carol alone
    ]);
    const roi = await call(db.core, 'campaigns:get-roi-breakdown', { ...PERIOD, by: 'channel' });
    expect(roi.rows.map((r) => [r.value, r.campaigns, r.actions])).toEqual([
      ['ads', 2, 5],
      ['event', 1, 2],
    ]);
    expect(await rebuildChanges(db.url)).toEqual([]);
  });

  it('a resource’s category edit moves its developers, and a rebuild changes nothing', async () => {
    const [blog] = await queryRows<{ id: string }>(db.url, "select resource_id as id from resources where external_id = 'b1'");
    await call(db.core, 'resources:update', { resourceId: blog!.id, category: 'video' });
    expect(table(await funnel('category')).map((r) => r[0])).toEqual([null, 'event', 'video']);
    expect(await rebuildChanges(db.url)).toEqual([]);
  });
});

describe('drm report --by', () => {
  const run = (...args: string[]) => drm([...args, '--database-url', db.url]);

  it('prints the funnel and ROI breakdowns as JSON and as tables', async () => {
    const json = await run('report', 'funnel', '--from', PERIOD.from, '--to', PERIOD.to, '--by', 'utm_source', '--json');
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { by: string; rows: { value: string | null; stages: { reached: number }[] }[] };
    expect(parsed.by).toBe('utm_source');
    expect(parsed.rows.map((r) => [r.value, r.stages[0]!.reached])).toEqual([
      [null, 1],
      ['newsletter', 2],
      ['x', 2],
    ]);
    const text = await run('report', 'funnel', '--from', PERIOD.from, '--to', PERIOD.to, '--by', 'channel');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/by channel/);
    expect(text.stdout).toMatch(/\(none\)/);
    const roi = await run('report', 'roi', '--by', 'channel', '--json');
    expect(roi.code).toBe(0);
    expect((JSON.parse(roi.stdout) as { value: string | null }[]).map((r) => r.value)).toEqual(['ads', 'event']);
    const bad = await run('report', 'funnel', '--from', PERIOD.from, '--to', PERIOD.to, '--by', 'country');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--by must be one of channel, utm_source, utm_medium, category/);
  });
});
