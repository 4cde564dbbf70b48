/**
 * The `backup:*` channels. The renderer never sends a path: a restore names
 * a backup by the id the list gave (resolved strictly inside the backup
 * folder), a new folder comes from the shell's own dialog, and "show in
 * folder" is the shell's (Electron's) to do; browser mode gets the path to show.
 */
import { basename } from 'node:path';
import type { BackupSettings } from '../../../src-shared/contract/backup';
import type { DomainHandlers } from '../handlers';
import type { ShellCapabilities } from '../types';
import { ensureFolder, resolveBackupId } from './folder';
import { BackupRefusal } from './refusal';
import type { LastAutomatic } from './schedule';
import type { BackupService } from './service';
import { backupFolder, defaultBackupFolder, readBackupSettings, setBackupFolder, writeBackupSettings } from './settings';

export interface BackupHandlerDeps {
  service: BackupService;
  home: string;
  shell?: ShellCapabilities;
  lastAutomatic(): LastAutomatic | null;
}

export function backupHandlers({ service, home, shell, lastAutomatic }: BackupHandlerDeps): DomainHandlers {
  const settingsView = (): BackupSettings => {
    const stored = readBackupSettings(home);
    return {
      folder: backupFolder(home, stored),
      defaultFolder: defaultBackupFolder(home),
      schedule: stored.schedule,
      canChooseFolder: shell?.chooseFolder !== undefined,
      canShowInFolder: shell?.showItemInFolder !== undefined,
      lastAutomatic: lastAutomatic(),
    };
  };

  return {
    'backup:list': () => service.list(),
    'backup:create': async () => {
      const created = await service.create();
      return { id: basename(created.file), ...created };
    },
    'backup:restore': async ({ id }) => {
      const file = await resolveBackupId(service.folder(), id);
      // The app's confirmation dialog named what is replaced; a safety backup is still made first.
      const restored = await service.restore(file, { replace: true });
      return {
        id,
        tables: restored.tables,
        migrations: restored.migrations,
        derivedRebuilt: restored.derivedRebuilt,
        safetyBackup: restored.safetyBackup && basename(restored.safetyBackup),
      };
    },
    'backup:get-settings': async () => settingsView(),
    'backup:update-settings': async (input) => {
      const stored = readBackupSettings(home);
      writeBackupSettings(home, {
        folder: input.folder === 'default' ? null : stored.folder,
        schedule: input.schedule ?? stored.schedule,
      });
      return settingsView();
    },
    'backup:choose-folder': async () => {
      if (!shell?.chooseFolder) {
        throw new BackupRefusal(
          'no-folder-picker',
          'Choosing a backup folder needs the desktop app. Here, run `drm backup settings --folder DIR` on the computer that serves this page.',
        );
      }
      const chosen = await shell.chooseFolder();
      if (chosen !== undefined) setBackupFolder(home, chosen);
      return settingsView();
    },
    'backup:show-in-folder': async ({ id }) => {
      let path = service.folder();
      if (id === undefined) await ensureFolder(path);
      else path = await resolveBackupId(path, id);
      if (!shell?.showItemInFolder) return { shown: false, path };
      shell.showItemInFolder(path);
      return { shown: true, path };
    },
  };
}
