/**
 * Temporary folders a process of ours made and could not remove: each is named after the process that
 * made it (`<prefix><pid>-` and mkdtemp's six characters), so that the next one to make such a folder,
 * or the next start, removes those whose process no longer runs. A `kill -9` during a 10M-row funnel
 * refresh left its cells (~370 MB) in the OS temp folder until the next reboot, and a crashed browser
 * shell its uploads.
 */
import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive } from '../db/processes';

/**
 * Removes the folders under `root` named `<prefix><pid>-…` whose process no longer runs, and that are
 * ours (the OS temp folder is shared). A pid reused meanwhile keeps its folder until that process ends
 * too. Never throws: a folder that cannot be read or removed stays. Returns the paths removed.
 */
export function removeAbandoned(root: string, prefix: string, runs: (pid: number) => boolean = isAlive): string[] {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return [];
  }
  const uid = process.getuid?.();
  const removed: string[] = [];
  for (const name of names) {
    const pid = name.startsWith(prefix) ? /^(\d+)-[^-]+$/.exec(name.slice(prefix.length))?.[1] : undefined;
    if (pid === undefined || Number(pid) === process.pid || runs(Number(pid))) continue;
    const path = join(root, name);
    try {
      const info = lstatSync(path);
      if (!info.isDirectory() || (uid !== undefined && info.uid !== uid)) continue;
      rmSync(path, { recursive: true, force: true });
      removed.push(path);
    } catch {
      // Removed meanwhile by another process, or not ours to remove.
    }
  }
  return removed;
}

/** A new private folder (mkdtemp: 0700) under `root`, named after this process; abandoned ones go first. */
export function makeOwnTempFolder(root: string, prefix: string): string {
  removeAbandoned(root, prefix);
  return mkdtempSync(join(root, `${prefix}${process.pid}-`));
}
