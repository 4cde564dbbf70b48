/**
 * A folder only this process's user can enter, at a place anyone could have
 * created first (a fixed name in the shared temp folder). A folder that is
 * already there is used only when it is exactly what we would have made —
 * a real directory (not a symbolic link), owned by us, with no access for
 * group or others; anything else was planted or damaged and is refused.
 */
import { lstat, mkdir } from 'node:fs/promises';

export class UnsafeFolderError extends Error {}

const octal = (mode: number) => `0${(mode & 0o777).toString(8)}`;

export async function ensurePrivateFolder(path: string): Promise<void> {
  try {
    // Not recursive: a missing parent is not ours to create, and EEXIST must reach the check below.
    await mkdir(path, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const info = await lstat(path);
  const refuse = (why: string) =>
    new UnsafeFolderError(
      `Refusing to use ${path}: ${why}. Another account may have created it to read or replace our files; remove it and start again.`,
    );
  if (info.isSymbolicLink()) throw refuse('it is a symbolic link');
  if (!info.isDirectory()) throw refuse('it is not a folder');
  // Windows has neither owners by uid nor POSIX modes; its temp folder is per user already.
  const uid = process.getuid?.();
  if (uid === undefined) return;
  if (info.uid !== uid) throw refuse(`it belongs to user id ${info.uid}, not to us (${uid})`);
  if ((info.mode & 0o077) !== 0) throw refuse(`its mode is ${octal(info.mode)}; it must be 0700`);
}
