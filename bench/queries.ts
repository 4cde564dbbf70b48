/**
 * Analytics query latency (issue 5): generates 100k developers / 1M
 * activities (campaigns and budgets included), imports them into a fresh data
 * directory through the app's handlers, merges a few developers, then times
 * the handlers the analytics pages call — funnel (a quarter, a year, the
 * quarter for one source and for one campaign), ROI (the tenant's model; then each model at lookbacks of 1, 14, 90
 * and 365 days, queries-roi.ts), weekly trend, overview, the breakdowns (funnel by
 * channel, utm_source and category, ROI by channel, queries-breakdowns.ts) — and prints p50/p95
 * against the target (p50 < 100 ms each).
 *
 * Baseline measured in the same run: each funnel computed by DuckDB over
 * the same raw rows (exported from PostgreSQL, loaded in memory; load time
 * printed apart), and each ROI of the grid computed by DuckDB from the same
 * raw rows. DuckDB's numbers must equal the app's: the run prints MATCH or
 * MISMATCH and exits non-zero on a mismatch or a failed query. After
 * `stats:rebuild` the app's funnels are checked once more, so that what the
 * import kept current and what a rebuild computes are both compared.
 *
 *   npm run bench:queries
 *   npm run bench:queries -- --activities 10000000 --data-dir /var/tmp/drm-bench-10m
 *   npm run bench:queries -- --activities 50000 --developers 5000 --runs 20
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { dbOn } from '../src-main/core/db/db';
import type { ChannelName } from '../src-shared/contract/index';
import type { FunnelReport, OverviewReport, TrendReport } from '../src-shared/contract/analytics';
import type { RoiReport } from '../src-shared/contract/campaigns';
import { DEFAULT_TENANT } from '../src-main/core/db/seed';
import { MERGED_AWAY_SQL } from '../src-main/core/identity/merged-away';
import { readSettings } from '../src-main/core/settings/read';
import type { Core } from '../src-main/core/types';
import { cleanUpOnSignals, cleanups, runBenchmark } from './cleanup';
import { dataUrl, prepareDataDir } from './dataset';
import { exportRaw, loadReference, referenceFunnel, type FunnelFilter } from './queries-duckdb';
import { measureBreakdowns } from './queries-breakdowns';
import { measureRoiGrid } from './queries-roi';
import { formatTable, funnelDifferences, integerOption, percentile, timeRuns, type FunnelNumbers, type Row } from './timing';

const usage = `usage: npm run bench:queries -- [--activities N] [--developers N] [--runs N] [--merges N] [--seed S] [--data-dir DIR] [--skip-rebuild] [--reference-runs N]
  --activities  activity rows to generate (default 1,000,000; 10,000,000 for the large run)
  --developers  developers.csv rows (default 100,000)
  --runs        timed runs per query, at least 20 (default 30), after 3 untimed warm-up runs
  --merges      developer pairs merged before measuring, so merged-away developers exist (default 5)
  --data-dir    keep the imported data here and reuse it on the next run with the same sizes and seed
                (shared with bench:merges and bench:startup)
  --skip-rebuild  do not run stats:rebuild and the second check after it
  --reference-runs  timed runs of DuckDB's ROI references (default: --runs). At 10M one ROI takes DuckDB
                5–26 s, so 30 runs of the 13 would take over an hour; they are answers to check, not the
                funnel's baseline, whose DuckDB runs stay at --runs; one untimed run before them`;

const { values: args } = parseArgs({
  options: {
    activities: { type: 'string', default: '1000000' },
    developers: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '30' },
    merges: { type: 'string', default: '5' },
    seed: { type: 'string', default: '42' },
    'data-dir': { type: 'string' },
    'skip-rebuild': { type: 'boolean', default: false },
    'reference-runs': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

/** Issue 12's targets for every dashboard query's p50: < 50 ms at 1M activities, < 300 ms at 10M. */
const targetMs = (activities: number) => (activities >= 10_000_000 ? 300 : 50);

