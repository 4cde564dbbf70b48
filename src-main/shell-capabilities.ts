/**
 * What the Electron shell does for the core with files, so that the page never
 * names one: open the file manager at a backup, and let the user pick a
 * backup folder in the system's own dialog (the path comes from the OS, not
 * from the renderer).
 */
import { dialog, shell, type BrowserWindow, type OpenDialogOptions } from 'electron';
import type { ShellCapabilities } from './core/types';

export function electronCapabilities(window: () => BrowserWindow | undefined): ShellCapabilities {
  return {
    showItemInFolder: (path) => shell.showItemInFolder(path),
    async chooseFolder() {
      const options: OpenDialogOptions = { properties: ['openDirectory', 'createDirectory'] };
      const parent = window();
      const result = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
  };
}
