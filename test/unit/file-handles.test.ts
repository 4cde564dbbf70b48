import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FILE_HANDLE_PATTERN } from '../../src-shared/contract/files';
import { createFileRegistry, GONE_MESSAGE, LOCAL_SESSION, newFileSession, type FileRegistry } from '../../src-main/core/files/handles';
import { ensurePrivateFolder, UnsafeFolderError } from '../../src-main/core/files/private-folder';

const dirs: string[] = [];
const registries: FileRegistry[] = [];
const fresh = () => {
  const dir = mkdtempSync(join(tmpdir(), 'drm-handles-'));
  dirs.push(dir);
  return dir;
};
const registry = (options?: Parameters<typeof createFileRegistry>[0]) => {
  const made = createFileRegistry(options);
  registries.push(made);
  return made;
};
afterEach(async () => {
  for (const made of registries.splice(0)) await made.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function csv(dir: string, name = 'a.csv', text = 'email\na@example.com\n'): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('file registry', () => {
  it('gives a random handle of the contract’s shape for a regular file, and resolves it to the real path', async () => {
    const dir = fresh();
    const path = csv(dir);
    const files = registry();
    const first = await files.register(path);
    const second = await files.register(path);
    expect(first).toMatchObject({ fileName: 'a.csv', size: 20 });
    expect(first.fileHandle).toMatch(FILE_HANDLE_PATTERN);
    expect(second.fileHandle).not.toBe(first.fileHandle);
    expect(first.fileHandle).not.toContain('a.csv');
    expect(await files.resolve(first.fileHandle)).toEqual({ path: realpathSync(path), name: 'a.csv', size: 20 });
  });

  it('keeps the name the user saw, and follows a link the user chose to its target', async () => {
    const dir = fresh();
    const target = csv(dir, 'real.csv');
    const link = join(dir, 'link.csv');
    symlinkSync(target, link);
    const files = registry();
    const { fileHandle } = await files.register(link, { name: '参加者.csv' });
    expect(await files.resolve(fileHandle)).toMatchObject({ path: realpathSync(target), name: '参加者.csv' });
  });

  it('refuses an empty or relative path, a missing file, a folder, a device and a pipe', async () => {
    const dir = fresh();
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const files = registry();
    await expect(files.register('')).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('no place on this computer'),
    });
    await expect(files.register(undefined as unknown as string)).rejects.toMatchObject({ code: 'BAD_INPUT' });
    await expect(files.register('a.csv')).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('full path') });
    await expect(files.register(join(dir, 'missing.csv'))).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: expect.stringContaining('ENOENT'),
    });
    for (const special of [dir, '/dev/null', '/dev/zero', fifo]) {
      await expect(files.register(special), special).rejects.toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringContaining('not a regular file'),
      });
    }
  });

  it('answers the same NOT_FOUND for an unknown handle and for another session’s', async () => {
    const files = registry();
    const window1 = newFileSession('window');
    const { fileHandle } = await files.register(csv(fresh()), { session: window1 });
    const unknown = `fh_${'A'.repeat(32)}`;
    for (const [handle, session] of [
      [unknown, window1],
      [fileHandle, newFileSession('window')],
      [fileHandle, LOCAL_SESSION],
    ] as const) {
      await expect(files.resolve(handle, session)).rejects.toMatchObject({ code: 'NOT_FOUND', message: GONE_MESSAGE });
    }
    await expect(files.resolve(fileHandle, window1)).resolves.toMatchObject({ name: 'a.csv' });
  });

  it('forgets a session’s handles when it ends, and runs their clean-ups once', async () => {
    const files = registry();
    const dir = fresh();
    const cleanup = vi.fn();
    const ending = newFileSession('http');
    const staying = newFileSession('http');
    const gone = await files.register(csv(dir, 'a.csv'), { session: ending, onForget: cleanup });
    const kept = await files.register(csv(dir, 'b.csv'), { session: staying });
    await files.endSession(ending);
    await files.endSession(ending);
    expect(cleanup).toHaveBeenCalledTimes(1);
    await expect(files.resolve(gone.fileHandle, ending)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(files.resolve(kept.fileHandle, staying)).resolves.toMatchObject({ name: 'b.csv' });
  });

  it('expires a handle left unused for the idle time, and a use keeps it alive', async () => {
    let now = 1_000_000;
    const files = registry({ idleMs: 1000, now: () => now });
    const cleanup = vi.fn();
    const used = await files.register(csv(fresh()));
    const idle = await files.register(csv(fresh()), { onForget: cleanup });
    now += 800;
    await files.resolve(used.fileHandle);
    now += 800;
    await expect(files.resolve(used.fileHandle)).resolves.toMatchObject({ name: 'a.csv' });
    await expect(files.resolve(idle.fileHandle)).rejects.toMatchObject({ code: 'NOT_FOUND', message: GONE_MESSAGE });
    expect(cleanup).toHaveBeenCalledTimes(1);
  });

  it('refuses a file that was deleted, or swapped for a link elsewhere, after it was chosen', async () => {
    const dir = fresh();
    const files = registry();
    const deleted = csv(dir, 'deleted.csv');
    const swapped = csv(dir, 'swapped.csv');
    const a = await files.register(deleted);
    const b = await files.register(swapped);
    unlinkSync(deleted);
    unlinkSync(swapped);
    symlinkSync('/etc/hostname', swapped);
    for (const handle of [a.fileHandle, b.fileHandle]) {
      await expect(files.resolve(handle)).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringContaining('no longer where it was'),
      });
    }
  });

  it('forgets everything on close', async () => {
    const files = registry();
    const cleanup = vi.fn();
    const { fileHandle } = await files.register(csv(fresh()), { onForget: cleanup });
    await files.close();
    expect(cleanup).toHaveBeenCalledTimes(1);
    await expect(files.resolve(fileHandle)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('ensurePrivateFolder', () => {
  it('creates a missing folder with mode 0700, and accepts it again', async () => {
    const path = join(fresh(), 'uploads');
    await ensurePrivateFolder(path);
    expect(statSync(path).mode & 0o777).toBe(0o700);
    await expect(ensurePrivateFolder(path)).resolves.toBeUndefined();
  });

  it('refuses a folder open to others, a symbolic link, a file, and one owned by another user', async () => {
    const dir = fresh();
    const open = join(dir, 'open');
    mkdirSync(open, { mode: 0o700 });
    chmodSync(open, 0o777);
    const target = join(dir, 'target');
    mkdirSync(target, { mode: 0o700 });
    const link = join(dir, 'link');
    symlinkSync(target, link);
    const file = csv(dir, 'file');
    const planted: [string, RegExp][] = [
      [open, /mode is 0777/],
      [link, /symbolic link/],
      [file, /not a folder/],
    ];
    if (process.getuid?.() === 0) {
      const foreign = join(dir, 'foreign');
      mkdirSync(foreign, { mode: 0o700 });
      chownSync(foreign, 4242, 4242);
      planted.push([foreign, /belongs to user id 4242/]);
    }
    for (const [path, why] of planted) {
      const refusal = ensurePrivateFolder(path);
      await expect(refusal, path).rejects.toBeInstanceOf(UnsafeFolderError);
      await expect(ensurePrivateFolder(path), path).rejects.toThrow(why);
    }
    expect(statSync(open).mode & 0o777).toBe(0o777);
  });
});
