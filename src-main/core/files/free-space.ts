/**
 * Refusing work that would fill the disk half-way: an import or a backup
 * that runs out of space fails late, after minutes, and a full disk can stop
 * PostgreSQL itself. Each writer estimates what it needs and asks first.
 */
import { statfs } from 'node:fs/promises';
import { CoreError } from '../errors';

/** Bytes available to an unprivileged writer on the file system holding `dir`. */
export async function freeBytes(dir: string): Promise<number> {
  const info = await statfs(dir);
  return info.bavail * info.bsize;
}

const mb = (bytes: number) => `${Math.ceil(bytes / 1024 ** 2).toLocaleString('en-US')} MB`;

/**
 * Throws a CoreError naming the folder, what is needed and what is free when
 * fewer than `needed` bytes are available there. `what` says who asks
 * ("the import", "the backup") for the message.
 */
export async function ensureFreeSpace(dir: string, needed: number, what: string, available?: number): Promise<void> {
  const free = available ?? (await freeBytes(dir));
  if (free >= needed) return;
  throw new CoreError(
    'UNAVAILABLE',
    `Not enough free disk space for ${what}: ${dir} has ${mb(free)} free, about ${mb(needed)} is needed. ` +
      'Free some space on that disk (or choose another folder) and try again.',
    { reason: 'disk-full', folder: dir, neededBytes: needed, freeBytes: free },
  );
}
