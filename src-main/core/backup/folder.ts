/**
 * The backup folder: listing what is in it (from each file's manifest, not
 * its data), naming a new backup, resolving an id from the renderer to a file
 * strictly inside the folder, and pruning by the retention rule.
 */
import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, realpath, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { backupId, type BackupEntry, type BackupKind } from '../../../src-shared/contract/backup';
import { readMigrations } from '../db/migrate';
import { rowsByTable } from './format';
import { backupFileName, isBackupFileName, parseBackupName } from './names';
import { readBackupHead } from './read';
import { BackupRefusal } from './refusal';
import { backupLevel } from './compat';
import { backupsToPrune } from './retention';
import { backupFolder, readBackupSettings } from './settings';

export async function ensureFolder(folder: string): Promise<void> {
  // Backups hold everything: only this user may read them.
  await mkdir(folder, { recursive: true, mode: 0o700 });
}

/**
 * The folder new backups go to, ready to write. The default one is created
 * when missing; a folder the user chose must still be there: on a drive that
 * is not connected, creating it would put the backups on the wrong disk.
 */
export async function backupFolderReady(home: string): Promise<string> {
  const settings = readBackupSettings(home);
  const folder = backupFolder(home, settings);
  if (settings.folder !== null && !existsSync(folder)) {
    throw new BackupRefusal(
      'missing-folder',
      `The backup folder ${folder} is not there (is its drive connected?). Connect it, or choose another folder in Settings → Backups (or: drm backup settings --folder DIR).`,
    );
  }
  await ensureFolder(folder);
  return folder;
}

/** A name for a new backup in `folder` that no file has yet. */
export function newBackupPath(folder: string, kind: BackupKind, at: Date): string {
  for (let attempt = 0; ; attempt++) {
    const path = join(folder, backupFileName(kind, at, attempt));
    if (!existsSync(path)) return path;
  }
}

async function names(folder: string): Promise<string[]> {
  try {
    return (await readdir(folder)).filter(isBackupFileName);
  } catch (error) {
    // No folder yet (or a file in its way, which the next backup reports): no backups.
    if (['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return [];
    throw error;
  }
}

/** Every backup in the folder, newest first; unreadable ones with the reason. */
export async function listBackups(folder: string, migrationsDir: string): Promise<BackupEntry[]> {
  const mine = readMigrations(migrationsDir);
  const entries: BackupEntry[] = [];
  for (const id of await names(folder)) {
    const path = join(folder, id);
    const stat = await lstat(path).catch(() => undefined);
    if (!stat?.isFile()) continue;
    const named = parseBackupName(id);
    const fallback = { id, kind: named?.kind ?? 'manual', createdAt: (named?.createdAt ?? stat.mtime).toISOString(), bytes: stat.size };
    try {
      const head = await readBackupHead(path);
      let problem: string | null = null;
      try {
        backupLevel(head, mine);
      } catch (error) {
        problem = (error as Error).message;
      }
      const { manifest } = head;
      const migration = manifest.migrations.at(-1)?.tag ?? null;
      entries.push({
        ...fallback,
        kind: manifest.kind,
        createdAt: manifest.createdAt,
        appVersion: manifest.app.version,
        migration,
        tables: rowsByTable(manifest),
        problem,
      });
    } catch (error) {
      if (!(error instanceof BackupRefusal)) throw error;
      entries.push({ ...fallback, appVersion: '', migration: null, tables: {}, problem: error.message });
    }
  }
  return entries.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/** When the newest backup in the folder was made (by its name, else its file time). */
export async function newestBackupAt(folder: string): Promise<Date | undefined> {
  let newest: Date | undefined;
  for (const id of await names(folder)) {
    const at = parseBackupName(id)?.createdAt ?? (await lstat(join(folder, id)).catch(() => undefined))?.mtime;
    if (at && (!newest || at > newest)) newest = at;
  }
  return newest;
}

/**
 * The file a renderer's id names: a regular file directly in `folder`,
 * never a path elsewhere (`../`, absolute, a symbolic link out of it).
 */
export async function resolveBackupId(folder: string, id: string): Promise<string> {
  if (!backupId.safeParse(id).success || basename(id) !== id) {
    throw new BackupRefusal('bad-id', `"${id}" is not the name of a backup in the backup folder.`);
  }
  const path = join(folder, id);
  const stat = await lstat(path).catch(() => undefined);
  if (!stat?.isFile()) throw new BackupRefusal('not-found', `There is no backup "${id}" in ${folder}.`);
  const real = await realpath(path);
  if (dirname(real) !== (await realpath(folder))) throw new BackupRefusal('bad-id', `"${id}" is not a backup in the backup folder.`);
  return real;
}

/** Deletes the daily backups retention lets go; returns their names. */
export async function pruneBackups(folder: string): Promise<string[]> {
  const doomed = backupsToPrune(await names(folder));
  for (const name of doomed) await rm(join(folder, name), { force: true });
  return doomed;
}
