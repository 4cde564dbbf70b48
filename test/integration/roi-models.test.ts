/**
 * ROI under every attribution model and lookback equals what the definition
 * gives when computed from the raw rows (DESIGN.md, "Attribution"; issue 12
 * section 3): per campaign, the direct weights of counted activities in the
 * period, plus each conversion's multi-touch credit (creditSql over the
 * developer's direct touches of the 365 days before it) for conversions in the
 * period. Checked on the hand-computed campaign dataset (budgets in two
 * currencies) plus a generated one with ties, many breakpoints and direct
 * conversions, through merges, an unmerge, a consent change and a campaign
 * deleted and restored; and what every refresh leaves equals a rebuild.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoiReport } from '../../src-shared/contract/campaigns';
import { dbOn } from '../../src-main/core/db/db';
import { creditSql } from '../../src-main/core/derived/attribution';
import { lookbackInterval, MAX_LOOKBACK_DAYS } from '../../src-main/core/derived/lookback';
import { rebuildDerived, refreshDerived } from '../../src-main/core/derived/refresh';
import { loadCampaignData } from '../helpers/campaign-data';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, writeCsv } from '../helpers/imports';
import { call, developerId } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('roi-models');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

const MODELS = ['first', 'last', 'linear'] as const;
const LOOKBACKS = [1, 3, 11, 14, 30, 31, 90, 365];
const PERIODS: { from?: string; to?: string }[] = [{}, { from: '2026-01-31', to: '2026-02-06' }, { from: '2025-09-01', to: '2026-03-01' }];

/** A small deterministic generator (LCG), so a failure reproduces. */
function rng(seed: number) {
  let s = seed;
  return (n: number) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s % n;
  };
}

/**
 * 24 people over 14 months: clicks on campaigns G1–G5 (some two at one
 * instant: ties), signups without a campaign (multi-touch) and a few with one
 * (direct), anonymous clicks; g03 has no analytics consent.
 */
function generated(): { developers: string; activities: string } {
  const next = rng(7);
  const lines = ['occurred_at,action,source,email,anon_id,campaign'];
  const start = Date.parse('2025-01-10T00:00:00Z');
  const at = (ms: number) => new Date(ms).toISOString();
  for (let p = 0; p < 24; p++) {
    const email = `g${String(p).padStart(2, '0')}@example.com`;
    const events = 3 + next(14);
    for (let e = 0; e < events; e++) {
      const when = start + next(420) * 86_400_000 + next(24) * 3_600_000 + next(2) * 1;
      const kind = next(10);
      if (kind < 6) {
        lines.push(`${at(when)},click,web,${email},,G${1 + next(5)}`);
        // A second campaign at the same instant: a tie first and last touch break by campaign id.
        if (next(5) === 0) lines.push(`${at(when)},click,ads,${email},,G${1 + next(5)}`);
      } else if (kind < 9) {
        lines.push(`${at(when)},signup,web,${email},,`);
      } else {
        lines.push(`${at(when)},signup,web,${email},,G${1 + next(5)}`);
      }
    }
  }
  for (let a = 0; a < 6; a++) lines.push(`${at(start + next(420) * 86_400_000)},click,ads,,anon-g${a},G${1 + next(5)}`);
  return { developers: 'display_name,email,consent_analytics\nG03,g03@example.com,false\n', activities: `${lines.join('\n')}\n` };
}

async function load(name: string, text: string, type: 'activities' | 'developers') {
  const job = await importFile(db.core, writeCsv(dir.path, name, text), { type, options: { timezone: 'UTC' } });
  expect(job, JSON.stringify(job.errors)).toMatchObject({ status: 'succeeded', rejected: 0 });
}

/** One connection for the reference queries (hundreds of them). */
let reader: pg.Client | undefined;
afterAll(() => reader?.end());
const rows = async <T extends pg.QueryResultRow>(text: string, values: unknown[]) => (await reader!.query<T>(text, values)).rows;

beforeAll(async () => {
  reader = new pg.Client(db.url);
  await reader.connect();
  await loadCampaignData(db.core, dir.path);
  const g = generated();
  await load('g-developers.csv', g.developers, 'developers');
  await load('g-activities.csv', g.activities, 'activities');
});

