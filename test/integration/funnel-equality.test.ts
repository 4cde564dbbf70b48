/**
 * The regression guard of the funnel's numbers (issue 12): whatever
 * structure answers them, the funnel (every period shape, with and without
 * a campaign, a source or both), its developer lists and CSV export, and the
 * overview's developer counts equal a plain SQL recomputation from the
 * spec's tables — activities, activity_campaigns, the action map, consent
 * and the merge log — here, after merges, after a consent withdrawn, after
 * an unmerge and after an action-map edit, each also equal to what
 * `stats:rebuild` writes.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FunnelReport } from '../../src-shared/contract/analytics';
import { checksumDifferences, derivedChecksums } from '../../bench/checksums';
import { Rng } from '../../bench/generate/rng';
import { rebuiltChecksums } from '../../bench/merges-pairs';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { MERGED_AWAY_SQL } from '../../src-main/core/identity/merged-away';
import { useCoreOnTestDatabase } from '../helpers/database';
import { loadFunnelData, ZONE } from '../helpers/funnel-data';
import { importFile, writeCsv } from '../helpers/imports';
import { call, developerId } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const t = useCoreOnTestDatabase();
const dir = makeTempDir('funnel-equality');

const PERIODS = [
  { from: '2026-04-01', to: '2026-05-01' }, // a month
  { from: '2026-01-01', to: '2026-04-01' }, // a quarter
  { from: '2025-07-01', to: '2026-07-01' }, // a year across two calendar years
  { from: '2026-04-01', to: '2026-04-02' }, // one day
  { from: '2025-11-17', to: '2026-02-09' }, // unaligned on both ends
  { from: '1970-01-01', to: '2100-01-01' }, // everything the app keeps
];
const SOURCES = ['web', 'connpass', 'console', 'blog', 'ads'];
const CAMPAIGNS = ['Spring', 'Summer', 'G1', 'G2'];

/**
 * 40 people over 15 months, several sources and campaigns each, every
 * action of the default map plus an unmapped one, conversions with and
 * without a campaign (multi-touch credit), and anonymous activity. p07 and
 * p23 have no analytics consent.
 */
function generated(): { developers: string; activities: string } {
  // Seeded, so a failure reproduces.
  const random = new Rng(12);
  const next = (n: number) => Math.floor(random.next() * n);
  const actions = ['view', 'click', 'attend', 'signup', 'post', 'cancel'];
  const lines = ['occurred_at,action,source,email,anon_id,campaign'];
  const start = Date.parse('2025-06-01T00:00:00Z');
  for (let p = 0; p < 40; p++) {
    const email = `p${String(p).padStart(2, '0')}@example.com`;
    const events = 1 + next(25);
    for (let e = 0; e < events; e++) {
      const when = new Date(start + next(450) * 86_400_000 + next(86_400) * 1000).toISOString();
      const campaign = next(3) === 0 ? (CAMPAIGNS[next(CAMPAIGNS.length)] ?? '') : '';
      lines.push(`${when},${actions[next(actions.length)]},${SOURCES[next(SOURCES.length)]},${email},,${campaign}`);
    }
  }
  for (let a = 0; a < 10; a++) {
    const when = new Date(start + next(450) * 86_400_000).toISOString();
    lines.push(`${when},click,ads,,anon-g${a},${CAMPAIGNS[next(CAMPAIGNS.length)]}`);
  }
  return {
    developers: 'display_name,email,consent_analytics\nP07,p07@example.com,no\nP23,p23@example.com,no\n',
    activities: `${lines.join('\n')}\n`,
  };
}

let reader: pg.Client;
const campaignIds = new Map<string, string>();

beforeAll(async () => {
  await loadFunnelData(t.core, dir.path);
  const g = generated();
  for (const [name, text, type] of [
    ['g-campaigns.csv', 'name,channel\nG1,web\nG2,event\n', 'campaigns'],
    ['g-developers.csv', g.developers, 'developers'],
    ['g-activities.csv', g.activities, 'activities'],
  ] as const) {
    const job = await importFile(t.core, writeCsv(dir.path, name, text), { type, options: { timezone: 'UTC' } });
    expect(job, JSON.stringify(job.errors)).toMatchObject({ status: 'succeeded', rejected: 0 });
  }
  reader = new pg.Client(t.url);
  await reader.connect();
  const { rows } = await reader.query<{ name: string; id: string }>('select name, campaign_id as id from campaigns');
  for (const r of rows) campaignIds.set(r.name, r.id);
});
afterAll(async () => {
  await reader?.end();
  dir.remove();
});

