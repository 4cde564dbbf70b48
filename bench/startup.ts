/**
 * Start-to-ready of the core: first run (initdb, start, migrate, seed) and
 * warm start (existing data), against PostgreSQL alone on the same machine in
 * the same run (start and connect, no migrations) as the baseline.
 * Targets: first run < 5 s, warm < 1.5 s.  Run: npm run bench:startup
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCore } from '../src-main/core/index';
import { startEmbeddedPostgres } from '../src-main/core/db/postgres';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

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
    console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    for (const parent of parents) rmSync(parent, { recursive: true, force: true });
  }
}

await main();
