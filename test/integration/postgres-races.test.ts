/**
 * One process per data folder, with real processes racing: two commands on
 * a fresh folder initialise it once; a start waits for another that is still
 * starting, then refuses with its PID; stale locks are taken over; a stale
 * server.json never lets one process stop another's live server. Every test
 * stops what it started (the suite checks no server is left).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockFile } from '../../src-main/core/db/data-lock';
import { DataDirInUseError, startEmbeddedPostgres } from '../../src-main/core/db/postgres';
import { processStartTime } from '../../src-main/core/db/processes';
import { PROJECT_ROOT, type CliResult } from '../helpers/cli';
import { queryRows } from '../helpers/imports';
import { postgresServersUnder } from '../helpers/processes';
import { perTestCleanups, waitFor } from '../helpers/per-test';

const { defer, tempDataDir } = perTestCleanups();

/** A `drm` process, with its PID known before it ends. */
function drmProcess(args: string[]): { pid: number; done: Promise<CliResult> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(PROJECT_ROOT, 'src-main', 'cli.ts'), ...args], {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { pid: child.pid!, done: collect(child) };
}

function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A process that starts the server on `dataDir` and keeps it until SIGTERM. */
function holder(dataDir: string): { pid: number; ready: Promise<{ postgresPid: number; port: number }>; stop(): Promise<CliResult> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', 'helpers', 'start-and-wait.ts'), dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done = collect(child);
  const ready = new Promise<{ postgresPid: number; port: number }>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /ready (\d+) (\d+)/.exec(chunk.toString());
      if (match) resolve({ postgresPid: Number(match[1]), port: Number(match[2]) });
    });
    void done.then((r) => reject(new Error(`holder exited early (${r.code}): ${r.stderr}`)));
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return done;
  };
  defer(async () => void (await stop()));
  return { pid: child.pid!, ready, stop };
}

const INITDB_BANNER = 'The files belonging to this database system will be owned by user';
const initdbRuns = (dataDir: string) => readFileSync(join(dataDir, 'postgres.log'), 'utf8').split(INITDB_BANNER).length - 1;

function deadPid(): number {
  const gone = spawnSync('true');
  return gone.pid!;
}

function isRunning(pid: number): boolean {
  return processStartTime(pid) !== undefined;
}