/** `{ campaign: [actions, conversions] }` from the raw rows, summed as campaigns:get-roi sums them. */
async function reference(model: (typeof MODELS)[number], lookback: number, period: { from?: string; to?: string }) {
  // $1 from, $2 to (days, UTC: the dataset's zone), conversions = actions mapped to the tenant's conversion stage.
  const inPeriod = (column: string) => `($1::date is null or ${column} >= $1::date) and ($2::date is null or ${column} < $2::date)`;
  const counted = `(a.developer_id is null or d.consent_analytics)`;
  const conversion = `a.action in (select m.action from activity_funnel_map m join app.tenant_settings s using (tenant_id) where m.stage_key = s.conversion_stage)`;
  const direct = await rows<{ name: string; actions: string; conversions: string }>(
    `select c.name, sum(ac.weight)::text as actions, coalesce(sum(ac.weight) filter (where ${conversion}), 0)::text as conversions
       from activity_campaigns ac join activities a using (activity_id) join campaigns c using (campaign_id)
       left join developers d on d.developer_id = a.developer_id
      where substr(ac.activity_campaign_id::text, 15, 1) <> '8' and ${counted}
        and ${inPeriod("(a.occurred_at at time zone 'UTC')::date")}
      group by c.name`,
    [period.from ?? null, period.to ?? null],
  );
  const touches = `(select a.activity_id as conversion_id, a.occurred_at as converted_at, ac.campaign_id, t.occurred_at as touched_at
       from activities a join developers d on d.developer_id = a.developer_id and d.consent_analytics
       join activities t on t.developer_id = a.developer_id and t.occurred_at <= a.occurred_at
        and t.occurred_at >= a.occurred_at - ${lookbackInterval(String(MAX_LOOKBACK_DAYS))}
       join activity_campaigns ac on ac.activity_id = t.activity_id and substr(ac.activity_campaign_id::text, 15, 1) <> '8'
      where ${conversion} and ${inPeriod("(a.occurred_at at time zone 'UTC')::date")}
        and not exists (select 1 from activity_campaigns x where x.activity_id = a.activity_id and substr(x.activity_campaign_id::text, 15, 1) <> '8')
      group by 1, 2, 3, 4)`;
  const multi = await rows<{ name: string; weight: string }>(
    `select c.name, sum(cr.weight)::text as weight from (${creditSql(model, touches, '$3::int')}) cr join campaigns c using (campaign_id) group by c.name`,
    [period.from ?? null, period.to ?? null, lookback],
  );
  // Under the tenant's own model and lookback, ROI sums both kinds in one numeric sum (campaign_daily);
  // under another it adds the multi-touch sum to the direct one as numbers.
  const [own] = await rows<{ own: boolean }>('select attribution_model = $1 and lookback_days = $2 as own from app.tenant_settings', [
    model,
    lookback,
  ]);
  const sums = new Map<string, [string[], string[]]>();
  const add = (name: string, actions: string, conversions: string) => {
    const s = sums.get(name) ?? [[], []];
    s[0].push(actions);
    s[1].push(conversions);
    sums.set(name, s);
  };
  for (const r of direct) add(r.name, r.actions, r.conversions);
  for (const r of multi) add(r.name, r.weight, r.weight);
  const out: Record<string, [number, number]> = {};
  for (const [name, [actions, conversions]] of sums) {
    const total = async (parts: string[]) =>
      own!.own
        ? Number((await rows<{ t: string }>('select sum(x)::text as t from unnest($1::numeric[]) x', [parts]))[0]!.t)
        : parts.reduce((t, p) => t + Number(p), 0);
    out[name] = [await total(actions), await total(conversions)];
  }
  return out;
}

/** `{ campaign: [actions, conversions] }` as campaigns:get-roi answers, campaigns with none left out. */
async function answered(model: (typeof MODELS)[number], lookback: number, period: { from?: string; to?: string }) {
  const report: RoiReport = await call(db.core, 'campaigns:get-roi', { ...period, model, lookbackDays: lookback });
  const out: Record<string, [number, number]> = {};
  for (const c of report.campaigns) if (c.actions !== 0 || c.conversions !== 0) out[c.campaign] = [c.actions, c.conversions];
  return out;
}

async function expectEveryModelAndLookback(): Promise<void> {
  let multiTouch = 0;
  for (const model of MODELS) {
    for (const lookback of LOOKBACKS) {
      for (const period of PERIODS) {
        const expected = await reference(model, lookback, period);
        const label = `${model} ${lookback} d ${JSON.stringify(period)}`;
        expect(await answered(model, lookback, period), label).toEqual(expected);
        if (Object.values(expected).some(([a]) => !Number.isInteger(a))) multiTouch++;
      }
    }
  }
  // The comparison means something only if fractional (multi-touch) credit is in it.
  expect(multiTouch).toBeGreaterThan(10);
}

