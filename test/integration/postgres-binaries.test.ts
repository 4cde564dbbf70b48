/**
 * As root, binaries the `postgres` user cannot read where they are installed
 * run from a checked copy inside the root-owned data folder. A folder
 * planted where that copy goes (another owner, writable by others, a
 * foreign bin/postgres) is refused and its programs never run; the old
 * shared /tmp location is never used at all. Root only.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoot, postgresRunAs } from '../../src-main/core/db/os-user';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src-main/core/db/postgres';
import { binariesCacheDir, binariesRoot } from '../../src-main/core/db/private-binaries';
import { resolvePostgresInstallDir } from '../../src-main/core/paths';
import { queryRows } from '../helpers/imports';
import { postgresServersUnder } from '../helpers/processes';
import { makeTempDir } from '../helpers/temp';
import { perTestCleanups } from '../helpers/per-test';

const { defer, tempDataDir } = perTestCleanups();

let hidden: { path: string; remove(): void };
let installDir: string;
let markers: string;

beforeAll(() => {
  if (!isRoot()) return;
  hidden = makeTempDir('hidden-install');
  chmodSync(hidden.path, 0o700); // like a clone under root's 0700 home: the postgres user cannot read it
  installDir = join(hidden.path, 'native');
  cpSync(resolvePostgresInstallDir(), installDir, { recursive: true, verbatimSymlinks: true });
  // Where a planted program would leave its mark; anyone may write here, so no run can go unseen.
  markers = join(makeTempDir('markers').path, 'm');
  mkdirSync(markers, { mode: 0o777 });
  chmodSync(markers, 0o777);
});

afterAll(() => {
  hidden?.remove();
  if (markers) rmSync(join(markers, '..'), { recursive: true, force: true });
});

async function start(dataDir: string): Promise<EmbeddedPostgres> {
  const server = await startEmbeddedPostgres({ dataDir, installDir });
  defer(() => server.stop());
  return server;
}

const serverBinary = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]!;

/** A folder with a bin/postgres that, if ever run, leaves a marker file. */
function plant(folder: string, marker: string): string {
  mkdirSync(join(folder, 'bin'), { recursive: true });
  const program = join(folder, 'bin', 'postgres');
  writeFileSync(program, `#!/bin/sh\necho "ran as $(id -un)" > '${marker}'\necho 'postgres (PostgreSQL) 18.4'\n`, { mode: 0o755 });
  return program;
}

/** The test could fail: the planted program does run, as the postgres user, when something runs it. */
function expectRunnable(program: string, marker: string): void {
  const runAs = postgresRunAs()!;
  spawnSync(program, ['--version'], { uid: runAs.uid, gid: runAs.gid });
  expect(readFileSync(marker, 'utf8')).toBe('ran as postgres\n');
}

function expectRefused(dataDir: string, marker: string) {
  return async (pattern: RegExp) => {
    await expect(startEmbeddedPostgres({ dataDir, installDir })).rejects.toThrow(pattern);
    expect(existsSync(marker)).toBe(false);
    expect(postgresServersUnder(dataDir)).toEqual([]);
  };
}

/** A data folder with an empty, root-owned binaries folder, as a first start leaves it. */
function dataDirWithBinariesRoot(label: string): string {
  const dataDir = tempDataDir(label);
  mkdirSync(binariesRoot(dataDir), { recursive: true, mode: 0o755 });
  chmodSync(dataDir, 0o711);
  return dataDir;
}