/** How each query is timed: runs, and the p50 it must stay under. */
interface Plan {
  runs: number;
  targetMs: number;
}
const TIMEZONE = 'Asia/Tokyo';
// The generated year is the fiscal year 2024-04-01 … 2025-04-01 in JST (generate/time.ts).
const YEAR = { from: '2024-04-01', to: '2025-04-01' };
const QUARTER = { from: '2024-10-01', to: '2025-01-01' };
const LAST_30_DAYS = { from: '2025-03-02', to: '2025-04-01' };

const n = (x: number) => x.toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// Peak RSS of this process, sampled as it runs: before DuckDB (the app's side) and overall.
let peakRss = 0;
let peakRssBeforeDuckdb = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);

cleanups.push(() => clearInterval(sampler));
cleanUpOnSignals();

type Call = (input: unknown) => Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>;
const call = (core: Core, channel: ChannelName) => core.handlers[channel] as unknown as Call;

interface Measured<T> extends Row {
  first?: T;
  failed?: boolean;
}

/**
 * Times one handler. A first call decides whether it runs at all: a channel
 * that answers an error (UNAVAILABLE while a domain is still a placeholder)
 * becomes a row without times, and the run fails at the end.
 */
async function measure<T>(
  core: Core,
  { runs, targetMs }: Plan,
  name: string,
  channel: ChannelName,
  input: unknown,
  describe: (value: T) => string,
): Promise<Measured<T>> {
  const handler = call(core, channel);
  const probe = await handler(input);
  if (!probe.ok) return { name, ms: [], detail: `${probe.error.code}: ${probe.error.message}`, failed: true };
  const timed = await timeRuns(async () => {
    const result = await handler(input);
    if (!result.ok) throw new Error(`${name}: ${result.error.code}: ${result.error.message}`);
    return result.value as T;
  }, runs);
  return { name, ms: timed.ms, targetMs, detail: describe(timed.first), first: timed.first };
}

const funnelNumbers = (f: FunnelReport): FunnelNumbers => ({
  anonymous: f.anonymous,
  stages: f.stages.map((s) => ({ key: s.key, reached: s.reached, atOrBeyond: s.atOrBeyond })),
});
const describeNumbers = (f: FunnelNumbers) =>
  `at or beyond: ${f.stages.map((s) => `${s.key} ${n(s.atOrBeyond)}`).join(', ')}; anonymous ${n(f.anonymous)}`;
const describeFunnel = (f: FunnelReport) => describeNumbers(funnelNumbers(f));
const describeRoi = (r: RoiReport) => {
  // A campaign with budgets in two currencies has a row for each, with the same conversions.
  const conversions = new Map(r.rows.map((x) => [x.campaignId, x.conversions]));
  return `${conversions.size} campaigns in ${r.rows.length} rows (${r.model}, lookback ${r.lookbackDays} d), ${[...conversions.values()].reduce((s, c) => s + c, 0).toFixed(1)} conversions`;
};
const describeTrend = (t: TrendReport) =>
  `${t.points.length} ${t.bucket}s, ${n(t.points.reduce((s, p) => s + Object.values(p.byStage).reduce((a, b) => a + b, 0) + p.unmapped, 0))} activities`;
const describeOverview = (o: OverviewReport) =>
  `${n(o.developers)} developers, ${n(o.activeDevelopers)} active, ${n(o.activities)} activities, ${o.topCampaigns.length} top campaigns`;

function printCheck(label: string, app: FunnelNumbers, reference: FunnelNumbers): boolean {
  const differences = funnelDifferences(app, reference);
  if (differences.length === 0) {
    console.log(
      `${label}: MATCH — ${app.stages.map((s) => `${s.key} ${n(s.reached)}/${n(s.atOrBeyond)}`).join(', ')} (reached/at or beyond), anonymous ${n(app.anonymous)}`,
    );
    return true;
  }
  console.log(`${label}: MISMATCH`);
  for (const line of differences) console.log(`  ${line}`);
  return false;
}

/**
 * Makes sure `merges` developers are merged away: merges pairs of visible
 * developers with activity, in an order fixed by their ids, as many as a
 * reused data folder still lacks.
 */
