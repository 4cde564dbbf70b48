/**
 * Starts `drm serve` as a user would (a subprocess on a fresh data directory)
 * and stops it afterwards, checking that its PostgreSQL went with it.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

export interface Served {
  url: string;
  origin: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** A running `drm` command: the URL it printed, and how to stop it (waiting for its exit). */
export interface Started {
  url: string;
  stop(signal: NodeJS.Signals): Promise<void>;
}

/** Runs `drm ARGS` as a user would and resolves to the first URL its output names (`printed`'s first group). */
export async function startDrm(args: readonly string[], printed: RegExp): Promise<Started> {
  // Its command words, before the first option: `drm serve`, `drm shortlinks serve`.
  const name = [
    'drm',
    ...args.slice(
      0,
      args.findIndex((a) => a.startsWith('--')),
    ),
  ].join(' ');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src-main', 'cli.ts'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = printed.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}):\n${output}`)));
  });
  return {
    url,
    stop: async (signal) => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
  };
}

/** `drm serve` on a fresh data folder; `prepare` may put files in the folder first (say, a saved setting). */
export async function serve(prepare?: (dataDir: string) => void): Promise<Served> {
  const parent = mkdtempSync(join(tmpdir(), 'drm-e2e-'));
  chmodSync(parent, 0o711); // as root, PostgreSQL runs as `postgres` and must pass through
  const dataDir = join(parent, 'data');
  prepare?.(dataDir);
  const started = await startDrm(['serve', '--data-dir', dataDir], /serving on (http:\/\/\S+)/);
  return {
    url: started.url,
    origin: new URL(started.url).origin,
    dataDir,
    stop: async () => {
      await started.stop('SIGINT');
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

/**
 * The DATABASE_URL of a running `drm serve`'s embedded PostgreSQL, as another
 * process on the same machine reaches it (e.g. `drm shortlinks serve
 * --database-url`): the app role's password from credentials.json, the port
 * from the cluster's postmaster.pid (its fourth line).
 */
export function databaseUrlOf(app: Served): string {
  const { appPassword } = JSON.parse(readFileSync(join(app.dataDir, 'credentials.json'), 'utf8')) as { appPassword: string };
  const port = readFileSync(join(app.dataDir, 'pgdata', 'postmaster.pid'), 'utf8')
    .split('\n')[3]!
    .trim();
  return `postgres://drm:${encodeURIComponent(appPassword)}@127.0.0.1:${port}/drm`;
}

/** `drm shortlinks serve --port 0` against `databaseUrl`, as a user starts it; resolves to the URL it prints. */
export async function serveShortlinks(databaseUrl: string): Promise<{ url: string; stop(): Promise<void> }> {
  const started = await startDrm(['shortlinks', 'serve', '--port', '0', '--database-url', databaseUrl], /(http:\/\/127\.0\.0\.1:\d+\/)/);
  // SIGTERM writes the clicks not yet written (redirect/server.ts), then it exits.
  return { url: started.url, stop: () => started.stop('SIGTERM') };
}

/**
 * Calls a contract channel over HTTP as the page does (Bearer token from the
 * printed URL), asserting the call succeeded, and returns its value.
 */
export async function callApi<T>(request: APIRequestContext, app: Served, channel: string, input: object = {}): Promise<T> {
  const headers = { Authorization: `Bearer ${new URL(app.url).searchParams.get('token')}` };
  const response = await request.post(`${app.origin}/api/${channel}`, { data: input, headers });
  expect(response.ok(), `${channel}: HTTP ${response.status()}`).toBe(true);
  const body = (await response.json()) as { ok: boolean; value: T; error?: unknown };
  expect(body.ok, `${channel}: ${JSON.stringify(body.error)}`).toBe(true);
  return body.value;
}

/** Loads the bundled sample through the app's own import and waits until every job succeeded. */
export async function loadSample(request: APIRequestContext, app: Served): Promise<void> {
  await callApi(request, app, 'import:load-sample');
  await expect
    .poll(
      async () => {
        const jobs = await callApi<{ status: string }[]>(request, app, 'import:list-jobs');
        return jobs.length > 0 && jobs.every((job) => job.status === 'succeeded') ? 'succeeded' : jobs.map((j) => j.status).join(',');
      },
      { timeout: 180_000, intervals: [1000] },
    )
    .toBe('succeeded');
}

/**
 * For a spec file: `drm serve` with the sample loaded before its tests and
 * stopped after them. Read the returned app's fields inside tests (after
 * beforeAll has run).
 */
export function useServedSample(): Served {
  let app: Served | undefined;
  test.beforeAll(async ({ request }) => {
    test.setTimeout(240_000);
    app = await serve();
    await loadSample(request, app);
  });
  test.afterAll(async () => {
    await app?.stop();
  });
  const started = (): Served => {
    if (!app) throw new Error('useServedSample: read the app inside a test');
    return app;
  };
  return {
    get url() {
      return started().url;
    },
    get origin() {
      return started().origin;
    },
    get dataDir() {
      return started().dataDir;
    },
    stop: () => started().stop(),
  };
}
