/**
 * Start-to-ready of the core: first run (initdb, start, migrate, seed) and
 * warm start (existing data), against PostgreSQL alone on the same machine in
 * the same run (start and connect, no migrations) as the baseline; then the
 * same two starts up to the first page rendered in Chromium
 * (startup-page.ts), against Chromium alone.
 * Targets: first run < 5 s, warm < 1.5 s (to the first page).
 * Run: npm run bench:startup [-- --data-dir DIR]  (DIR: an existing data
 * folder, e.g. one bench:queries filled, for the warm page runs; it is only read)
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startCore } from '../src-main/core/index';
import { startEmbeddedPostgres } from '../src-main/core/db/postgres';
import { pageBenchUnavailable, timeChromiumAlone, timeFirstPage, type PageRun } from './startup-page';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const { values: args } = parseArgs({ options: { 'data-dir': { type: 'string' } } });

function tempParent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'drm-bench-startup-'));
  chmodSync(dir, 0o711);
  return dir;
}

async function time(fn: () => Promise<{ stop(): Promise<void> }>): Promise<number> {
  const t0 = performance.now();
  const started = await fn();
  const ms = performance.now() - t0;
  await started.stop();
  return ms;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${(ms / 1000).toFixed(3)} s`;

async function main() {
  const parents: string[] = [];
  const fresh = () => {
    const parent = tempParent();
    parents.push(parent);
    return join(parent, 'data');
  };
  try {
    const first: number[] = [];
    const firstBaseline: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      first.push(
        await time(async () => {
          const core = await startCore({ dataDir: fresh() });
          const status = await core.handlers['system:get-status']({});
          if (!status.ok) throw new Error(status.error.message);
          return core;
        }),
      );
      firstBaseline.push(await time(() => startEmbeddedPostgres({ dataDir: fresh() })));
    }
    const warmDir = fresh();
    await (await startCore({ dataDir: warmDir })).stop();
    const baselineDir = fresh();
    await (await startEmbeddedPostgres({ dataDir: baselineDir })).stop();
    const warm: number[] = [];
    const warmBaseline: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      warm.push(
        await time(async () => {
          const core = await startCore({ dataDir: warmDir });
          const status = await core.handlers['system:get-status']({});
          if (!status.ok) throw new Error(status.error.message);
          return core;
        }),
      );
      warmBaseline.push(await time(() => startEmbeddedPostgres({ dataDir: baselineDir })));
    }
    const rows = [
      ['first run (initdb, start, migrate, seed, first query)', median(first), median(firstBaseline), 5000],
      ['warm start (start, migrations checked, first query)', median(warm), median(warmBaseline), 1500],
    ] as const;
    console.log(`startup benchmark, median of ${RUNS} runs, PostgreSQL alone as baseline`);
    for (const [label, core, baseline, target] of rows) {
      console.log(
        `${label.padEnd(56)} ${fmt(core)}  baseline ${fmt(baseline)}  ratio ${(core / baseline).toFixed(2)}x  target < ${fmt(target)} ${core < target ? 'OK' : 'MISSED'}`,
      );
    }
    await firstPage(fresh, warmDir);
    console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    for (const parent of parents) rmSync(parent, { recursive: true, force: true });
  }
}

/**
 * First run and warm start to the first page painted, A/B-interleaved with
 * Chromium alone. Exits 1 when a page shows another developer count than the
 * core answered it (a page that painted a loading state would).
 */
async function firstPage(fresh: () => string, warmDir: string): Promise<void> {
  const unavailable = pageBenchUnavailable();
  if (unavailable) {
    console.log(`first page: skipped (${unavailable})`);
    return;
  }
  const dataDir = args['data-dir'] ?? warmDir;
  const first: PageRun[] = [];
  const warm: PageRun[] = [];
  const chromiumAlone: number[] = [];
  await timeFirstPage(dataDir); // warm-up: the page cache and the OS's, as a user's second start has them
  for (let i = 0; i < RUNS; i++) {
    first.push(await timeFirstPage(fresh()));
    chromiumAlone.push(await timeChromiumAlone());
    warm.push(await timeFirstPage(dataDir));
  }
  const baseline = median(chromiumAlone);
  console.log(
    `first page rendered in Chromium, median of ${RUNS} runs, Chromium alone (launch + a small page) as baseline ${fmt(baseline)}`,
  );
  for (const [label, runs, target] of [
    ['first run to the first page (fresh data folder)', first, 5000],
    [`warm start to the first page (${args['data-dir'] ? dataDir : 'empty data folder'})`, warm, 1500],
  ] as const) {
    const total = median(runs.map((r) => r.totalMs));
    console.log(
      `${label.padEnd(56)} ${fmt(total)}  (core ${fmt(median(runs.map((r) => r.coreMs)))}, page ${fmt(median(runs.map((r) => r.pageMs)))})  ratio ${(total / baseline).toFixed(2)}x  target < ${fmt(target)} ${total < target ? 'OK' : 'MISSED'}`,
    );
    const wrong = runs.find((r) => r.shown !== r.answered);
    if (wrong) {
      console.error(`MISMATCH: the page showed ${wrong.shown} developers, the core answered ${wrong.answered}`);
      process.exitCode = 1;
    }
  }
  console.log(`the page showed: ${warm[0]?.shown === 'empty' ? 'the empty state' : `${warm[0]?.shown} developers, as the core answered`}`);
}

await main();
