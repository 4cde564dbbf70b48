/**
 * Merge and unmerge latency (issue 12: < 300 ms at any size, p50 of 20
 * pairs with varied activity counts). Generates the bench:queries dataset
 * (1M activities by default) and imports it through the app's handlers — or
 * reuses a data folder prepared by an earlier run (`--data-dir`), so that a
 * 10M dataset is imported once. Then, for each of `--pairs` developer pairs
 * chosen across activity-count quantiles (in md5(developer_id) order, so
 * every run picks the same ones), in A/B rounds: the floor, merge, unmerge.
 *
 * The floor is the same-run baseline: a plain `select` of the pair's
 * activities through idx_activities_tenant_dev — what the two developers
 * own, which a merge must at least read. Server CPU (schedstat of the app's
 * backends) is printed beside wall time when PostgreSQL runs here.
 *
 * Checks (exit 1 on any mismatch):
 * - after each merge + unmerge, every derived table's checksum equals the
 *   one before the merge (bench/checksums.ts); with `--check end`, once after
 *   every pair's merge + unmerge (at 10M one checksum pass takes ~100 s);
 * - with all pairs merged at once, the derived tables equal what
 *   `stats:rebuild` writes (computed in a transaction that is rolled back),
 *   and the same after they are all undone: the merges' incremental
 *   updates are exactly a recomputation.
 * Also times the merge suggestions' first page (at 100k developers by default)
 * and checks it against the reference computation (exit 1 on a mismatch).
 *
 *   npm run bench:merges
 *   npm run bench:merges -- --activities 100000 --pairs 5
 *   npm run bench:merges -- --activities 10000000 --data-dir /var/tmp/drm-10m
 *   npm run bench:merges -- --data-dir DIR --skip-rebuild   (timing rounds only, for A/B runs)
 *   npm run bench:merges -- --activities 10000000 --data-dir DIR --skip-rebuild --check end
 */
import { cpus, loadavg } from 'node:os';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import pg from 'pg';
import { DEFAULT_TENANT } from '../src-main/core/db/seed';
import type { Core } from '../src-main/core/types';
import { cleanUpOnSignals, cleanups, runBenchmark } from './cleanup';
import { dataUrl, prepareDataDir, type DatasetSize } from './dataset';
import { pickPairs, rebuiltChecksums, type Pair } from './merges-pairs';
import { checksumDifferences, derivedChecksums, type Checksum } from './checksums';
import { sampleServerCpu, serverCpuSince } from './server-cpu';
import { integerOption, interleave, percentile, timeRuns } from './timing';
import { referenceSuggestions } from './suggestions-reference';
import { DEFAULT_SUGGESTIONS } from '../src-main/core/merges/suggestions';

const usage = `usage: npm run bench:merges -- [--activities N] [--developers N] [--pairs N] [--data-dir DIR] [--seed S] [--suggestion-runs N] [--skip-rebuild] [--check each|end]
  --activities  activity rows to generate (default 1,000,000)
  --developers  developers.csv rows (default 100,000)
  --pairs       developer pairs merged and unmerged (default 20), plus the heaviest pair reported apart
  --data-dir    keep the imported data here and reuse it on the next run with the same sizes and seed
  --suggestion-runs  timed calls of the suggestions' first page (default 5, after one untimed)
  --skip-rebuild  timing rounds only (A/B runs): no all-pairs-at-once comparison with stats:rebuild, no suggestions;
                the checksums after every merge + unmerge are still checked
  --check       each (default): every derived table's checksum after each pair's merge + unmerge;
                end: once, after the last pair (the same tables, without a full pass between pairs)`;

