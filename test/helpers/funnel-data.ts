/**
 * A small, hand-computed dataset for the funnel, trend, overview and rebuild
 * tests. The tenant's zone is Asia/Tokyo (UTC+9); instants are written in UTC,
 * and the comments give each one's Tokyo day. Default action map: view/click
 * → awareness, attend → engagement, signup → adoption, post → advocacy;
 * `cancel` is mapped to nothing.
 *
 * - Ann (Acme): view 04-02 web [Spring], attend 04-10 connpass, signup 04-20
 *   console (no campaign: multi-touch credit to Spring, touched 18 days before).
 * - Ben: signup 04-05 console (adoption without awareness: at-or-beyond is monotonic).
 * - Cy: view 2026-03-31T15:30Z = 04-01 00:30 web [Spring] (first day of April in Tokyo).
 * - Dee: view 2026-03-31T14:59:59Z = 03-31 23:59:59, attend 2026-04-30T15:00Z =
 *   05-01 00:00, post 03-15: nothing in [04-01, 05-01).
 * - Eve: post 04-15 blog, view 04-16 web.
 * - Fay: no analytics consent; signup 04-03 console. Counted nowhere.
 * - "@Gus" (a name a spreadsheet would run): cancel 04-08 connpass, view 04-09 web.
 * - Hal: cancel 04-12 connpass only: active, but no stage.
 * - anonymous: anon-1 view 04-02 web, anon-2 view 2026-03-31T15:00Z = 04-01
 *   00:00 web, anon-3 click 04-20 shortlink [Spring], anon-1 click 05-01 00:00.
 *
 * Funnel for [2026-04-01, 2026-05-01), per developer the stages reached:
 * Ann {aw, en, ad}, Ben {ad}, Cy {aw}, Eve {aw, adv}, Gus {aw}.
 * reached: awareness 4, engagement 1, adoption 2, advocacy 1;
 * at or beyond: 5, 3, 3, 1; conversion: —, 0.6, 1, 1/3; anonymous 3.
 *
 * Budgets: Spring 100000 JPY 04-10, 200 USD 04-30, 5000 JPY 05-01;
 * Summer 3000 JPY 03-31.
 */
import { expect } from 'vitest';
import type { Core } from '../../src-main/core/types';
import { importFile, queryRows, writeCsv } from './imports';
import { call } from './merges';

export const ZONE = 'Asia/Tokyo';
export const APRIL = { from: '2026-04-01', to: '2026-05-01' };

export const DEVELOPERS_CSV = `display_name,email,organization,consent_analytics
Ann,ann@acme.example,Acme,yes
Ben,ben@gmail.com,,yes
Cy,cy@gmail.com,,yes
Dee,dee@gmail.com,,yes
Eve,eve@gmail.com,,yes
Fay,fay@gmail.com,,no
@Gus,gus@gmail.com,,yes
Hal,hal@gmail.com,,yes
`;

export const CAMPAIGNS_CSV = `name,channel
Spring,web
Summer,event
`;

export const BUDGETS_CSV = `campaign,category,amount,currency,spent_at
Spring,ad,100000,JPY,2026-04-10
Spring,tool,200,USD,2026-04-30
Spring,ad,5000,JPY,2026-05-01
Summer,venue,3000,JPY,2026-03-31
`;

export const ACTIVITIES_CSV = `occurred_at,action,source,email,anon_id,campaign
2026-04-02T03:00:00Z,view,web,ann@acme.example,,Spring
2026-04-10T03:00:00Z,attend,connpass,ann@acme.example,,
2026-04-20T03:00:00Z,signup,console,ann@acme.example,,
2026-04-05T03:00:00Z,signup,console,ben@gmail.com,,
2026-03-31T15:30:00Z,view,web,cy@gmail.com,,Spring
2026-03-31T14:59:59Z,view,web,dee@gmail.com,,
2026-04-30T15:00:00Z,attend,connpass,dee@gmail.com,,
2026-03-15T03:00:00Z,post,blog,dee@gmail.com,,
2026-04-15T03:00:00Z,post,blog,eve@gmail.com,,
2026-04-16T03:00:00Z,view,web,eve@gmail.com,,
2026-04-03T03:00:00Z,signup,console,fay@gmail.com,,
2026-04-08T03:00:00Z,cancel,connpass,gus@gmail.com,,
2026-04-09T03:00:00Z,view,web,gus@gmail.com,,
2026-04-12T03:00:00Z,cancel,connpass,hal@gmail.com,,
2026-04-02T05:00:00Z,view,web,,anon-1,
2026-03-31T15:00:00Z,view,web,,anon-2,
2026-04-20T05:00:00Z,click,shortlink,,anon-3,Spring
2026-04-30T15:00:00Z,click,shortlink,,anon-1,
`;

/** Sets the zone, then imports developers, campaigns, budgets and activities, in that order. */
export async function loadFunnelData(core: Core, dir: string): Promise<void> {
  await call(core, 'settings:update', { timeZoneSetting: ZONE });
  const files = [
    ['developers', DEVELOPERS_CSV],
    ['campaigns', CAMPAIGNS_CSV],
    ['budgets', BUDGETS_CSV],
    ['activities', ACTIVITIES_CSV],
  ] as const;
  for (const [type, text] of files) {
    const job = await importFile(core, writeCsv(dir, `${type}.csv`, text), { type });
    expect(job.status, `${type}: ${job.message ?? ''} ${JSON.stringify(job.errors)}`).toBe('succeeded');
  }
}

/** The stage rows as [key, reached, atOrBeyond, conversionFromPrevious]. */
export const stageNumbers = (report: {
  stages: { key: string; reached: number; atOrBeyond: number; conversionFromPrevious: number | null }[];
}) => report.stages.map((s) => [s.key, s.reached, s.atOrBeyond, s.conversionFromPrevious]);

/** What the user sees and owns: the funnel unfiltered and per filter, a stage's developers, the overview, row counts. */
export async function observeFunnel(on: Core, url: string) {
  const [spring] = await queryRows<{ id: string }>(url, "select campaign_id as id from campaigns where name = 'Spring'");
  const funnels = [];
  for (const filter of [{}, { source: 'web' }, { campaignId: spring!.id }, { campaignId: spring!.id, source: 'web' }]) {
    const report = await call(on, 'analytics:get-funnel', { ...APRIL, ...filter });
    funnels.push(report.stages.map((s) => [s.key, s.reached, s.atOrBeyond]));
  }
  const listed = await call(on, 'analytics:list-funnel-developers', { ...APRIL, stageKey: 'awareness', mode: 'atOrBeyond' });
  const overview = await call(on, 'analytics:get-overview', { ...APRIL, bucket: 'week' });
  const counts = await queryRows(
    url,
    `select (select count(*)::int from activities) as activities, (select count(*)::int from developers) as developers,
            (select count(*)::int from activity_campaigns) as attributions`,
  );
  return {
    funnels,
    listed: listed.rows.map((r) => [r.displayName, r.stage]),
    overview: [overview.developers, overview.activeDevelopers],
    counts,
  };
}