async function mergePairs(core: Core, client: pg.Client, wanted: number): Promise<void> {
  const { rows: already } = await client.query<{ n: string }>(
    `select count(*) as n from developers d where d.tenant_id = $1 and ${MERGED_AWAY_SQL('d.developer_id')}`,
    [DEFAULT_TENANT],
  );
  const merges = Math.max(0, wanted - Number(already[0]!.n));
  if (merges === 0) return;
  // Pairs of visible developers with activity, in an order fixed by their ids.
  const { rows } = await client.query<{ id: string }>(
    `select d.developer_id as id from developers d
      where d.tenant_id = $1 and not ${MERGED_AWAY_SQL('d.developer_id')}
        and exists (select 1 from activities a where a.tenant_id = $1 and a.developer_id = d.developer_id)
      order by md5(d.developer_id::text) limit $2`,
    [DEFAULT_TENANT, merges * 2],
  );
  const t = performance.now();
  let done = 0;
  for (let i = 0; i + 1 < rows.length; i += 2) {
    const merged = await core.handlers['developers:merge']({ intoId: rows[i]!.id, fromId: rows[i + 1]!.id, reason: 'bench:queries' });
    if (!merged.ok) throw new Error(`developers:merge: ${merged.error.message}`);
    done++;
  }
  const ms = performance.now() - t;
  console.log(`merged ${done} developer pairs in ${seconds(ms)}${done > 0 ? ` (${seconds(ms / done)} each)` : ''}`);
}

/** One line about what the database holds. */
async function printDatabase(client: pg.Client, timeZone: string): Promise<void> {
  const { rows: facts } = await client.query<{
    visible: string;
    consented: string;
    activities: string;
    anonymous: string;
    campaigns: string;
    budgets: string;
  }>(
    `select (select count(*) from developers d where d.tenant_id = $1 and not ${MERGED_AWAY_SQL('d.developer_id')}) as visible,
            (select count(*) from developers d where d.tenant_id = $1 and d.consent_analytics and not ${MERGED_AWAY_SQL('d.developer_id')}) as consented,
            (select count(*) from activities where tenant_id = $1) as activities,
            (select count(*) from activities where tenant_id = $1 and developer_id is null) as anonymous,
            (select count(*) from campaigns where tenant_id = $1) as campaigns,
            (select count(*) from budgets where tenant_id = $1) as budgets`,
    [DEFAULT_TENANT],
  );
  const f = facts[0]!;
  console.log(
    `database: ${n(+f.visible)} visible developers (${n(+f.consented)} with analytics consent), ${n(+f.activities)} activities ` +
      `(${n(+f.anonymous)} anonymous), ${n(+f.campaigns)} campaigns, ${n(+f.budgets)} budget entries; days in ${timeZone}`,
  );
}

/** The campaign filter: the campaign whose resources saw the most activity in the quarter. */
async function busiestCampaign(client: pg.Client, timeZone: string): Promise<{ campaign_id: string; name: string } | undefined> {
  const { rows: busiest } = await client.query<{ campaign_id: string; name: string }>(
    `select c.campaign_id, c.name from activities a join resources r on r.resource_id = a.resource_id
       join campaigns c on c.campaign_id = r.campaign_id
      where a.tenant_id = $1 and a.occurred_at >= ($2::date)::timestamp at time zone $4 and a.occurred_at < ($3::date)::timestamp at time zone $4
      group by c.campaign_id, c.name order by count(*) desc, c.name limit 1`,
    [DEFAULT_TENANT, QUARTER.from, QUARTER.to, timeZone],
  );
  return busiest[0];
}

/** The source filter: the source with the most activity in the quarter. */
async function busiestSource(client: pg.Client, timeZone: string): Promise<string | undefined> {
  const { rows } = await client.query<{ source: string }>(
    `select source from activities
      where tenant_id = $1 and occurred_at >= ($2::date)::timestamp at time zone $4 and occurred_at < ($3::date)::timestamp at time zone $4
      group by source order by count(*) desc, source limit 1`,
    [DEFAULT_TENANT, QUARTER.from, QUARTER.to, timeZone],
  );
  return rows[0]?.source;
}

