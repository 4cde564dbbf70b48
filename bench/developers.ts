/**
 * Developers page and profile latency (issue 4): generates 100k developers /
 * 1M activities, imports developers.csv and activities.csv into a fresh data
 * directory through the app's handlers, then times the handlers the pages
 * call — search, a list page in each order, the stage and other filters, a
 * profile — and prints p50/p95 against the target (p50 < 50 ms each).
 *
 *   npm run bench:developers
 *   BENCH_DEVELOPERS=20000 BENCH_RUNS=20 npm run bench:developers
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelName } from '../src-shared/contract/index';
import { startCore } from '../src-main/core/index';
import type { Core } from '../src-main/core/types';
import { generateDataset, importOrThrow } from './dataset';

const DEVELOPERS = Number(process.env.BENCH_DEVELOPERS ?? 100_000);
const ACTIVITIES = Number(process.env.BENCH_ACTIVITIES ?? DEVELOPERS * 10);
const RUNS = Math.max(50, Number(process.env.BENCH_RUNS ?? 50));
// Issue 12: every query kind's p50 < 30 ms at 100k developers.
const TARGET_MS = 30;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

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

async function main(): Promise<void> {
  const parent = mkdtempSync(join(tmpdir(), 'drm-bench-developers-'));
  chmodSync(parent, 0o711); // as root, PostgreSQL (user postgres) must pass through
  try {
    const t0 = performance.now();
    const out = join(parent, 'csv');
    await generateDataset(out, { developers: DEVELOPERS, activities: ACTIVITIES, seed: 42 });
    console.log(
      `generated ${DEVELOPERS.toLocaleString('en-US')} developers, ${ACTIVITIES.toLocaleString('en-US')} activities in ${seconds(performance.now() - t0)}`,
    );

    const core = await startCore({ dataDir: join(parent, 'data') });
    try {
      // In the order a team would: its list of developers, then what they did.
      const t1 = performance.now();
      await importOrThrow(core, join(out, 'developers.csv'), 'developers');
      console.log(`imported developers.csv in ${seconds(performance.now() - t1)}`);
      const t2 = performance.now();
      await importOrThrow(core, join(out, 'activities.csv'), 'activities');
      console.log(`imported activities.csv in ${seconds(performance.now() - t2)}`);

      const first = await core.handlers['developers:list']({ pageSize: 200 });
      if (!first.ok) throw new Error(first.error.message);
      const ids = first.value.rows.map((r) => r.developerId);
      console.log(`${first.value.total.toLocaleString('en-US')} developers visible (imports create one per unmatched actor)\n`);

      const page = (v: unknown) => {
        const p = v as { total: number; rows: unknown[] };
        return `${p.total.toLocaleString('en-US')} found, ${p.rows.length} rows`;
      };
      const results: Measured[] = [];
      // An organization and a tag with members, for the filters that take one.
      const org = first.value.rows.find((r) => r.organization)?.organization;
      const tag = first.value.rows.find((r) => r.tags.length > 0)?.tags[0];
      results.push(await measure(core, 'search 2-char Japanese', 'developers:list', () => ({ q: '田中' }), page));
      results.push(await measure(core, 'search 3-char Japanese', 'developers:list', () => ({ q: '佐々木' }), page));
      results.push(await measure(core, 'search 3-char Latin', 'developers:list', () => ({ q: 'tan' }), page));
      results.push(await measure(core, 'search 6-char Latin', 'developers:list', () => ({ q: 'tanaka' }), page));
      results.push(await measure(core, 'search email fragment', 'developers:list', () => ({ q: '@mirai' }), page));
      results.push(await measure(core, 'search handle, by name', 'developers:list', () => ({ q: 'sato', sort: 'name' }), page));
      results.push(await measure(core, 'list page (last activity)', 'developers:list', (run) => ({ page: run % 5 }), page));
      results.push(
        await measure(core, 'list page (activity count)', 'developers:list', (run) => ({ sort: 'activityCount', page: run % 5 }), page),
      );
      results.push(await measure(core, 'list page (name)', 'developers:list', (run) => ({ sort: 'name', page: run % 5 }), page));
      for (const stage of ['advocacy', 'adoption', 'engagement', 'awareness']) {
        results.push(await measure(core, `stage = ${stage}`, 'developers:list', () => ({ stage }), page));
      }
      results.push(
        await measure(
          core,
          'stage = advocacy (activity count)',
          'developers:list',
          () => ({ stage: 'advocacy', sort: 'activityCount' }),
          page,
        ),
      );
      results.push(await measure(core, 'stage = adoption (name)', 'developers:list', () => ({ stage: 'adoption', sort: 'name' }), page));
      if (org) results.push(await measure(core, 'organization filter', 'developers:list', () => ({ orgId: org.orgId }), page));
      if (tag) results.push(await measure(core, 'tag filter', 'developers:list', () => ({ tag }), page));
      results.push(await measure(core, 'provider filter (connpass)', 'developers:list', () => ({ provider: 'connpass' }), page));
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

      const width = Math.max(...results.map((r) => r.name.length));
      console.log(`${'measure'.padEnd(width)}  runs     p50      p95   target  result             `);
      for (const r of results) {
        const p50 = percentile(r.ms, 50);
        const p95 = percentile(r.ms, 95);
        console.log(
          `${r.name.padEnd(width)}  ${String(r.ms.length).padStart(4)}  ${p50.toFixed(1).padStart(6)} ms ${p95.toFixed(1).padStart(6)} ms  < ${TARGET_MS} ms  ${p50 < TARGET_MS ? 'ok  ' : 'MISS'}  ${r.detail}`,
        );
      }
    } finally {
      await core.stop();
    }
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
}

await main();
