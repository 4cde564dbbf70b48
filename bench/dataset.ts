/**
 * What every benchmark does before it measures: generate the seeded dataset
 * in a child process (so that the benchmark's own peak RSS is what it
 * measures) and import its files through the app's channels, by handle, as a
 * user would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Credentials } from '../src-main/core/db/credentials';
import { ownerUrl } from '../src-main/core/db/roles';
import { startCore } from '../src-main/core/index';
import type { Core } from '../src-main/core/types';
import { cleanups } from './cleanup';

/** bench/ in the source tree, also when a bundled benchmark runs from elsewhere (import-built.ts sets it). */
const BENCH_SOURCE = process.env.DRM_BENCH_SOURCE ?? import.meta.dirname;

export interface DatasetSize {
  developers: number;
  activities: number;
  seed: number;
  /** bench:import's identities shape (generate/identities.ts): `activities` rows only, `developers` ignored. */
  shape?: 'default' | 'identities';
}

/** Writes the generator's CSV files into `out`; `onSpawn` lets a caller kill the child on a signal. */
export async function generateDataset(out: string, size: DatasetSize, onSpawn?: (child: ChildProcess) => () => void): Promise<void> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(BENCH_SOURCE, 'generate', 'cli.ts'),
      '--out',
      out,
      '--developers',
      String(size.developers),
      '--activities',
      String(size.activities),
      '--seed',
      String(size.seed),
      '--shape',
      size.shape ?? 'default',
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const forget = onSpawn?.(child);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) throw new Error(`the generator exited with ${code}`);
  } finally {
    forget?.();
  }
}

/** Imports one generated file and waits for it; anything but success throws with the job's message. */
export async function importOrThrow(core: Core, filePath: string, type: string, timezone = 'Asia/Tokyo'): Promise<void> {
  const started = await core.handlers['import:start']({
    fileHandle: (await core.files.register(filePath)).fileHandle,
    type,
    options: { timezone },
  });
  if (!started.ok) throw new Error(started.error.message);
  const status = await core.importer.settled(started.value.jobId);
  if (status !== 'succeeded') {
    const job = await core.handlers['import:get-job']({ jobId: started.value.jobId });
    throw new Error(`import of ${filePath} ${status}: ${job.ok ? job.value.message : job.error.message}`);
  }
}

/** The owner's connection string for the embedded server of `dataDir` (while a core runs on it). */
export function dataUrl(dataDir: string): string {
  const read = (name: string) => JSON.parse(readFileSync(join(dataDir, name), 'utf8')) as unknown;
  const owner = read('server.json') as { port: number };
  // The owner's (BYPASSRLS): the bench's own SQL reads every row, as the app's login under row-level security would not.
  return ownerUrl(owner.port, read('credentials.json') as Credentials);
}

/** Names the dataset a data folder holds, so that another benchmark (or the next run) can reuse it. */
const MARKER = 'bench-dataset.json';

const n = (x: number) => x.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * A data folder with the generated dataset imported through the app's
 * channels, and a core started on it. With `given` (a benchmark's
 * `--data-dir`), a folder whose marker names the same sizes is reused, so a
 * 10M dataset is imported once for bench:merges, bench:queries and
 * bench:startup; an empty or new folder is prepared and kept. Without it, a
 * temporary folder is made and removed at exit.
 */
export async function prepareDataDir(
  size: DatasetSize,
  given: string | undefined,
  timeZone: string,
): Promise<{ core: Core; dataDir: string; reused: boolean }> {
  const parent = mkdtempSync(join(tmpdir(), 'drm-bench-'));
  chmodSync(parent, 0o711); // as root, PostgreSQL (user postgres) must pass through
  cleanups.push(() => rmSync(parent, { recursive: true, force: true }));
  const dataDir = given ? resolve(given) : join(parent, 'data');
  const marker = join(dataDir, MARKER);
  if (existsSync(marker)) {
    const prepared = JSON.parse(readFileSync(marker, 'utf8')) as DatasetSize;
    if (JSON.stringify(prepared) !== JSON.stringify(size)) {
      throw new Error(`${dataDir} holds another dataset (${JSON.stringify(prepared)}); pass the same sizes or another --data-dir`);
    }
    const core = await startCore({ dataDir });
    console.log(`reusing ${dataDir}: ${n(size.developers)} developers, ${n(size.activities)} activities (seed ${size.seed})`);
    return { core, dataDir, reused: true };
  }
  if (given && existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new Error(`${dataDir} is not empty and was not prepared by a benchmark; name an empty or new folder`);
  }
  if (given) {
    mkdirSync(dataDir, { recursive: true });
    chmodSync(dataDir, 0o711);
  }
  const t0 = performance.now();
  const out = join(parent, 'csv');
  await generateDataset(out, size, (child) => {
    const kill = () => child.kill('SIGTERM');
    cleanups.push(kill);
    return () => cleanups.splice(cleanups.indexOf(kill), 1);
  });
  console.log(`generated ${n(size.developers)} developers, ${n(size.activities)} activities in ${seconds(performance.now() - t0)}`);
  const core = await startCore({ dataDir });
  // Days are counted in the zone the generated rows were written in, whatever this machine's zone.
  const zoneSet = await core.handlers['settings:update']({ timeZoneSetting: timeZone });
  if (!zoneSet.ok) throw new Error(`settings:update: ${zoneSet.error.message}`);
  for (const type of ['campaigns', 'budgets', 'developers', 'activities'] as const) {
    const t = performance.now();
    await importOrThrow(core, join(out, `${type}.csv`), type, timeZone);
    console.log(`imported ${type}.csv in ${seconds(performance.now() - t)}`);
  }
  writeFileSync(marker, JSON.stringify(size));
  return { core, dataDir, reused: false };
}