/** A funnel the bench times and checks against DuckDB. */
interface FunnelCase {
  name: string;
  period: { from: string; to: string };
  filter: FunnelFilter;
}

function funnelCases(campaign: { campaign_id: string; name: string } | undefined, source: string | undefined): FunnelCase[] {
  const cases: FunnelCase[] = [
    { name: `funnel, quarter ${QUARTER.from} … ${QUARTER.to}`, period: QUARTER, filter: {} },
    { name: `funnel, year ${YEAR.from} … ${YEAR.to}`, period: YEAR, filter: {} },
  ];
  if (source !== undefined) cases.push({ name: `funnel, quarter, source "${source}"`, period: QUARTER, filter: { source } });
  if (campaign) {
    cases.push({ name: `funnel, quarter, campaign "${campaign.name}"`, period: QUARTER, filter: { campaignId: campaign.campaign_id } });
  }
  return cases;
}

/** The app's dashboards, each timed `runs` times. */
async function measureQueries(
  core: Core,
  plan: Plan,
  cases: readonly FunnelCase[],
): Promise<{ results: Measured<unknown>[]; funnels: Measured<FunnelReport>[] }> {
  const results: Measured<unknown>[] = [];
  const funnels: Measured<FunnelReport>[] = [];
  for (const c of cases) {
    const measured = await measure<FunnelReport>(core, plan, c.name, 'analytics:get-funnel', { ...c.period, ...c.filter }, describeFunnel);
    funnels.push(measured);
    results.push(measured);
  }
  results.push(await measure<RoiReport>(core, plan, "ROI, tenant's model, all time", 'campaigns:get-roi', {}, describeRoi));
  results.push(
    await measure<TrendReport>(core, plan, 'trend, weekly, one year', 'analytics:get-trend', { ...YEAR, bucket: 'week' }, describeTrend),
  );
  results.push(await measure<OverviewReport>(core, plan, 'overview, 30 days', 'analytics:get-overview', LAST_30_DAYS, describeOverview));
  return { results, funnels };
}

/** stats:rebuild, then every funnel again: each must still match its reference. */
async function checkRebuild(core: Core, cases: readonly FunnelCase[], references: readonly FunnelNumbers[]): Promise<boolean> {
  const t = performance.now();
  const rebuilt = await core.handlers['stats:rebuild']({});
  if (!rebuilt.ok) {
    console.log(`stats:rebuild: ${rebuilt.error.code}: ${rebuilt.error.message}`);
    return false;
  }
  console.log(`stats:rebuild in ${seconds(performance.now() - t)}`);
  let ok = true;
  for (const [i, c] of cases.entries()) {
    const again = await core.handlers['analytics:get-funnel']({ ...c.period, ...c.filter });
    if (again.ok) ok = printCheck(`${c.name}: check after stats:rebuild`, funnelNumbers(again.value), references[i]!) && ok;
    else {
      console.log(`${c.name} after stats:rebuild: ${again.error.message}`);
      ok = false;
    }
  }
  return ok;
}

