/**
 * As root, PostgreSQL runs as the `postgres` OS user, which often cannot read
 * the binaries where they are installed (node_modules under root's 0700
 * home). They are then copied into `<dataDir>/binaries/<key>/`: inside the
 * root-owned data folder, made by us, never in a shared folder such as /tmp
 * where another local user could plant a `bin/postgres` of their own.
 *
 * The copy is a cache, reused across starts after checking it: every entry
 * must belong to us and be writable by no one else, symlinks must stay
 * inside it, and it must match the installed files (so a copy cut short by a
 * crash is made again). A folder that fails the ownership checks is refused,
 * never run. Callers hold the data folder's lock, so no two copies race.
 */
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
} from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

export const binariesRoot = (dataDir: string) => join(dataDir, 'binaries');

/** Where the copy of `installDir` lives: keyed by its path and its postgres binary, so an upgrade makes a new one. */
export function binariesCacheDir(dataDir: string, installDir: string): string {
  const postgres = lstatSync(join(installDir, 'bin', 'postgres'));
  const key = createHash('sha256')
    .update(`${resolve(installDir)}\0${postgres.size}\0${postgres.mtimeMs}`)
    .digest('hex')
    .slice(0, 12);
  return join(binariesRoot(dataDir), key);
}

export class UnsafeBinariesError extends Error {
  constructor(folder: string, problem: string) {
    super(
      `Refusing to run PostgreSQL from ${folder}: ${problem}. As root, the app copies PostgreSQL's binaries there itself, ` +
        `owned by root and writable by no one else; a folder it did not make is never used. ` +
        `Check who created it, remove it, and start again.`,
    );
    this.name = 'UnsafeBinariesError';
  }
}

/** Returns a checked copy of `installDir` under the data folder, making it when needed. */
export function privateBinaries(installDir: string, dataDir: string): string {
  const uid = process.getuid!();
  const problem = notOurs(lstatSync(dataDir), uid);
  if (problem) throw new UnsafeBinariesError(dataDir, `the data folder ${problem}`);
  const root = binariesRoot(dataDir);
  if (!existsSync(root)) {
    mkdirSync(root, { mode: 0o755 });
    chmodSync(root, 0o755); // umask may have taken bits the postgres user needs
  }
  const rootProblem = notOurs(lstatSync(root), uid);
  if (rootProblem) throw new UnsafeBinariesError(root, `it ${rootProblem}`);

  const target = binariesCacheDir(dataDir, installDir);
  if (existsSync(target)) {
    const unsafe = unsafeEntry(target, uid);
    if (unsafe) throw new UnsafeBinariesError(target, unsafe);
    if (sameTree(installDir, target)) return target;
  }
  // Old versions, copies cut short and leftovers of crashed copies: all made by us, under our lock.
  for (const name of readdirSync(root)) rmSync(join(root, name), { recursive: true, force: true });
  const staging = mkdtempSync(join(root, '.staging-'));
  cpSync(installDir, staging, { recursive: true, verbatimSymlinks: true });
  for (const [path, stat] of walk(staging)) if (!stat.isSymbolicLink()) chmodSync(path, stat.mode & 0o755);
  chmodSync(staging, 0o755);
  renameSync(staging, target);
  const unsafe = unsafeEntry(target, uid);
  if (unsafe) throw new UnsafeBinariesError(target, unsafe);
  return target;
}

/** Why a folder or file is not safe to run from, or undefined. */
function notOurs(stat: Stats, uid: number): string | undefined {
  if (stat.uid !== uid) return `is owned by uid ${stat.uid}, not by uid ${uid} (this process)`;
  if (!stat.isSymbolicLink() && (stat.mode & 0o022) !== 0) {
    const who = [stat.mode & 0o020 ? 'its group' : '', stat.mode & 0o002 ? 'other users' : ''].filter(Boolean).join(' and ');
    return `can be written by ${who} (mode ${(stat.mode & 0o777).toString(8)})`;
  }
  return undefined;
}

function unsafeEntry(dir: string, uid: number): string | undefined {
  const top = realpathSync(dir);
  for (const [path, stat] of walk(dir)) {
    const problem = notOurs(stat, uid);
    if (problem) return `${path === dir ? 'it' : path} ${problem}`;
    if (stat.isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(path);
      } catch {
        return `${path} is a dangling symlink`;
      }
      if (real !== top && !real.startsWith(top + sep)) return `${path} points outside it, to ${real}`;
    }
  }
  return undefined;
}

/** Same entries, types and file sizes: the copy is complete and of these binaries. */
function sameTree(source: string, copy: string): boolean {
  const copied = new Map(walk(copy).map(([path, stat]) => [relative(copy, path), stat]));
  const original = walk(source);
  if (original.length !== copied.size) return false;
  for (const [path, stat] of original) {
    const other = copied.get(relative(source, path));
    if (!other || other.isSymbolicLink() !== stat.isSymbolicLink() || other.isDirectory() !== stat.isDirectory()) return false;
    if (stat.isFile() && other.size !== stat.size) return false;
  }
  return true;
}

/** Every entry under `dir` and `dir` itself, with lstat (symlinks are not followed). */
function walk(dir: string): [string, Stats][] {
  const out: [string, Stats][] = [[dir, lstatSync(dir)]];
  for (let i = 0; i < out.length; i++) {
    const [path, stat] = out[i]!;
    if (!stat.isDirectory()) continue;
    for (const name of readdirSync(path)) {
      const child = join(path, name);
      out.push([child, lstatSync(child)]);
    }
  }
  return out;
}