/** Everything refreshes write that a rebuild writes too, by value. */
async function derivedState(client: pg.Client) {
  return {
    attributions: (
      await client.query('select activity_campaign_id, activity_id, campaign_id, weight::text from activity_campaigns order by 1')
    ).rows,
    steps: (await client.query('select * from derived.roi_steps order by tenant_id, model, campaign_id, day')).rows,
    inputs: (await client.query('select * from derived.roi_inputs order by tenant_id, developer_id')).rows,
  };
}

async function expectRefreshEqualsRebuild(): Promise<void> {
  const client = new pg.Client(db.url);
  await client.connect();
  try {
    const incremental = await derivedState(client);
    expect(incremental.steps.length).toBeGreaterThan(0);
    await client.query('begin');
    await client.query('truncate derived.roi_steps, derived.roi_inputs');
    await rebuildDerived(dbOn(client), 'default');
    expect(await derivedState(client)).toEqual(incremental);
    await client.query('rollback');
  } finally {
    await client.end();
  }
}

describe('ROI under every model and lookback', () => {
  it('equals the definition over the raw rows after the imports', async () => {
    await expectEveryModelAndLookback();
    await expectRefreshEqualsRebuild();
  });

  it('still does after merges, an unmerge, consent changes and a campaign deleted and restored', async () => {
    const [g01, g02, g04, g05, g03, carol] = await Promise.all(
      ['g01', 'g02', 'g04', 'g05', 'g03']
        .map((p) => developerId(db.url, `${p}@example.com`))
        .concat(developerId(db.url, 'carol@example.com')),
    );
    await call(db.core, 'developers:merge', { intoId: g01!, fromId: g02! });
    // A developer without consent takes a consenting one's history, and the other way round.
    await call(db.core, 'developers:merge', { intoId: g03!, fromId: g04! });
    const { mergeId } = await call(db.core, 'developers:merge', { intoId: g05!, fromId: carol! });
    await expectEveryModelAndLookback();
    await expectRefreshEqualsRebuild();
    await call(db.core, 'developers:unmerge', { mergeId });
    await call(db.core, 'developers:update', { developerId: g01!, consentAnalytics: false });
    await expectEveryModelAndLookback();
    await expectRefreshEqualsRebuild();
    const g2 = (await call(db.core, 'campaigns:list', { q: 'G2' })).find((c) => c.name === 'G2')!;
    const { undoToken } = await call(db.core, 'campaigns:delete', { campaignId: g2.campaignId });
    await expectRefreshEqualsRebuild();
    await call(db.core, 'campaigns:restore', { undoToken });
    await call(db.core, 'developers:update', { developerId: g01!, consentAnalytics: true });
    await expectEveryModelAndLookback();
    await expectRefreshEqualsRebuild();
  });

  it('still does after the tenant changes its own model and lookback', async () => {
    await call(db.core, 'settings:update', { attributionModel: 'first', lookbackDays: 14 });
    await expectEveryModelAndLookback();
    await call(db.core, 'settings:update', { attributionModel: 'last', lookbackDays: 90 });
    await expectEveryModelAndLookback();
    await expectRefreshEqualsRebuild();
  });

  it('adds up two transactions that change one row at the same time', async () => {
    // alice and bob both convert on 2026-01-31 with A among their touches: one roi_steps row per model.
    const [alice, bob] = await Promise.all(['alice@example.com', 'bob@example.com'].map((e) => developerId(db.url, e)));
    const first = new pg.Client(db.url);
    const second = new pg.Client(db.url);
    await Promise.all([first.connect(), second.connect()]);
    try {
      const withdraw = async (client: pg.Client, id: string) => {
        await client.query('update developers set consent_analytics = false where developer_id = $1', [id]);
        await refreshDerived(dbOn(client), 'default', { developers: [id], span: null });
      };
      await first.query('begin');
      await second.query('begin');
      await withdraw(first, alice!);
      const pid = (await second.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
      const later = withdraw(second, bob!);
      // The second waits for the first's row lock before the first commits.
      // pg_blocking_pids, not pg_stat_activity's wait event: the tests connect as drm_owner through a
      // superuser login, and a role without the login's privileges sees no other session's wait event.
      for (;;) {
        const [w] = await rows<{ blocked: boolean }>('select cardinality(pg_blocking_pids($1)) > 0 as blocked', [pid]);
        if (w?.blocked) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await first.query('commit');
      await later;
      await second.query('commit');
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
    const client = new pg.Client(db.url);
    await client.connect();
    try {
      const steps = async () => (await client.query('select * from derived.roi_steps order by model, campaign_id, day')).rows;
      const both = await steps();
      await client.query('begin');
      await rebuildDerived(dbOn(client), 'default');
      expect(await steps()).toEqual(both);
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });
});