const { values: args } = parseArgs({
  options: {
    activities: { type: 'string', default: '1000000' },
    developers: { type: 'string', default: '100000' },
    pairs: { type: 'string', default: '20' },
    'data-dir': { type: 'string' },
    seed: { type: 'string', default: '42' },
    'suggestion-runs': { type: 'string', default: '5' },
    'skip-rebuild': { type: 'boolean', default: false },
    check: { type: 'string', default: 'each' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const TIMEZONE = 'Asia/Tokyo';
const TARGET_MS = 300;
const n = (x: number) => x.toLocaleString('en-US');
const ms1 = (ms: number | null) => (ms === null ? '     —' : `${ms.toFixed(1).padStart(6)}`);

cleanUpOnSignals();

interface Timing {
  wall: number;
  cpu: number | null;
  /** CPU of this Node process (the core's side: handlers, Drizzle, pg), ms. */
  node: number;
}

/** Runs `body` and returns its wall time, the app's server CPU and this process's CPU over it. */
async function timed(client: pg.Client, body: () => Promise<void>): Promise<Timing> {
  const before = await sampleServerCpu(client);
  const node0 = process.cpuUsage();
  const t0 = performance.now();
  await body();
  const wall = performance.now() - t0;
  const node = process.cpuUsage(node0);
  return { wall, cpu: await serverCpuSince(client, before), node: (node.user + node.system) / 1000 };
}

async function mergeOrThrow(core: Core, pair: Pair): Promise<string> {
  const r = await core.handlers['developers:merge']({ intoId: pair.into.id, fromId: pair.from.id, reason: 'bench:merges' });
  if (!r.ok) throw new Error(`developers:merge: ${r.error.message}`);
  return r.value.mergeId;
}

async function unmergeOrThrow(core: Core, mergeId: string): Promise<void> {
  const r = await core.handlers['developers:unmerge']({ mergeId });
  if (!r.ok) throw new Error(`developers:unmerge: ${r.error.message}`);
}

/** The floor: reading what the pair owns, as the merge's own statements find it. */
async function floor(client: pg.Client, pair: Pair): Promise<void> {
  await client.query(
    'select activity_id, occurred_at, action, source from activities where tenant_id = $1 and developer_id = any($2::uuid[])',
    [DEFAULT_TENANT, [pair.into.id, pair.from.id]],
  );
}

function check(label: string, expected: readonly Checksum[], actual: readonly Checksum[]): boolean {
  const differences = checksumDifferences(expected, actual);
  if (differences.length === 0) return true;
  console.log(`${label}: MISMATCH`);
  for (const line of differences) console.log(`  ${line}`);
  return false;
}

const summary = (name: string, values: readonly number[], target?: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50);
  const verdict = target === undefined ? '' : p50 < target ? `  (target p50 < ${target} ms: ok)` : `  (target p50 < ${target} ms: MISS)`;
  return `${name.padEnd(26)} p50 ${ms1(p50)} ms  p95 ${ms1(percentile(sorted, 95))} ms  max ${ms1(sorted.at(-1)!)} ms${verdict}`;
};

/** Round 1: each pair merged and unmerged in turn, the floor beside it; checksums back to `before` after each. */
async function pairRounds(
  label: string,
  core: Core,
  client: pg.Client,
  pairs: readonly Pair[],
  before: readonly Checksum[],
  checkEach: boolean,
) {
  const merges: Timing[] = [];
  const unmerges: Timing[] = [];
  let mergeId = '';
  let ok = true;
  const ms = await interleave(
    {
      floor: (i) => floor(client, pairs[i]!),
      merge: async (i) => merges.push(await timed(client, async () => void (mergeId = await mergeOrThrow(core, pairs[i]!)))),
      unmerge: async () => unmerges.push(await timed(client, () => unmergeOrThrow(core, mergeId))),
      check: async (i) => {
        if (checkEach) ok = check(`pair ${i + 1} after merge + unmerge`, before, await derivedChecksums(client, DEFAULT_TENANT)) && ok;
      },
    },
    pairs.length,
  );
  if (!checkEach) {
    ok = check(`${label}: after every merge + unmerge`, before, await derivedChecksums(client, DEFAULT_TENANT));
    if (ok) console.log(`${label}: derived tables after every merge + unmerge = before: MATCH`);
  }
  pairs.forEach((p, i) => {
    const m = merges[i]!;
    const u = unmerges[i]!;
    const consent = `${p.into.consent ? 'yes' : 'no'}/${p.from.consent ? 'yes' : 'no'}`;
    console.log(
      `${label.padEnd(7)} ${String(i + 1).padStart(2)}  ${`${p.into.n} + ${p.from.n}`.padEnd(11)}  ${consent.padEnd(7)}` +
        `  ${ms1(ms.floor[i]!)}   ${ms1(m.wall)} (${ms1(m.cpu)})     ${ms1(u.wall)} (${ms1(u.cpu)})`,
    );
  });
  return { merges, unmerges, floors: ms.floor, ok };
}

/** Round 2: every pair merged at once, checked against a rebuild; then every merge undone, checked again. */
async function allAtOnce(core: Core, client: pg.Client, pairs: readonly Pair[], before: readonly Checksum[]): Promise<boolean> {
  const ids: string[] = [];
  for (const pair of pairs) ids.push(await mergeOrThrow(core, pair));
  const merged = await derivedChecksums(client, DEFAULT_TENANT);
  let ok = check(`${pairs.length} pairs merged vs stats:rebuild`, merged, await rebuiltChecksums(client, DEFAULT_TENANT));
  for (const id of ids.reverse()) await unmergeOrThrow(core, id);
  ok = check('all unmerged vs before', before, await derivedChecksums(client, DEFAULT_TENANT)) && ok;
  ok = check('all unmerged vs stats:rebuild', before, await rebuiltChecksums(client, DEFAULT_TENANT)) && ok;
  console.log(`all ${pairs.length} pairs merged at once = stats:rebuild, and unmerged = before: ${ok ? 'MATCH' : 'MISMATCH'}`);
  return ok;
}

/**
 * The suggestions' first page, timed, and checked against the reference (the
 * per-request computation it replaced, bench/suggestions-reference.ts), which
 * is timed once beside it as the same-run baseline.
 */
async function suggestionsCheck(core: Core, client: pg.Client, runs: number): Promise<boolean> {
  const list = core.handlers['merges:list-suggestions'];
  const suggestions = await timeRuns(
    async () => {
      const r = await list({});
      if (!r.ok) throw new Error(`merges:list-suggestions: ${r.error.message}`);
      return r.value;
    },
    runs,
    1,
  );
  const visible = (await client.query<{ n: number }>('select count(*)::int as n from developers where tenant_id = $1', [DEFAULT_TENANT]))
    .rows[0]!.n;
  console.log(summary(`suggestions, first page`, suggestions.ms, 200) + `  (${suggestions.first.length} pairs, ${n(visible)} developers)`);
  const t0 = performance.now();
  const expected = await referenceSuggestions(client, DEFAULT_TENANT, DEFAULT_SUGGESTIONS);
  console.log(`  reference (every candidate pair scored per request, as before merge_pairs): ${ms1(performance.now() - t0)} ms, one run`);
  const same = isDeepStrictEqual(suggestions.first, expected);
  if (!same) {
    const at = expected.findIndex((e, i) => !isDeepStrictEqual(e, suggestions.first[i]));
    console.log(`suggestions vs reference: MISMATCH (${suggestions.first.length} vs ${expected.length} pairs, first difference at ${at})`);
  } else console.log(`suggestions vs reference: MATCH (${expected.length} pairs)`);
  return same;
}

async function main(): Promise<number> {
  if (args.help) {
    console.log(usage);
    return 0;
  }
  const size: DatasetSize = {
    developers: integerOption('developers', args.developers, 1),
    activities: integerOption('activities', args.activities, 1),
    seed: integerOption('seed', args.seed, 0),
  };
  const pairCount = integerOption('pairs', args.pairs, 1);
  const suggestionRuns = integerOption('suggestion-runs', args['suggestion-runs'], 1);
  if (args.check !== 'each' && args.check !== 'end') throw new Error(`--check must be each or end, got "${args.check}"`);
  const checkEach = args.check === 'each';
  const load0 = loadavg();

  const { core, dataDir } = await prepareDataDir(size, args['data-dir'], TIMEZONE);
  cleanups.push(() => core.stop());
  const client = new pg.Client(dataUrl(dataDir));
  client.on('error', (error) => console.error(`(bench connection: ${error.message})`));
  await client.connect();
  cleanups.push(() => client.end());
  const version = (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
  console.log(
    `machine: ${cpus().length} CPUs, load ${load0.map((x) => x.toFixed(1)).join(' ')}; Node ${process.version}; PostgreSQL ${version} (embedded)`,
  );

  const { pairs, heaviest } = await pickPairs(client, DEFAULT_TENANT, pairCount);
  const before = await derivedChecksums(client, DEFAULT_TENANT);
  console.log(`checked tables: ${before.map((c) => `${c.table} ${n(c.rows)}`).join(', ')}\n`);

  console.log('         pair  activities   consent  floor ms   merge ms (server CPU)  unmerge ms (server CPU)');
  const round = await pairRounds('pair', core, client, pairs, before, checkEach);
  const heavy = await pairRounds('heaviest', core, client, [heaviest], before, checkEach);
  let ok = round.ok && heavy.ok;
  console.log('(consent: survivor/merged-away; the heaviest pair is left out of the percentiles)\n');

  console.log(
    summary(
      `merge, ${pairs.length} pairs`,
      round.merges.map((t) => t.wall),
      TARGET_MS,
    ),
  );
  console.log(
    summary(
      `unmerge, ${pairs.length} pairs`,
      round.unmerges.map((t) => t.wall),
      TARGET_MS,
    ),
  );
  const cpuOf = (ts: Timing[]) => ts.map((t) => t.cpu).filter((x): x is number => x !== null);
  if (cpuOf(round.merges).length === pairs.length) {
    console.log(summary('  merge, server CPU', cpuOf(round.merges)));
    console.log(summary('  unmerge, server CPU', cpuOf(round.unmerges)));
  }
  console.log(
    summary(
      '  merge, Node CPU',
      round.merges.map((t) => t.node),
    ),
  );
  console.log(
    summary(
      '  unmerge, Node CPU',
      round.unmerges.map((t) => t.node),
    ),
  );
  console.log(summary('floor: select pair rows', round.floors));
  console.log("(floor = a plain select of the pair's activities through idx_activities_tenant_dev, same rounds)\n");

  if (args['skip-rebuild']) console.log('(--skip-rebuild: no comparison with stats:rebuild, no suggestions)');
  else {
    ok = (await allAtOnce(core, client, pairs, before)) && ok;
    ok = (await suggestionsCheck(core, client, suggestionRuns)) && ok;
  }

  console.log(
    `\nload average after: ${loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} (the machine is shared: figures move with whatever else runs)`,
  );
  console.log(ok ? 'checks: MATCH' : 'checks: MISMATCH');
  return ok ? 0 : 1;
}

await runBenchmark(main);