interface Filter {
  campaign?: string;
  source?: string;
}

/** Every filter the funnel offers: none, each source, each campaign, and campaign × source pairs. */
const FILTERS: Filter[] = [
  {},
  ...SOURCES.map((source) => ({ source })),
  ...CAMPAIGNS.map((campaign) => ({ campaign })),
  { campaign: 'Spring', source: 'web' },
  { campaign: 'G1', source: 'ads' },
  { campaign: 'G2', source: 'console' },
];

/**
 * Per counted developer (analytics consent, not merged away), the orders of
 * the stages reached in [from, to) under the filter, straight from the
 * spec's tables; and each developer's last action, for the lists' order.
 */
async function reachedFromActivities(period: { from: string; to: string }, f: Filter) {
  const { rows } = await reader.query<{ id: string; orders: number[]; last: Date | null }>(
    `select a.developer_id as id, array_agg(distinct fs.order_no) as orders, max(s.last_action_at) as last
       from activities a
       join developers d on d.developer_id = a.developer_id and d.consent_analytics and not ${MERGED_AWAY_SQL('d.developer_id')}
       join activity_funnel_map fm on fm.tenant_id = a.tenant_id and fm.action = a.action
       join funnel_stages fs on fs.stage_key = fm.stage_key
       left join developer_stats s on s.developer_id = a.developer_id
      where a.tenant_id = $1 and (a.occurred_at at time zone $2)::date >= $3::date and (a.occurred_at at time zone $2)::date < $4::date
        and ($5::text is null or a.source = $5)
        and ($6::uuid is null or exists (select 1 from activity_campaigns ac where ac.activity_id = a.activity_id and ac.campaign_id = $6))
      group by a.developer_id`,
    [DEFAULT_TENANT, ZONE, period.from, period.to, f.source ?? null, f.campaign ? campaignIds.get(f.campaign) : null],
  );
  return rows.map((r) => ({ id: r.id, top: Math.max(...r.orders), orders: new Set(r.orders), last: r.last?.getTime() ?? null }));
}

type Reached = Awaited<ReturnType<typeof reachedFromActivities>>;
type Mode = 'reached' | 'atOrBeyond' | 'dropOff';

function inMode(r: Reached[number], order: number, mode: Mode): boolean {
  if (mode === 'reached') return r.orders.has(order);
  if (mode === 'atOrBeyond') return r.top >= order;
  return r.top === order;
}

/** The list's order: most recent last action first (none last), then id. */
const listOrder = (rows: Reached) =>
  [...rows].sort((a, b) => (b.last ?? -Infinity) - (a.last ?? -Infinity) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => r.id);

const query = (period: { from: string; to: string }, f: Filter) => ({
  ...period,
  ...(f.campaign ? { campaignId: campaignIds.get(f.campaign)! } : {}),
  ...(f.source ? { source: f.source } : {}),
});

/** Checks every period × filter: counts per stage, and the stage lists of the given modes. */
async function expectFunnelsEqual(
  listed: { period: number; modes: Mode[] }[] = [{ period: 0, modes: ['reached', 'atOrBeyond', 'dropOff'] }],
) {
  let nonEmpty = 0;
  for (const [p, period] of PERIODS.entries()) {
    for (const f of FILTERS) {
      const expected = await reachedFromActivities(period, f);
      const report: FunnelReport = await call(t.core, 'analytics:get-funnel', query(period, f));
      const what = `${period.from}…${period.to} ${JSON.stringify(f)}`;
      expect(
        report.stages.map((s) => [s.key, s.reached, s.atOrBeyond]),
        what,
      ).toEqual(
        report.stages.map((s) => [
          s.key,
          expected.filter((r) => r.orders.has(s.order)).length,
          expected.filter((r) => r.top >= s.order).length,
        ]),
      );
      if (expected.length > 0) nonEmpty++;
      const modes = listed.find((l) => l.period === p)?.modes ?? [];
      for (const stage of modes.length > 0 ? report.stages : []) {
        for (const mode of modes) {
          const ids = listOrder(expected.filter((r) => inMode(r, stage.order, mode)));
          const input = { ...query(period, f), stageKey: stage.key, mode };
          const page = await call(t.core, 'analytics:list-funnel-developers', { ...input, page: 0, pageSize: 200 });
          expect(page.total, `${what} ${stage.key} ${mode}`).toBe(ids.length);
          expect(
            page.rows.map((r) => r.developerId),
            `${what} ${stage.key} ${mode}`,
          ).toEqual(ids);
          const top = new Map(expected.map((r) => [r.id, r.top]));
          for (const row of page.rows) expect(report.stages.find((s) => s.key === row.stage)?.order).toBe(top.get(row.developerId));
          const csv = await call(t.core, 'analytics:export-funnel-developers', { ...input, language: 'en' });
          const csvIds = csv.content
            .trim()
            .split(/\r?\n/)
            .slice(1)
            .map((line) => line.split(',')[0]);
          expect(csvIds, `${what} ${stage.key} ${mode} csv`).toEqual(ids);
        }
      }
    }
  }
  // The comparison is not vacuous: most combinations have developers.
  expect(nonEmpty).toBeGreaterThan((PERIODS.length * FILTERS.length) / 2);
}

