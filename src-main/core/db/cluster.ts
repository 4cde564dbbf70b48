/**
 * The cluster on disk: creating it once, reading its major version, and
 * settling what a previous run left behind. Every function here runs under
 * the data folder's lock (data-lock.ts), so nobody else is starting on it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { fsyncFolder, writeFileAtomic } from '../files/atomic-write';
import { DataDirInUseError } from './data-lock';
import { mkdirOwned, spawnIds, type RunAs } from './os-user';
import { isPostgresProcess, isSameProcess, processStartTime, shutdownPid } from './processes';
import type { LogSink } from './server-log';

export class PostgresStartError extends Error {
  constructor(
    message: string,
    readonly logTail: string[] = [],
  ) {
    super(logTail.length > 0 ? `${message}\n--- PostgreSQL log (last lines) ---\n${logTail.join('\n')}` : message);
    this.name = 'PostgresStartError';
  }
}

export const clusterDir = (dataDir: string) => join(dataDir, 'pgdata');
const ownerFile = (dataDir: string) => join(dataDir, 'server.json');

/** Which process runs the server, written as soon as the postmaster is spawned. */
const ownerSchema = z.object({
  ownerPid: z.number().int().positive(),
  ownerStartTime: z.string().optional(),
  postgresPid: z.number().int().positive(),
  postgresStartTime: z.string().optional(),
  port: z.number().int().positive(),
});
export type OwnerRecord = z.infer<typeof ownerSchema>;

export function writeOwner(dataDir: string, owner: OwnerRecord): void {
  writeFileAtomic(ownerFile(dataDir), JSON.stringify(owner));
}

export function removeOwner(dataDir: string): void {
  rmSync(ownerFile(dataDir), { force: true });
}

function readOwner(dataDir: string): OwnerRecord | undefined {
  try {
    const parsed = ownerSchema.safeParse(JSON.parse(readFileSync(ownerFile(dataDir), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the major version of a cluster, or undefined when there is none. */
export function clusterMajor(pgdata: string): number | undefined {
  const file = join(pgdata, 'PG_VERSION');
  if (!existsSync(file)) return undefined;
  return Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
}

/**
 * Deals with what a previous run left: a server is shut down only when it is
 * exactly the one recorded in server.json (PID and start time) and the
 * process that started it is gone; any other live server is refused. A pid
 * file naming a dead or unrelated process is removed so the server can do
 * crash recovery.
 */
export async function settleStaleServer(dataDir: string, pgdata: string, log: LogSink): Promise<void> {
  const pidFile = join(pgdata, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8').split('\n')[0] ?? '', 10);
  if (Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid)) {
    const owner = readOwner(dataDir);
    // Only the exact process we recorded (PID and start time) is ours to stop: a record without a start time proves nothing.
    const recorded =
      owner !== undefined &&
      owner.postgresPid === pid &&
      owner.postgresStartTime !== undefined &&
      processStartTime(pid) === owner.postgresStartTime;
    const ownerAlive = owner !== undefined && isSameProcess(owner.ownerPid, owner.ownerStartTime);
    if (recorded && ownerAlive) throw new DataDirInUseError(dataDir, owner.ownerPid, 'running');
    if (!recorded) {
      throw new PostgresStartError(
        `The data folder ${dataDir} has a PostgreSQL server running (PID ${pid}) that no DRM Desktop process is known to own. ` +
          `It was left alone. If nothing else should use this folder, stop it (for example \`kill -INT ${pid}\`) and start again.`,
      );
    }
    log.notice(`Shut down the PostgreSQL server (PID ${pid}) left running by process ${owner!.ownerPid}, which has exited.`);
    await shutdownPid(pid);
  }
  rmSync(pidFile, { force: true });
}

export function initCluster(bin: string, pgdata: string, superuserPassword: string, runAs: RunAs | undefined, log: LogSink): void {
  if (existsSync(pgdata) && readdirSync(pgdata).length > 0) {
    throw new PostgresStartError(`${pgdata} is not empty but holds no PostgreSQL cluster (no PG_VERSION); it was left untouched.`);
  }
  // initdb into a sibling and rename, so a crash mid-way never leaves half a cluster.
  const staging = `${pgdata}.init`;
  rmSync(staging, { recursive: true, force: true });
  rmSync(pgdata, { recursive: true, force: true });
  mkdirOwned(staging, runAs, 0o700);
  const pwfile = `${staging}.pw`;
  writeFileSync(pwfile, `${superuserPassword}\n`, { mode: 0o600 });
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
      { encoding: 'utf8', ...spawnIds(runAs), env: { ...process.env, LC_ALL: 'C' } },
    );
    for (const line of `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n')) if (line) log.write(line);
    if (result.status !== 0)
      throw new PostgresStartError(`initdb failed for ${pgdata} (exit ${result.status ?? result.signal})`, log.tail());
  } finally {
    rmSync(pwfile, { force: true });
  }
  renameSync(staging, pgdata);
  fsyncFolder(dirname(pgdata));
}