describe('start-up races on one data folder', () => {
  it('two drm commands at once on a fresh folder: one initdb, the other succeeds after it or refuses with its PID', async () => {
    const dataDir = tempDataDir('race-fresh');
    const a = drmProcess(['status', '--data-dir', dataDir, '--json']);
    const b = drmProcess(['status', '--data-dir', dataDir, '--json']);
    const results = await Promise.all([a.done, b.done]);

    expect(results.filter((r) => r.code === 0).length).toBeGreaterThanOrEqual(1);
    for (const [i, result] of results.entries()) {
      if (result.code === 0) {
        expect(JSON.parse(result.stdout)).toMatchObject({ postgres: { location: { kind: 'embedded', dataDir } } });
      } else {
        const other = i === 0 ? b.pid : a.pid;
        expect(result.stderr).toContain(`already in use by process ${other}`);
      }
    }
    expect(initdbRuns(dataDir)).toBe(1);
    expect(postgresServersUnder(dataDir)).toEqual([]);
    expect(existsSync(lockFile(dataDir))).toBe(false);
    expect(existsSync(join(dataDir, 'server.json'))).toBe(false);
  });

  it('a command started while another process starts the folder refuses with that PID, and leaves its server alone', async () => {
    const dataDir = tempDataDir('race-holder');
    const first = holder(dataDir);
    await waitFor(() => existsSync(lockFile(dataDir))); // it holds the folder and is initialising
    const second = drmProcess(['status', '--data-dir', dataDir]);
    const [{ postgresPid, port }, refused] = await Promise.all([first.ready, second.done]);

    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(`already in use by process ${first.pid}`);
    expect(refused.stderr).not.toMatch(/initdb|password authentication/);
    expect(initdbRuns(dataDir)).toBe(1);
    expect(isRunning(postgresPid)).toBe(true);
    const url = serverUrl(dataDir, port);
    expect(await queryRows(url, 'select 1 as one')).toEqual([{ one: 1 }]);

    expect((await first.stop()).code).toBe(0);
    expect(postgresServersUnder(dataDir)).toEqual([]);
  });

  it('a stale server.json never lets a second process stop a live server', async () => {
    const dataDir = tempDataDir('race-stale-owner');
    const first = holder(dataDir);
    const { postgresPid, port } = await first.ready;
    // The record claims the server's owner has exited: the orphan signature, but the lock says otherwise.
    const stale = { ownerPid: deadPid(), postgresPid, postgresStartTime: processStartTime(postgresPid), port };
    writeFileSync(join(dataDir, 'server.json'), JSON.stringify(stale));
    const second = await drmProcess(['status', '--data-dir', dataDir]).done;
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(`already in use by process ${first.pid}`);
    expect(isRunning(postgresPid)).toBe(true);

    // Even with the lock deleted by hand, a record that is not this exact process (start time) proves nothing.
    rmSync(lockFile(dataDir));
    writeFileSync(join(dataDir, 'server.json'), JSON.stringify({ ...stale, postgresStartTime: 'an earlier process' }));
    const third = await drmProcess(['status', '--data-dir', dataDir]).done;
    expect(third.code).not.toBe(0);
    expect(third.stderr).toMatch(new RegExp(`PostgreSQL server running \\(PID ${postgresPid}\\).*left alone`));
    expect(isRunning(postgresPid)).toBe(true);
    expect(await queryRows(serverUrl(dataDir, port), 'select 1 as one')).toEqual([{ one: 1 }]);

    expect((await first.stop()).code).toBe(0);
    expect(postgresServersUnder(dataDir)).toEqual([]);
  });

  it('waits for a process that is still starting, refuses once the wait is over, and proceeds when that process is gone', async () => {
    const dataDir = tempDataDir('race-wait');
    const first = await startEmbeddedPostgres({ dataDir });
    await first.stop();
    const sleeper = spawn('sleep', ['60']);
    defer(() => void sleeper.kill('SIGKILL'));
    const starting = { pid: sleeper.pid!, startTime: processStartTime(sleeper.pid!), phase: 'starting' };
    writeFileSync(lockFile(dataDir), JSON.stringify(starting));

    const notices: string[] = [];
    const refused = startEmbeddedPostgres({ dataDir, lockWaitMs: 300, onNotice: (m) => notices.push(m) });
    await expect(refused).rejects.toThrow(DataDirInUseError);
    await expect(refused).rejects.toThrow(new RegExp(`in use by process ${sleeper.pid}, which has been starting`));
    expect(notices).toEqual([`Waiting for process ${sleeper.pid}, which is starting PostgreSQL in ${dataDir}.`]);
    expect(JSON.parse(readFileSync(lockFile(dataDir), 'utf8'))).toEqual(starting); // not ours to touch

    const waiting = startEmbeddedPostgres({ dataDir, lockWaitMs: 60_000 });
    await new Promise((r) => setTimeout(r, 300));
    sleeper.kill('SIGKILL'); // the holder dies mid-start: its lock is stale
    const second = await waiting;
    defer(() => second.stop());
    expect(await queryRows(second.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    expect(JSON.parse(readFileSync(lockFile(dataDir), 'utf8'))).toMatchObject({ pid: process.pid, phase: 'running' });
    await second.stop();
    expect(existsSync(lockFile(dataDir))).toBe(false);
  });

  it.each([
    ['names a process that has exited', () => JSON.stringify({ pid: deadPid(), phase: 'running' })],
    [
      'names our PID with another start time (a reused PID)',
      () => JSON.stringify({ pid: process.pid, startTime: 'before a reboot', phase: 'running' }),
    ],
    ['is garbage', () => '\u0000{not json'],
    ['is empty', () => ''],
  ])('takes over a lock that %s', async (_label, content) => {
    const dataDir = tempDataDir('race-stale-lock');
    const first = await startEmbeddedPostgres({ dataDir });
    await first.stop();
    writeFileSync(lockFile(dataDir), content());
    const second = await startEmbeddedPostgres({ dataDir });
    defer(() => second.stop());
    expect(await queryRows(second.url, 'select 1 as one')).toEqual([{ one: 1 }]);
    expect(JSON.parse(readFileSync(lockFile(dataDir), 'utf8'))).toMatchObject({ pid: process.pid });
  });
});

function serverUrl(dataDir: string, port: number): string {
  const credentials = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')) as { appPassword: string };
  return `postgres://drm:${encodeURIComponent(credentials.appPassword)}@127.0.0.1:${port}/drm`;
}
