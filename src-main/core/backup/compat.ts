/**
 * Whether this app can restore a backup: its migrations must be the first
 * ones of this app's journal, with the same files. A backup from a newer app
 * (a migration this one does not know) is refused; so is one whose migration
 * files differ (another build's history).
 */
import type { Migration } from '../db/migrate';
import type { BackupHead } from './read';
import { BackupRefusal } from './refusal';

/** How many of this app's migrations the backup's database had. */
export function backupLevel(head: BackupHead, mine: readonly Migration[]): number {
  head.manifest.migrations.forEach((theirs, i) => {
    const known = mine.find((m) => m.when === theirs.when);
    if (!known) {
      throw new BackupRefusal(
        'newer-migrations',
        `${head.file} comes from a newer DRM Desktop: its database has migration ${theirs.tag}, which this version does not know. ` +
          'Update DRM Desktop, then restore it.',
      );
    }
    if (mine[i] !== known || known.hash !== theirs.hash) {
      throw new BackupRefusal(
        'mismatch',
        `${head.file} has migration ${theirs.tag} in a form this app does not have; it was not restored.`,
      );
    }
  });
  return head.manifest.migrations.length;
}
