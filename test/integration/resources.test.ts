/**
 * Resources and event reports (issue 13 §3) on a hand-made dataset with
 * known answers, in UTC:
 * - meetup #1 (group meetup, 2026-01-10): alice and bob register and attend,
 *   carol registers and does not come, dave registers and cancels;
 * - meetup #2 (group meetup, 2026-02-14): alice attends again (repeat), erin
 *   attends without a registration row, carol cancels and re-registers and
 *   does not come, frank cancels;
 * - a webinar without a group (2026-03-01): bob attends (repeat of meetup #1,
 *   no group), erin registers and does not come;
 * - a blog post: alice views it 5 days before her signup (a conversion),
 *   carol 55 days before hers (outside 30 days), dave after his (converted
 *   before), bob with a utm_campaign naming another campaign, one anonymous
 *   view.
 * Then: the blog's campaign set (re-attribution, ROI before/after, rebuild
 * changes nothing), a merge and its undo, and `drm report events`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drm } from '../helpers/cli';
import { rebuildChanges } from '../helpers/derived';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, callError } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('resources');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

const M1 = 'event,Meetup #1,meetup,m1';
const M2 = 'event,Meetup #2,meetup,m2';
const WEB = 'webinar,Webinar,,w1';
const BLOG = 'blog,Blog post,,b1';
const DUP = 'blog,Blog post (copy),,b2';
const FORM = 'form,Signup form,,f1';

const ROWS = [
  ['2026-01-01T10:00:00Z', 'register', 'alice', M1],
  ['2026-01-10T19:00:00Z', 'attend', 'alice', M1],
  ['2026-01-02T10:00:00Z', 'register', 'bob', M1],
  ['2026-01-10T19:05:00Z', 'attend', 'bob', M1],
  ['2026-01-03T10:00:00Z', 'register', 'carol', M1],
  ['2026-01-02T11:00:00Z', 'register', 'dave', M1],
  ['2026-01-05T11:00:00Z', 'cancel', 'dave', M1],
  ['2026-02-01T10:00:00Z', 'register', 'alice', M2],
  ['2026-02-14T19:00:00Z', 'attend', 'alice', M2],
  ['2026-02-14T19:10:00Z', 'attend', 'erin', M2],
  ['2026-02-01T10:00:00Z', 'register', 'carol', M2],
  ['2026-02-03T10:00:00Z', 'cancel', 'carol', M2],
  ['2026-02-05T10:00:00Z', 'register', 'carol', M2],
  ['2026-02-01T12:00:00Z', 'register', 'frank', M2],
  ['2026-02-10T12:00:00Z', 'cancel', 'frank', M2],
  ['2026-03-01T12:00:00Z', 'attend', 'bob', WEB],
  ['2026-02-20T12:00:00Z', 'register', 'erin', WEB],
  ['2026-01-15T09:00:00Z', 'view', 'alice', BLOG],
  ['2026-01-05T09:00:00Z', 'view', 'carol', BLOG],
  ['2026-03-10T09:00:00Z', 'view', 'dave', BLOG],
  ['2026-01-20T09:00:00Z', 'signup', 'alice', ',,,'],
  ['2026-03-01T09:00:00Z', 'signup', 'carol', ',,,'],
  ['2026-02-01T09:00:00Z', 'signup', 'dave', ',,,'],
  ['2026-01-16T09:00:00Z', 'view', 'erin', DUP],
  ['2026-03-12T09:00:00Z', 'signup', 'dave', FORM],
];

let ids: Record<string, string> = {};

async function importRows(name: string, text: string) {
  const file = writeCsv(dir.path, name, text);
  expect(await importFile(db.core, file, { type: 'activities', options: { timezone: 'UTC' } })).toMatchObject({ status: 'succeeded' });
}

beforeAll(async () => {
  const spring = await call(db.core, 'campaigns:create', { name: 'Spring' });
  const other = await call(db.core, 'campaigns:create', { name: 'Other' });
  const header =
    'occurred_at,action,source,email,resource_category,resource_title,resource_group,resource_external_id,campaign,anon_id,utm_campaign';
  const lines = ROWS.map(([at, action, who, resource]) => `${at},${action},web,${who}@example.com,${resource},,,`);
  lines.push('2026-01-17T09:00:00Z,view,web,bob@example.com,blog,Blog post,,b1,,,Other');
  lines.push('2026-01-18T09:00:00Z,view,web,,blog,Blog post,,b1,,anon-1,');
  await importRows('resources.csv', [header, ...lines].join('\n') + '\n');
  const resources = await queryRows<{ external_id: string; id: string }>(db.url, 'select external_id, resource_id as id from resources');
  ids = { ...Object.fromEntries(resources.map((r) => [r.external_id, r.id])), spring: spring.campaignId, other: other.campaignId };
});

const rebuildChangesNothing = () => rebuildChanges(db.url);

describe('resources', () => {
  it('lists, searches and filters resources, with their categories and groups', async () => {
    const all = await call(db.core, 'resources:list', { sort: 'title' });
    expect(all.total).toBe(6);
    expect(all.categories).toEqual(['blog', 'event', 'form', 'webinar']);
    expect(all.groups).toEqual(['meetup']);
    expect(all.rows.map((r) => r.title)).toEqual(['Blog post', 'Blog post (copy)', 'Meetup #1', 'Meetup #2', 'Signup form', 'Webinar']);
    const blog = all.rows[0]!;
    expect(blog).toMatchObject({ category: 'blog', activities: 5, campaignId: null, firstAt: '2026-01-05T09:00:00.000Z' });
    const meetups = await call(db.core, 'resources:list', { groupKey: 'meetup', category: 'event' });
    expect(meetups.rows.map((r) => r.title)).toEqual(['Meetup #2', 'Meetup #1']); // latest activity first
    expect((await call(db.core, 'resources:list', { q: 'COPY' })).rows.map((r) => r.resourceId)).toEqual([ids.b2]);
  });

  it('reports every event figure', async () => {
    const events = await call(db.core, 'resources:get-events', {});
    const pick = (e: (typeof events)[number]) => [
      e.title,
      e.date,
      e.registered,
      e.cancelled,
      e.attended,
      e.noShows,
      e.noShowRate,
      e.firstTime,
      e.repeat,
      e.repeatInGroup,
    ];
    expect(events.map(pick)).toEqual([
      ['Meetup #1', '2026-01-10', 4, 1, 2, 1, 1 / 3, 2, 0, 0],
      ['Meetup #2', '2026-02-14', 4, 1, 2, 1, 1 / 3, 1, 1, 1],
      ['Webinar', '2026-03-01', 2, 0, 1, 1, 0.5, 0, 1, null],
    ]);
    expect((await call(db.core, 'resources:get-events', { from: '2026-02-01', to: '2026-03-01' })).map((e) => e.title)).toEqual([
      'Meetup #2',
    ]);
    expect((await call(db.core, 'resources:get-events', { groupKey: 'meetup' })).map((e) => e.title)).toEqual(['Meetup #1', 'Meetup #2']);
  });

  it("shows an event's page: actions over time, developers, stages before and 30 days after, its series", async () => {
    const report = await call(db.core, 'resources:get-report', { resourceId: ids.m1!, bucket: 'week' });
    expect(report.developers).toBe(4);
    expect(report.actions).toEqual([
      { action: 'register', activities: 4, developers: 4 },
      { action: 'attend', activities: 2, developers: 2 },
      { action: 'cancel', activities: 1, developers: 1 },
    ]);
    // Weeks start on Monday: 2025-12-29 holds Jan 1–3, 2026-01-05 holds the cancel and the attendances.
    expect(report.timeline).toEqual([
      { period: '2025-12-29', action: 'register', activities: 4 },
      { period: '2026-01-05', action: 'attend', activities: 2 },
      { period: '2026-01-05', action: 'cancel', activities: 1 },
    ]);
    // alice: awareness before, adoption (signup 01-20) within 30 days; bob: awareness, then engagement.
    expect(report.event?.stages).toEqual([
      { stage: 'awareness', before: 2, after: 0 },
      { stage: 'engagement', before: 0, after: 1 },
      { stage: 'adoption', before: 0, after: 1 },
      { stage: 'advocacy', before: 0, after: 0 },
      { stage: null, before: 0, after: 0 },
    ]);
    expect(report.event?.advanced).toBe(2);
    expect(report.event?.series.map((e) => e.title)).toEqual(['Meetup #1', 'Meetup #2']);
    // The page's figures are the events report's row, whether taken from the series or read alone.
    const events = await call(db.core, 'resources:get-events', {});
    expect(report.event?.figures).toEqual(events.find((e) => e.resourceId === ids.m1));
    const webinar = (await call(db.core, 'resources:list', { category: 'webinar' })).rows[0]!;
    const alone = await call(db.core, 'resources:get-report', { resourceId: webinar.resourceId, bucket: 'week' });
    expect(alone.event?.series).toEqual([]);
    expect(alone.event?.figures).toEqual(events.find((e) => e.resourceId === webinar.resourceId));
    expect(alone.event?.figures.attended).toBeGreaterThan(0);
    expect(report.content).toBeNull();
    // Highest stages of the four: alice and carol and dave reached adoption, bob engagement.
    expect(report.stageMix).toEqual([
      { stage: 'engagement', developers: 1 },
      { stage: 'adoption', developers: 3 },
    ]);
  });

  it('counts content conversions within 30 days of the first touch', async () => {
    const report = await call(db.core, 'resources:get-report', { resourceId: ids.b1!, bucket: 'day' });
    expect(report.event).toBeNull();
    expect(report.anonymousActivities).toBe(1);
    expect(report.content).toEqual({ developers: 4, conversionStage: 'adoption', conversions: 1, convertedBefore: 1 });
    expect(report.campaigns).toEqual([{ campaignId: ids.other, name: 'Other', activities: 1, weight: 1 }]);
  });

  it("re-attributes a resource's activities when its campaign is set, and a rebuild changes nothing", async () => {
    const roi = async (name: string) => (await call(db.core, 'campaigns:get-roi', {})).campaigns.find((c) => c.campaign === name);
    expect(await roi('Spring')).toMatchObject({ actions: 0, conversions: 0 });
    const edited = await call(db.core, 'resources:update', { resourceId: ids.b1!, campaignId: ids.spring!, title: 'Blog post, edited' });
    // alice, carol, dave and the anonymous view; bob's utm_campaign named its own campaign and keeps it.
    expect(edited.reattributed).toBe(4);
    expect(edited.resource).toMatchObject({ campaignName: 'Spring', title: 'Blog post, edited', externalId: 'b1' });
    // Four views, and two signups credited to Spring within the 30-day lookback: alice's (5 days after
    // her view) and dave's on the form (2 days after his).
    expect(await roi('Spring')).toMatchObject({ actions: 6, conversions: 2 });
    expect(await roi('Other')).toMatchObject({ actions: 1, conversions: 0 });
    const report = await call(db.core, 'resources:get-report', { resourceId: ids.b1!, bucket: 'day' });
    expect(report.campaigns.map((c) => [c.name, c.activities])).toEqual([
      ['Spring', 4],
      ['Other', 1],
    ]);
    expect(await rebuildChangesNothing()).toEqual([]);
    // And back: no campaign again.
    expect((await call(db.core, 'resources:update', { resourceId: ids.b1!, campaignId: null })).reattributed).toBe(4);
    expect(await roi('Spring')).toMatchObject({ actions: 0, conversions: 0 });
    expect(await rebuildChangesNothing()).toEqual([]);
    expect(
      await callError(db.core, 'resources:update', { resourceId: ids.b1!, campaignId: '00000000-0000-4000-8000-000000000000' }),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('merges a duplicate into the kept resource, its activities following the campaign, and undoes it', async () => {
    await call(db.core, 'resources:update', { resourceId: ids.b1!, campaignId: ids.spring! });
    const merged = await call(db.core, 'resources:merge', { intoId: ids.b1!, fromId: ids.b2! });
    expect(merged.moved).toBe(1);
    expect((await call(db.core, 'resources:get', { resourceId: ids.b1! })).activities).toBe(6);
    expect(await callError(db.core, 'resources:get', { resourceId: ids.b2! })).toMatchObject({ code: 'NOT_FOUND' });
    const report = await call(db.core, 'resources:get-report', { resourceId: ids.b1!, bucket: 'day' });
    expect(report.campaigns.map((c) => [c.name, c.activities])).toEqual([
      ['Spring', 5],
      ['Other', 1],
    ]);
    const audit = await queryRows<{ merged: { resource_id: string; title: string }[] }>(
      db.url,
      "select attributes -> 'merged_from' as merged from resources where resource_id = $1",
      [ids.b1],
    );
    expect(audit[0]!.merged).toMatchObject([{ resource_id: ids.b2, title: 'Blog post (copy)' }]);
    expect(await rebuildChangesNothing()).toEqual([]);

    expect(await call(db.core, 'resources:undo-merge', { undoToken: merged.undoToken })).toEqual({ resourceId: ids.b2 });
    expect(await call(db.core, 'resources:get', { resourceId: ids.b2! })).toMatchObject({
      title: 'Blog post (copy)',
      activities: 1,
      campaignId: null,
    });
    expect((await call(db.core, 'resources:get-report', { resourceId: ids.b2!, bucket: 'day' })).campaigns).toEqual([]);
    expect(await rebuildChangesNothing()).toEqual([]);
    expect(await callError(db.core, 'resources:undo-merge', { undoToken: merged.undoToken })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await callError(db.core, 'resources:merge', { intoId: ids.b1!, fromId: ids.b1! })).toMatchObject({ code: 'BAD_INPUT' });
  });

  it('gives a conversion on a resource that gets a campaign a direct attribution instead of multi-touch credit', async () => {
    const roi = async (name: string) => (await call(db.core, 'campaigns:get-roi', {})).campaigns.find((c) => c.campaign === name);
    // The blog is Spring's again (the undo put it back as it was before the merge).
    expect(await roi('Spring')).toMatchObject({ conversions: 2 });
    expect((await call(db.core, 'resources:update', { resourceId: ids.f1!, campaignId: ids.other! })).reattributed).toBe(1);
    expect(await roi('Spring')).toMatchObject({ conversions: 1 });
    expect(await roi('Other')).toMatchObject({ actions: 2, conversions: 1 });
    const rows = await queryRows<{ weight: string; multi: boolean }>(
      db.url,
      `select ac.weight::text, substr(ac.activity_campaign_id::text, 15, 1) = '8' as multi
         from activity_campaigns ac join activities a on a.activity_id = ac.activity_id where a.resource_id = $1`,
      [ids.f1],
    );
    expect(rows).toEqual([{ weight: '1.0', multi: false }]);
    expect(await rebuildChangesNothing()).toEqual([]);
  });

  it('prints the events report from the CLI, as JSON and as a table', async () => {
    const run = (...args: string[]) => drm([...args, '--database-url', db.url]);
    const json = await run('report', 'events', '--group', 'meetup', '--json');
    expect(json.stderr).toBe('');
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      {
        resource: ids.m1,
        title: 'Meetup #1',
        date: '2026-01-10',
        registered: 4,
        cancelled: 1,
        attended: 2,
        noShowRate: 1 / 3,
        firstTime: 2,
        repeat: 0,
      },
      {
        resource: ids.m2,
        title: 'Meetup #2',
        date: '2026-02-14',
        registered: 4,
        cancelled: 1,
        attended: 2,
        noShowRate: 1 / 3,
        firstTime: 1,
        repeat: 1,
      },
    ]);
    const table = await run('report', 'events', '--from', '2026-03-01');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Webinar');
    expect(table.stdout).toContain('50.0 %');
    expect(table.stdout).not.toContain('Meetup');
    expect((await run('report', 'events', '--from', 'March')).code).toBe(2);
  });

  it('counts a resource of any category as an event once connpass attendances name it, and no other', async () => {
    await importRows(
      'connpass-page.csv',
      [
        'occurred_at,action,source,email,resource_category,resource_title,resource_external_id',
        '2026-04-02T10:00:00Z,register,connpass,gina@example.com,page,Launch page,p1',
        '2026-04-05T19:00:00Z,attend,connpass,gina@example.com,page,Launch page,p1',
        // The same actions from another source do not make a resource an event.
        '2026-04-05T19:00:00Z,attend,web,hana@example.com,page,Other page,p2',
      ].join('\n') + '\n',
    );
    const pages = await queryRows<{ external_id: string; id: string }>(
      db.url,
      "select external_id, resource_id as id from resources where category = 'page' order by external_id",
    );
    const [launch, other] = pages.map((r) => r.id);
    const report = await call(db.core, 'resources:get-report', { resourceId: launch!, bucket: 'week' });
    expect(report.event?.figures).toMatchObject({ title: 'Launch page', date: '2026-04-05', registered: 1, attended: 1, repeat: 0 });
    expect((await call(db.core, 'resources:get-report', { resourceId: other!, bucket: 'week' })).event).toBeNull();
    const events = await call(db.core, 'resources:get-events', { from: '2026-04-01' });
    expect(events.map((e) => e.title)).toEqual(['Launch page']);
  });
});
