/**
 * A PostgreSQL server from the operating system's packages (Debian's
 * `postgresql`), started by the test itself in a temp folder — the "external
 * PostgreSQL" a team would point DATABASE_URL at. `.ci/run` installs it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { mkdirOwned, postgresRunAs } from '../../src-main/core/db/os-user';
import { makeTempDir } from './temp';
import { freePort } from '../../src-main/core/db/ports';

export interface SystemPostgres {
  major: number;
  /** Superuser connection to the `postgres` database. */
  url: string;
  stop(): Promise<void>;
}

/** The newest /usr/lib/postgresql/<major>/bin, or a clear error saying how to install one. */
export function findSystemPostgres(): { major: number; bin: string } {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .map(Number)
        .filter((n) => n >= 14 && existsSync(join(root, String(n), 'bin', 'postgres')))
    : [];
  const major = Math.max(...majors);
  if (!Number.isFinite(major)) {
    throw new Error(
      'No PostgreSQL ≥ 14 under /usr/lib/postgresql: install it with `apt-get install -y postgresql` (bash scripts/install-test-deps.sh does)',
    );
  }
  return { major, bin: join(root, String(major), 'bin') };
}

export async function startSystemPostgres(): Promise<SystemPostgres> {
  const { major, bin } = findSystemPostgres();
  const runAs = postgresRunAs();
  const ids = runAs ? { uid: runAs.uid, gid: runAs.gid } : {};
  const dir = makeTempDir('system-pg');
  const pgdata = join(dir.path, 'pgdata');
  mkdirOwned(pgdata, runAs, 0o700);
  const init = spawnSync(join(bin, 'initdb'), ['-D', pgdata, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C'], {
    ...ids,
    encoding: 'utf8',
  });
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  writeFileSync(join(pgdata, 'postgresql.auto.conf'), "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\n");
  const port = await freePort();
  const child = spawn(join(bin, 'postgres'), ['-D', pgdata, '-p', String(port)], { ...ids, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (c: Buffer) => (log += c.toString()));
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client(url);
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      await client.end().catch(() => undefined);
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        dir.remove();
        throw new Error(`PostgreSQL ${major} did not start:\n${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    major,
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      dir.remove();
    },
  };
}

/**
 * A team's shared database on `server`, as README "Team mode" sets one up: a
 * login role that is no superuser but bypasses RLS (it migrates) owns a new
 * database. Answers the owner's URL, the one `--database-url` takes.
 */
export async function createTeamDatabase(server: SystemPostgres, name: string): Promise<string> {
  const admin = new pg.Client(server.url);
  await admin.connect();
  try {
    await admin.query(`create role ${name}_owner login nosuperuser bypassrls createrole password 'owner-secret'`);
    await admin.query(`create database ${name} owner ${name}_owner`);
  } finally {
    await admin.end();
  }
  return server.url.replace('postgres@', `${name}_owner:owner-secret@`).replace(/\/postgres$/, `/${name}`);
}
