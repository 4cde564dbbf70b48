/**
 * What every benchmark does before it measures: generate the seeded dataset
 * in a child process (so that the benchmark's own peak RSS is what it
 * measures) and import its files through the app's channels, by handle, as a
 * user would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../src-main/core/types';

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

/** The app's own connection string for the embedded server of `dataDir` (while a core runs on it). */
export function dataUrl(dataDir: string): string {
  const read = (name: string) => JSON.parse(readFileSync(join(dataDir, name), 'utf8')) as unknown;
  const owner = read('server.json') as { port: number };
  const credentials = read('credentials.json') as { appPassword: string };
  return `postgres://drm:${encodeURIComponent(credentials.appPassword)}@127.0.0.1:${owner.port}/drm`;
}
