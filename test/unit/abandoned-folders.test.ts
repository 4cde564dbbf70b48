/**
 * A temporary folder a crash left (a funnel refresh's cells, a browser
 * shell's uploads) is removed by the next process that makes one, or by the
 * next start: only when it is named after a process that no longer runs, and
 * only when it is ours. Anything else under the same root stays.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CellParts } from '../../src-main/core/derived/cell-spill';
import { isAlive } from '../../src-main/core/db/processes';
import { makeOwnTempFolder, removeAbandoned } from '../../src-main/core/files/abandoned';
import { openUploadFolder } from '../../src-main/server/upload';
import { makeTempDir } from '../helpers/temp';

const root = makeTempDir('abandoned');
afterAll(() => root.remove());

/** The pid of a process that has just ended. */
const endedPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

function folder(name: string, withFile = true): string {
  const path = join(root.path, name);
  mkdirSync(path);
  if (withFile) writeFileSync(join(path, 'cells'), 'x');
  return path;
}

describe('removeAbandoned', () => {
  it('removes only the folders named after a process that ended, under the prefix asked for', async () => {
    const ended = endedPid();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
    try {
      expect([isAlive(ended), isAlive(child.pid!), isAlive(process.pid)]).toEqual([false, true, true]);
      const gone = folder(`cells-${ended}-a1B2c3`);
      const kept = [
        folder(`cells-${child.pid}-d4E5f6`),
        folder(`cells-${process.pid}-g7H8i9`),
        folder(`cells-pid-j1K2l3`),
        folder(`cells-${ended}`),
        folder(`uploads-${ended}-m4N5o6`),
      ];
      writeFileSync(join(root.path, `cells-${ended}-file00`), 'not a folder');
      expect(removeAbandoned(root.path, 'cells-')).toEqual([gone]);
      expect(existsSync(gone)).toBe(false);
      for (const path of kept) expect(existsSync(path)).toBe(true);
      expect(existsSync(join(root.path, `cells-${ended}-file00`))).toBe(true);
    } finally {
      child.kill();
    }
  });

  it.runIf(process.getuid?.() === 0)("leaves another user's folder in a shared temp folder", () => {
    const ended = endedPid();
    const theirs = folder(`shared-${ended}-p7Q8r9`);
    chownSync(theirs, 65534, 65534);
    const ours = folder(`shared-${ended}-s1T2u3`);
    expect(removeAbandoned(root.path, 'shared-')).toEqual([ours]);
    expect(existsSync(theirs)).toBe(true);
  });

  it('never throws on a root that cannot be read', () => {
    expect(removeAbandoned(join(root.path, 'missing'), 'cells-')).toEqual([]);
  });
});

describe('makeOwnTempFolder', () => {
  it('names a private folder after this process, and removes an abandoned one first', () => {
    const abandoned = folder(`own-${endedPid()}-v4W5x6`);
    const made = makeOwnTempFolder(root.path, 'own-');
    expect(made.startsWith(join(root.path, `own-${process.pid}-`))).toBe(true);
    expect(statSync(made).mode & 0o777).toBe(0o700);
    expect(existsSync(abandoned)).toBe(false);
  });
});

describe("a funnel refresh's cell files", () => {
  it('go in a folder named after this process, and one a crash left goes when cells are next written', () => {
    const left = join(tmpdir(), `drm-funnel-cells-${endedPid()}-y7Z8a9`);
    mkdirSync(left);
    writeFileSync(join(left, '0'), 'cells');
    const before = new Set(readdirSync(tmpdir()));
    const parts = new CellParts(2, 0, 2);
    try {
      for (let n = 0; n < 4; n++) parts.push(n, n);
      const made = readdirSync(tmpdir()).filter((name) => !before.has(name));
      expect(made).toHaveLength(1);
      expect(made[0]!.startsWith(`drm-funnel-cells-${process.pid}-`)).toBe(true);
      expect(existsSync(left)).toBe(false);
    } finally {
      parts.close();
    }
  });
});

describe("a browser shell's uploads folder", () => {
  it('is named after its process, and the folder of a shell that crashed goes when the next one opens', async () => {
    const uploads = join(root.path, 'uploads');
    mkdirSync(uploads, { mode: 0o700 });
    const crashed = join(uploads, `shell-${endedPid()}-b1C2d3`);
    mkdirSync(crashed);
    writeFileSync(join(crashed, 'upload'), 'a,b');
    const shell = await openUploadFolder(uploads);
    try {
      expect(shell.path.startsWith(join(uploads, `shell-${process.pid}-`))).toBe(true);
      expect(existsSync(crashed)).toBe(false);
    } finally {
      await shell.remove();
    }
  });
});
