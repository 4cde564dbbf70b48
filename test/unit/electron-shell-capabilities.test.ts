/**
 * The Electron shell's file capabilities: the path shown comes from the core
 * (a backup it resolved), the folder chosen comes from the system dialog.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  showItemInFolder: vi.fn(),
  showOpenDialog: vi.fn(),
}));

vi.mock('electron', () => ({
  shell: { showItemInFolder: electron.showItemInFolder },
  dialog: { showOpenDialog: electron.showOpenDialog },
}));

const { electronCapabilities } = await import('../../src-main/shell-capabilities');

beforeEach(() => {
  electron.showItemInFolder.mockReset();
  electron.showOpenDialog.mockReset();
});

describe('electronCapabilities', () => {
  it('opens the file manager at the path the core gives', () => {
    electronCapabilities(() => undefined).showItemInFolder!('/data/backups/x.drmbackup');
    expect(electron.showItemInFolder).toHaveBeenCalledWith('/data/backups/x.drmbackup');
  });

  it('returns the folder picked in the dialog, attached to the window', async () => {
    const win = { id: 1 };
    electron.showOpenDialog.mockResolvedValue({ canceled: false, filePaths: ['/mnt/usb/backups'] });
    const chosen = await electronCapabilities(() => win as never).chooseFolder!();
    expect(chosen).toBe('/mnt/usb/backups');
    expect(electron.showOpenDialog).toHaveBeenCalledWith(win, { properties: ['openDirectory', 'createDirectory'] });
  });

  it('returns nothing when the dialog is cancelled', async () => {
    electron.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
    expect(await electronCapabilities(() => undefined).chooseFolder!()).toBeUndefined();
    expect(electron.showOpenDialog).toHaveBeenCalledWith({ properties: ['openDirectory', 'createDirectory'] });
  });
});
