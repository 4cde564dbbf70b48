/**
 * The backup before a schema change: when a start is about to apply
 * migrations to a database that holds data (embedded or external), it backs
 * the database up first, at its current migration level, into the backup
 * folder (kind `pre-migration`; retention never deletes these). If that
 * backup cannot be made, the start stops before migrating: better a clear
 * message than a schema change with no way back.
 */
import { CoreError } from '../errors';
import { withConnection } from '../db/connect';
import { pendingMigrations, readApplied, readMigrations } from '../db/migrate';
import { hasUserData } from './catalog';
import { backupFolderReady, newBackupPath } from './folder';
import { backupFolder } from './settings';
import { writeBackup } from './write';

export interface PreMigrationOptions {
  url: string;
  migrationsDir: string;
  home: string;
  appVersion: string;
}

/** The backup's path when one was due and made; undefined when nothing was pending or there is no data. */
export async function backupBeforeMigrating(options: PreMigrationOptions): Promise<string | undefined> {
  const pending = await withConnection(options.url, async (client) => {
    const applied = await readApplied(client);
    // A fresh database has nothing to lose; one that is current has nothing to apply.
    if (applied.length === 0) return [];
    const tags = pendingMigrations(readMigrations(options.migrationsDir), applied).map((m) => m.tag);
    return tags.length > 0 && (await hasUserData(client)) ? tags : [];
  });
  if (pending.length === 0) return undefined;
  const folder = backupFolder(options.home);
  try {
    const file = newBackupPath(await backupFolderReady(options.home), 'pre-migration', new Date());
    return (
      await writeBackup({
        url: options.url,
        file,
        kind: 'pre-migration',
        // Whatever its tenants: whoever starts the app holds the owner's connection, and this file is the only way
        // back from the schema change (a shared database's other backups are refused: refusal.ts).
        everyTenant: true,
        migrationsDir: options.migrationsDir,
        appVersion: options.appVersion,
      })
    ).file;
  } catch (error) {
    throw new CoreError(
      'UNAVAILABLE',
      `Before updating the database (${pending.join(', ')}), DRM Desktop backs it up, and that backup failed: ${(error as Error).message} ` +
        `Nothing was changed. Free some space in ${folder}, or choose another backup folder (drm backup settings --folder DIR), then start again.`,
    );
  }
}