describe.runIf(isRoot())('PostgreSQL binaries copied for the postgres user', () => {
  it('runs them from a checked copy in the data folder, reused at the next start', async () => {
    const dataDir = tempDataDir('bin-copy');
    const first = await start(dataDir);
    const copy = binariesCacheDir(dataDir, installDir);
    expect(serverBinary(first.pid)).toBe(join(copy, 'bin', 'postgres'));
    expect(statSync(copy)).toMatchObject({ uid: 0 });
    expect(statSync(copy).mode & 0o777).toBe(0o755);
    const inode = statSync(join(copy, 'bin', 'postgres')).ino;
    await first.stop();

    const second = await start(dataDir);
    expect(serverBinary(second.pid)).toBe(join(copy, 'bin', 'postgres'));
    expect(statSync(join(copy, 'bin', 'postgres')).ino).toBe(inode); // not copied again
    expect(await queryRows(second.url, 'select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('makes the copy again when it is incomplete (a copy cut short by a crash)', async () => {
    const dataDir = tempDataDir('bin-partial');
    await (await start(dataDir)).stop();
    const copy = binariesCacheDir(dataDir, installDir);
    unlinkSync(join(copy, 'bin', 'initdb'));
    const again = await start(dataDir);
    expect(existsSync(join(copy, 'bin', 'initdb'))).toBe(true);
    expect(await queryRows(again.url, 'select 1 as one')).toEqual([{ one: 1 }]);
  });

  it('refuses a planted folder owned by another user and never runs its postgres', async () => {
    const dataDir = dataDirWithBinariesRoot('bin-foreign');
    const folder = binariesCacheDir(dataDir, installDir);
    const marker = join(markers, 'foreign');
    const program = plant(folder, marker);
    execFileSync('chown', ['-R', 'nobody', folder]);
    await expectRefused(dataDir, marker)(/Refusing to run PostgreSQL from .*owned by uid \d+, not by uid 0.*never used/s);
    expectRunnable(program, marker);
  });

  it('refuses a planted folder that other users can write', async () => {
    const dataDir = dataDirWithBinariesRoot('bin-writable');
    const folder = binariesCacheDir(dataDir, installDir);
    const marker = join(markers, 'writable');
    const program = plant(folder, marker);
    chmodSync(folder, 0o777);
    await expectRefused(
      dataDir,
      marker,
    )(/Refusing to run PostgreSQL from \S+: it can be written by its group and other users \(mode 777\)/s);
    expectRunnable(program, marker);
  });

  it('refuses a binaries folder that other users can write, where they could swap the copy', async () => {
    const dataDir = dataDirWithBinariesRoot('bin-root-writable');
    chmodSync(binariesRoot(dataDir), 0o777);
    const marker = join(markers, 'root-writable');
    plant(binariesCacheDir(dataDir, installDir), marker);
    await expectRefused(dataDir, marker)(/Refusing to run PostgreSQL from \S+\/binaries: it can be written by its group and other users/);
  });

  it('refuses a copy whose bin/postgres belongs to another user', async () => {
    const dataDir = tempDataDir('bin-swapped');
    await (await start(dataDir)).stop();
    const folder = binariesCacheDir(dataDir, installDir);
    const marker = join(markers, 'swapped');
    const program = join(folder, 'bin', 'postgres');
    rmSync(program);
    plant(folder, marker);
    execFileSync('chown', ['nobody', program]);
    await expectRefused(dataDir, marker)(/Refusing to run PostgreSQL from .*bin\/postgres is owned by uid/s);
    expectRunnable(program, marker);
  });

  it('never uses the shared /tmp folder earlier versions copied the binaries to', async () => {
    const key = createHash('sha256').update(resolve(installDir)).digest('hex').slice(0, 12);
    const old = join(tmpdir(), `drm-desktop-postgres-${key}`);
    const marker = join(markers, 'old-tmp');
    const program = plant(old, marker);
    execFileSync('chown', ['-R', 'nobody', old]);
    defer(() => rmSync(old, { recursive: true, force: true }));
    const dataDir = tempDataDir('bin-old-tmp');
    const server = await start(dataDir);
    expect(serverBinary(server.pid).startsWith(old)).toBe(false);
    expect(existsSync(marker)).toBe(false);
    expectRunnable(program, marker);
  });
});
