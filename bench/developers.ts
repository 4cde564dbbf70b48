/**
 * Developers page and profile latency (issues 4 and 12): generates 100k
 * developers / 1M activities, imports them into a fresh data directory
 * through the app's handlers (or reuses one, --data-dir), then times every kind of
 * list query — search, a page in each order, the stage and other filters —
 * answered by the in-memory search index and, alternately, by the SQL path
 * (the same-run baseline), checking each answer (developers-ab.ts; exit 1 on
 * a mismatch), and the profile and its timeline. Target: p50 < 30 ms per kind.
 *
 *   npm run bench:developers
 *   npm run bench:developers -- --data-dir /var/tmp/drm-bench-1m   (reuses the dataset bench:queries/merges prepared)
 *   BENCH_DEVELOPERS=20000 BENCH_RUNS=20 npm run bench:developers
 */
import { parseArgs } from 'node:util';
import type { ChannelName } from '../src-shared/contract/index';
import type { Core } from '../src-main/core/types';
import type { DeveloperListQuery } from '../src-shared/contract/developers';
import { compareWithSql, printComparison } from './developers-ab';
import { cleanUpOnSignals, cleanups, runBenchmark } from './cleanup';
import { dataUrl, prepareDataDir } from './dataset';

const DEVELOPERS = Number(process.env.BENCH_DEVELOPERS ?? 100_000);
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? DEVELOPERS * 10);
const RUNS = Math.max(50, Number(process.env.BENCH_RUNS ?? 50));
const { values: args } = parseArgs({ options: { 'data-dir': { type: 'string' } } });

cleanUpOnSignals();

interface Measured {
  name: string;
  detail: string;
  ms: number[];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure<K extends ChannelName>(
  core: Core,
  name: string,
  channel: K,
  inputs: (run: number) => unknown,
  describe: (value: unknown) => string,
): Promise<Measured> {
  const call = core.handlers[channel] as (input: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;
  let detail = '';
  for (let i = 0; i < 3; i++) await call(inputs(i)); // warm the caches and the plans
  const ms: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t0 = performance.now();
    const result = await call(inputs(run));
    ms.push(performance.now() - t0);
    if (!result.ok) throw new Error(`${name}: ${result.error!.message}`);
    if (run === 0) detail = describe(result.value);
  }
  return { name, detail, ms: ms.sort((a, b) => a - b) };
}

async function main(): Promise<number> {
  // The bench:queries dataset (100k developers.csv rows, then 1M activities, seed 42): shared with it and
  // bench:merges through --data-dir; campaigns and budgets come along and change no developer.
  const { core, dataDir } = await prepareDataDir(
    { developers: DEVELOPERS, activities: ACTIVITIES, seed: 42 },
    args['data-dir'],
    'Asia/Tokyo',
  );
  cleanups.push(() => core.stop());
  const first = await core.handlers['developers:list']({ pageSize: 200 });
  if (!first.ok) throw new Error(first.error.message);
  const ids = first.value.rows.map((r) => r.developerId);
  console.log(`${first.value.total.toLocaleString('en-US')} developers visible (imports create one per unmatched actor)\n`);

  // An organization and a tag with members, for the filters that take one.
  const org = first.value.rows.find((r) => r.organization)?.organization;
  const tag = first.value.rows.find((r) => r.tags.length > 0)?.tags[0];
  const kinds: [string, Partial<DeveloperListQuery>][] = [
    ['search 1-char Latin', { q: 'a' }],
    ['search 2-char Japanese', { q: '田中' }],
    ['search 3-char Japanese', { q: '佐々木' }],
    ['search 3-char Latin', { q: 'tan' }],
    ['search 6-char Latin', { q: 'tanaka' }],
    ['search email fragment', { q: '@mirai' }],
    ['search handle, by name', { q: 'sato', sort: 'name' }],
    ['search, reversed, page 3', { q: 'ta', reverse: true, page: 2 }],
    ['list page (last activity)', { page: 3 }],
    ['list page (activity count)', { sort: 'activityCount', page: 3 }],
    ['list page (name)', { sort: 'name', page: 3 }],
    ...['advocacy', 'adoption', 'engagement', 'awareness'].map((stage): [string, Partial<DeveloperListQuery>] => [
      `stage = ${stage}`,
      { stage },
    ]),
    ['stage = advocacy (activity count)', { stage: 'advocacy', sort: 'activityCount' }],
    ['stage = adoption (name)', { stage: 'adoption', sort: 'name' }],
    ...(org ? [['organization filter', { orgId: org.orgId }] as [string, Partial<DeveloperListQuery>]] : []),
    ...(tag ? [['tag filter', { tag }] as [string, Partial<DeveloperListQuery>]] : []),
    ['provider filter (connpass)', { provider: 'connpass' }],
    ['provider + search', { provider: 'github', q: 'sato' }],
  ];
  const compared = await compareWithSql(dataUrl(dataDir), kinds);
  const results: Measured[] = [];
  results.push(
    await measure(
      core,
      'profile',
      'developers:get',
      (run) => ({ developerId: ids[run % ids.length] }),
      (v) => `${(v as { accounts: unknown[] }).accounts.length} account(s)`,
    ),
  );
  results.push(
    await measure(
      core,
      'activity timeline page',
      'developers:list-activities',
      (run) => ({ developerId: ids[run % ids.length] }),
      (v) => `${(v as { total: number }).total} activities`,
    ),
  );

  printComparison(compared);
  const width = Math.max(...results.map((r) => r.name.length));
  console.log(`\n${'measure (SQL only)'.padEnd(width)}  runs     p50      p95  detail`);
  for (const r of results) {
    console.log(
      `${r.name.padEnd(width)}  ${String(r.ms.length).padStart(4)}  ${percentile(r.ms, 50).toFixed(1).padStart(6)} ms ${percentile(r.ms, 95).toFixed(1).padStart(6)} ms  ${r.detail}`,
    );
  }
  if (compared.mismatches.length > 0) {
    console.error(`\n${compared.mismatches.length} mismatch(es):\n${compared.mismatches.join('\n')}`);
    return 1;
  }
  return 0;
}

await runBenchmark(main);