async function main(): Promise<number> {
  if (args.help) {
    console.log(usage);
    return 0;
  }
  const activities = integerOption('activities', args.activities, 1);
  const developers = integerOption('developers', args.developers, 1);
  const runs = integerOption('runs', args.runs, 20);
  const referenceRuns = args['reference-runs'] === undefined ? runs : integerOption('reference-runs', args['reference-runs'], 1);
  const merges = integerOption('merges', args.merges, 0);
  const seed = integerOption('seed', args.seed, 0);

  const { core, dataDir } = await prepareDataDir({ developers, activities, seed }, args['data-dir'], TIMEZONE);
  cleanups.push(() => core.stop());
  const client = new pg.Client(dataUrl(dataDir));
  // On Ctrl-C the terminal signals PostgreSQL too, which then drops this connection: not worth a crash.
  client.on('error', (error) => console.error(`(export connection: ${error.message})`));
  await client.connect();
  cleanups.push(() => client.end());
  const parent = mkdtempSync(join(tmpdir(), 'drm-bench-queries-'));
  cleanups.push(() => rmSync(parent, { recursive: true, force: true }));

  await mergePairs(core, client, merges);

  const settings = await readSettings(dbOn(client), DEFAULT_TENANT);
  await printDatabase(client, settings.timeZone);

  const cases = funnelCases(await busiestCampaign(client, settings.timeZone), await busiestSource(client, settings.timeZone));
  console.log('');

  const { results, funnels } = await measureQueries(core, { runs, targetMs: targetMs(activities) }, cases);
  peakRssBeforeDuckdb = Math.max(peakRss, process.memoryUsage().rss);

  // The baseline: DuckDB over the same raw rows.
  const dumpDir = join(parent, 'duckdb');
  mkdirSync(dumpDir);
  const exported = await exportRaw(client, DEFAULT_TENANT, dumpDir);
  const reference = await loadReference(exported);
  cleanups.push(() => reference.close());
  const ducks = [];
  for (const c of cases) {
    const duck = await timeRuns(() => referenceFunnel(reference.connection, settings.timeZone, c.period, c.filter), runs);
    results.push({ name: `DuckDB: ${c.name}, raw rows`, ms: duck.ms, detail: describeNumbers(duck.first) });
    ducks.push(duck);
  }
  const roi = await measureRoiGrid(core, reference.connection, { runs, referenceRuns }, settings.conversionStage, targetMs(activities));
  results.push(...roi.rows);
  const breakdowns = await measureBreakdowns(core, reference.connection, {
    runs,
    referenceRuns,
    targetMs: targetMs(activities),
    zone: settings.timeZone,
    period: QUARTER,
    conversionStage: settings.conversionStage,
  });
  results.push(...breakdowns.rows);

  console.log(
    `DuckDB baseline: exported ${n(exported.rows.activities ?? 0)} activities, ${n(exported.rows.developers ?? 0)} developers (${mb(exported.bytes)} CSV) in ${seconds(exported.ms)}; ` +
      `loaded into memory in ${seconds(reference.loadMs)} (neither is in the query times)\n`,
  );
  for (const line of formatTable(results)) console.log(line);
  console.log('');

  let ok = !results.some((r) => r.failed) && roi.ok;
  console.log(`ROI of every model and lookback against DuckDB: ${roi.ok ? 'MATCH' : 'MISMATCH'}`);
  console.log(`funnel and ROI breakdowns against DuckDB: ${breakdowns.ok ? 'MATCH' : 'MISMATCH'}`);
  ok = ok && breakdowns.ok;
  for (const [i, c] of cases.entries()) {
    const funnel = funnels[i]!;
    const duck = ducks[i]!;
    if (!funnel.first) {
      console.log(`${c.name}: check against DuckDB not possible, the app funnel did not answer`);
      ok = false;
      continue;
    }
    const appP50 = percentile(funnel.ms, 50);
    const duckP50 = percentile(duck.ms, 50);
    console.log(
      `${c.name} p50: app ${appP50.toFixed(1)} ms, DuckDB ${duckP50.toFixed(1)} ms — ratio app/DuckDB ${(appP50 / duckP50).toFixed(2)} (target < 1.00)`,
    );
    ok = printCheck(`${c.name}: check against DuckDB`, funnelNumbers(funnel.first), duck.first) && ok;
  }

  if (!args['skip-rebuild']) {
    ok =
      (await checkRebuild(
        core,
        cases,
        ducks.map((d) => d.first),
      )) && ok;
  }

  console.log(
    `peak RSS ${mb(peakRssBeforeDuckdb)} for the app's side, ${mb(Math.max(peakRss, process.memoryUsage().rss))} with DuckDB's in-memory tables (PostgreSQL is a separate process)`,
  );
  console.log('(the machine is shared: figures move with whatever else runs)');
  return ok ? 0 : 1;
}

await runBenchmark(main);