/** The overview's developers (visible, with consent) and active developers (an activity in the 30 days up to `to`). */
async function expectOverviewEqual() {
  for (const to of ['2026-05-01', '2026-01-15', '2025-06-03']) {
    const overview = await call(t.core, 'analytics:get-overview', { from: '2025-01-01', to, bucket: 'month' });
    const { rows } = await reader.query<{ developers: number; active: number }>(
      `select (select count(*)::int from developers d where d.tenant_id = $1 and d.consent_analytics and not ${MERGED_AWAY_SQL('d.developer_id')}) as developers,
              (select count(distinct a.developer_id)::int from activities a
                 join developers d on d.developer_id = a.developer_id and d.consent_analytics and not ${MERGED_AWAY_SQL('d.developer_id')}
                where a.tenant_id = $1 and (a.occurred_at at time zone $2)::date >= $3::date - 30 and (a.occurred_at at time zone $2)::date < $3::date) as active`,
      [DEFAULT_TENANT, ZONE, to],
    );
    expect([overview.developers, overview.activeDevelopers], `overview to ${to}`).toEqual([rows[0]!.developers, rows[0]!.active]);
  }
}

async function expectRebuildEqual() {
  expect(checksumDifferences(await rebuiltChecksums(reader, DEFAULT_TENANT), await derivedChecksums(reader, DEFAULT_TENANT))).toEqual([]);
}

// Each case asks the funnel, its lists and the overview a few hundred times: room for a busy machine.
describe('the funnel equals a recomputation from the activities', { timeout: 300_000 }, () => {
  it('after the imports, for every period and filter, with its lists and CSV', async () => {
    await expectFunnelsEqual([
      { period: 0, modes: ['reached', 'atOrBeyond', 'dropOff'] },
      { period: 2, modes: ['atOrBeyond'] },
    ]);
    await expectOverviewEqual();
    await expectRebuildEqual();
  });

  let mergeId = '';
  it('after merges: consent withdrawn by the merge, and two consenting records', async () => {
    // p07 withholds consent: merging it into p03 takes p03's activities out of every count.
    const withdrawn = await call(t.core, 'developers:merge', {
      intoId: await developerId(t.url, 'p03@example.com'),
      fromId: await developerId(t.url, 'p07@example.com'),
    });
    expect(withdrawn.mergeId).toBeTruthy();
    ({ mergeId } = await call(t.core, 'developers:merge', {
      intoId: await developerId(t.url, 'p11@example.com'),
      fromId: await developerId(t.url, 'ann@acme.example'),
    }));
    await expectFunnelsEqual();
    await expectOverviewEqual();
    await expectRebuildEqual();
  });

  it('after a consent withdrawn by an edit, and an unmerge', async () => {
    await call(t.core, 'developers:update', { developerId: await developerId(t.url, 'p15@example.com'), consentAnalytics: false });
    await expectFunnelsEqual();
    await call(t.core, 'developers:unmerge', { mergeId });
    await expectFunnelsEqual([{ period: 2, modes: ['reached'] }]);
    await expectOverviewEqual();
    await expectRebuildEqual();
  });

  it('after an action-map edit', async () => {
    await call(t.core, 'settings:map-action', { action: 'cancel', stageKey: 'engagement' });
    await expectFunnelsEqual([]);
    await expectOverviewEqual();
    await expectRebuildEqual();
  });
});
