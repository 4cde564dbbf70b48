/**
 * The embedded server's life: first start, restart, crash, a second start on
 * a busy data directory, another major's data, stale and orphaned servers.
 * Each test has its own data directory and stops what it started.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCore } from '../../src-main/core/index';
import { emptyCounts } from '../../src-main/core/imports/jobs';
import { clusterDir, startEmbeddedPostgres, type EmbeddedPostgres } from '../../src-main/core/db/postgres';
import type { Core } from '../../src-main/core/types';
import { postgresServersUnder } from '../helpers/processes';
import { queryRows } from '../helpers/imports';
import { perTestCleanups, waitFor } from '../helpers/per-test';

const { defer, tempDataDir } = perTestCleanups();

async function core(dataDir: string): Promise<Core> {
  const started = await startCore({ dataDir });
  defer(() => started.stop());
  return started;
}

async function server(dataDir: string): Promise<EmbeddedPostgres> {
  const started = await startEmbeddedPostgres({ dataDir });
  defer(() => started.stop());
  return started;
}

async function tenantName(url: string): Promise<string | undefined> {
  const rows = await queryRows<{ name: string }>(url, "select name from tenants where tenant_id = 'default'");
  return rows[0]?.name;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('embedded PostgreSQL lifecycle', () => {
  it('starts, is secure by default, stops, and restarts with the same data', async () => {
    const dataDir = tempDataDir('restart');
    const first = await server(dataDir);
    expect(statSync(join(dataDir, 'credentials.json')).mode & 0o777).toBe(0o600);
    const settings = await queryRows<{ name: string; setting: string }>(
      first.superuserUrl,
      "select name, setting from pg_settings where name in ('listen_addresses', 'fsync', 'full_page_writes', 'synchronous_commit', 'unix_socket_directories', 'server_encoding')",
    );
    expect(Object.fromEntries(settings.map((s) => [s.name, s.setting]))).toEqual({
      listen_addresses: '127.0.0.1',
      fsync: 'on',
      full_page_writes: 'on',
      synchronous_commit: 'on',
      unix_socket_directories: '',
      server_encoding: 'UTF8',
    });
    const [role] = await queryRows<{ rolsuper: boolean }>(first.url, 'select rolsuper from pg_roles where rolname = current_user');
    expect(role?.rolsuper).toBe(false);
    await queryRows(first.ownerUrl, 'create table kept (v text); grant select on kept to drm');
    await queryRows(first.ownerUrl, "insert into kept values ('still here')");
    await first.stop();
    expect(isRunning(first.pid)).toBe(false);
    await first.stop(); // a second stop is harmless

    const second = await server(dataDir);
    expect(second.port).toBeGreaterThan(0);
    expect(await queryRows(second.url, 'select v from kept')).toEqual([{ v: 'still here' }]);
  });

  it('keeps committed rows after the server is killed with SIGKILL, then starts again', async () => {
    const dataDir = tempDataDir('crash');
    const crashed = await core(dataDir);
    const url = startedUrl(dataDir);
    await queryRows(url, "update tenants set name = 'Committed before the crash' where tenant_id = 'default'");
    const pid = Number(readFileSync(join(clusterDir(dataDir), 'postmaster.pid'), 'utf8').split('\n')[0]);
    process.kill(pid, 'SIGKILL');
    await waitFor(() => !isRunning(pid));
    await crashed.stop(); // must not hang on a dead server

    const again = await core(dataDir);
    const status = await again.handlers['system:get-status']({});
    expect(status.ok).toBe(true);
    expect(await tenantName(startedUrl(dataDir))).toBe('Committed before the crash');
  });

  it('marks an import left running by a crashed app as interrupted at the next start', async () => {
    const dataDir = tempDataDir('interrupted');
    const first = await core(dataDir);
    const metrics = {
      type: 'activities',
      fileName: 'big.csv',
      encoding: 'utf-8',
      dryRun: false,
      totalBytes: 1000,
      rowsRead: 10,
      rejected: 0,
      skipped: 0,
      duplicates: 0,
      inserted: emptyCounts(),
      errors: [],
      errorCount: 0,
      message: null,
      durationMs: null,
    };
    await queryRows(
      startedUrl(dataDir),
      `insert into import_jobs (tenant_id, source, status, metrics, started_at) values ('default', 'csv', 'running', $1, now())`,
      [metrics],
    );
    await first.stop();
    const again = await core(dataDir);
    const jobs = await again.handlers['import:list-jobs']({});
    const rows = await queryRows<{ status: string; message: string; finished: boolean }>(
      startedUrl(dataDir),
      "select status, metrics->>'message' as message, finished_at is not null as finished from import_jobs",
    );
    expect(rows).toEqual([{ status: 'failed', message: expect.stringContaining('Interrupted'), finished: true }]);
    expect(jobs.ok && jobs.value.map((j) => [j.fileName, j.status])).toEqual([['big.csv', 'failed']]);
  });

  it('refuses a second start on a data directory whose server is running', async () => {
    const dataDir = tempDataDir('busy');
    await core(dataDir);
    await expect(startCore({ dataDir })).rejects.toThrow(/already in use.*PID \d+/s);
  });

  it('refuses a data directory of another PostgreSQL major and leaves it untouched', async () => {
    const dataDir = tempDataDir('major');
    const pgdata = clusterDir(dataDir);
    mkdirSync(pgdata, { recursive: true });
    writeFileSync(join(pgdata, 'PG_VERSION'), '16\n');
    writeFileSync(join(pgdata, 'postgresql.conf'), '# a PostgreSQL 16 cluster\n');
    const before = snapshot(pgdata);
    await expect(startCore({ dataDir })).rejects.toThrow(/holds PostgreSQL 16 data.*runs PostgreSQL 18.*left untouched/s);
    expect(snapshot(pgdata)).toEqual(before);
  });

  it('starts despite a stale postmaster.pid naming another live process', async () => {
    const dataDir = tempDataDir('stale');
    const first = await server(dataDir);
    await first.stop();
    const sleeper = spawn('sleep', ['60']);
    defer(() => void sleeper.kill('SIGKILL'));
    writeFileSync(join(clusterDir(dataDir), 'postmaster.pid'), `${sleeper.pid}\n${clusterDir(dataDir)}\n`);
    const second = await server(dataDir);
    expect(await queryRows(second.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    expect(isRunning(sleeper.pid!)).toBe(true); // never touched the unrelated process
  });

  it('takes over a server orphaned by an owner that was killed', async () => {
    const dataDir = tempDataDir('orphan');
    // A separate owner process starts the server and is then killed with SIGKILL.
    const owner = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'helpers', 'start-and-wait.ts'), dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const orphanPid = await new Promise<number>((resolve, reject) => {
      owner.stdout!.on('data', (chunk: Buffer) => {
        const match = /ready (\d+)/.exec(chunk.toString());
        if (match) resolve(Number(match[1]));
      });
      owner.once('exit', (code) => reject(new Error(`owner exited early (${code})`)));
    });
    owner.kill('SIGKILL');
    await waitFor(() => owner.exitCode !== null || owner.signalCode !== null);
    expect(isRunning(orphanPid)).toBe(true);

    const taken = await server(dataDir);
    expect(isRunning(orphanPid)).toBe(false);
    expect(await queryRows(taken.url, 'select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('fails a start with the tail of the server log when PostgreSQL cannot start', async () => {
    const dataDir = tempDataDir('badconf');
    const first = await server(dataDir);
    await first.stop();
    appendFileSync(join(clusterDir(dataDir), 'postgresql.conf'), "\nshared_buffers = 'not a size'\n");
    const failure = startEmbeddedPostgres({ dataDir, startTimeoutMs: 10_000 });
    await expect(failure).rejects.toThrow(/exited during start-up[\s\S]*PostgreSQL log[\s\S]*shared_buffers/);
    expect(postgresServersUnder(dataDir)).toEqual([]);
  });
});

/** The owner's URL of the server currently running on `dataDir` (row-level security binds the app's login), from its owner record. */
function startedUrl(dataDir: string): string {
  const owner = JSON.parse(readFileSync(join(dataDir, 'server.json'), 'utf8')) as { port: number };
  const credentials = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { superuserPassword: string };
  return `postgres://postgres:${encodeURIComponent(credentials.superuserPassword)}@127.0.0.1:${owner.port}/drm?options=-c%20role%3Ddrm_owner`;
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    out[name] = readFileSync(path, 'utf8');
  }
  return out;
}
