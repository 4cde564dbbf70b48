/**
 * The Electron app's lifecycle: one instance, one window, one core, and a
 * quit that always stops PostgreSQL first. `index.ts` passes in `startCore`
 * so that tests can drive this with a fake core. The window shows the app's
 * own page, or the team server the core says the app is set to (team-window.ts).
 */
import { app, ipcMain, session, type BrowserWindow } from 'electron';
import { newFileSession } from './core/files/handles';
import type { Core, StartCoreOptions } from './core/types';
import { defaultUserDataDir, PRODUCT_NAME } from './core/paths';
import { startupErrorPageUrl } from './error-page';
import { reasonOf } from './core/errors';
import { forwardEvents, registerIpc } from './ipc';
import { showOsNotifications } from './os-notifications';
import { electronCapabilities } from './shell-capabilities';
import { createTeamWindow } from './team-window';
import { appFiles, createMainWindow, createSenderCheck, installSessionGuards, isAppUrl, rendererSource } from './window';

export interface AppDeps {
  startCore(options: StartCoreOptions): Promise<Core>;
  /** Where SIGINT/SIGTERM arrive; the real process unless a test says otherwise. */
  signals?: Pick<NodeJS.Process, 'once'>;
}

export function runApp({ startCore, signals = process }: AppDeps): void {
  // The same folder the CLI uses (and DRM_DATA_DIR moves both). Electron would
  // otherwise name it after package.json's `name`, not the product. It must be
  // set before the lock, which is keyed by this folder.
  app.setName(PRODUCT_NAME);
  app.setPath('userData', defaultUserDataDir());

  if (!app.requestSingleInstanceLock()) {
    // The first instance owns the PostgreSQL cluster; it gets focused instead.
    app.quit();
    return;
  }

  const dataDir = app.getPath('userData');
  const files = appFiles();
  const source = rendererSource(app.isPackaged, files.renderer, process.env.ELECTRON_RENDERER_URL);
  let mainWindow: BrowserWindow | undefined;
  let core: Promise<Core> | undefined;
  let stopForwarding: (() => void) | undefined;
  // The files dropped on the window are the window's: their handles end when it closes.
  let windowSession = newFileSession('window');
  let quitting: 'no' | 'stopping' | 'done' = 'no';
  const teamWindow = createTeamWindow(() => mainWindow, source);

  function showStartupError(win: BrowserWindow, reason: string): void {
    win.loadURL(startupErrorPageUrl({ message: reason, dataDir })).catch((error: unknown) => {
      console.error('Could not show the start-up error page:', error);
    });
    win.show();
  }

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  // One window, and the app is its database: closing it quits everywhere
  // (macOS included), so PostgreSQL never runs with no window to show for it.
  app.on('window-all-closed', () => app.quit());

  app.on('before-quit', (event) => {
    if (quitting === 'done') return;
    event.preventDefault();
    if (quitting === 'stopping') return;
    quitting = 'stopping';
    void stopCore().finally(() => {
      quitting = 'done';
      app.quit();
    });
  });

  async function stopCore(): Promise<void> {
    stopForwarding?.();
    if (!core) return;
    let running: Core;
    try {
      // A quit during start-up waits for the start, so a server that comes up is still stopped.
      running = await core;
    } catch {
      return; // startCore cleans up after itself when it fails
    }
    try {
      await running.stop();
    } catch (error) {
      console.error('Stopping the core failed:', error);
    }
  }

  for (const signal of ['SIGINT', 'SIGTERM'] as const) signals.once(signal, () => app.quit());

  void app
    .whenReady()
    .then(() => {
      if (quitting !== 'no') return; // a quit before ready must not start a server nobody will stop
      installSessionGuards(session.defaultSession, source, teamWindow.origin);
      const starting = startCore({
        dataDir,
        layout: { packaged: app.isPackaged, resourcesPath: process.resourcesPath },
        shell: electronCapabilities(() => mainWindow),
        // The app stays up for hours: it makes the daily backup.
        scheduleBackups: true,
        sendNotifications: true,
        searchIndex: true,
      });
      core = starting;
      // Registered before the window loads, so the renderer's first calls find a handler and wait.
      registerIpc(
        ipcMain,
        starting,
        createSenderCheck(() => mainWindow, source),
        () => windowSession,
      );
      teamWindow.registerBackChannel(ipcMain, starting, () => windowSession);
      const win = createMainWindow({ preload: files.preload, source, teamOrigin: teamWindow.origin });
      teamWindow.watch(win);
      win.on('closed', () => {
        mainWindow = undefined;
        const ended = windowSession;
        windowSession = newFileSession('window');
        starting.then((ready) => ready.files.endSession(ended)).catch(() => undefined);
      });
      mainWindow = win;
      starting.then(
        (ready) => {
          const stopEvents = forwardEvents(ready.events, (name, payload) => {
            // To the app's own page only: a team server's page gets nothing from this computer's core.
            if (mainWindow && !mainWindow.isDestroyed() && isAppUrl(mainWindow.webContents.getURL(), source)) {
              mainWindow.webContents.send(name, payload);
            }
          });
          const stopNotifications = showOsNotifications(ready.events, () => mainWindow);
          const stopFollowing = teamWindow.follow(ready);
          stopForwarding = () => {
            stopEvents();
            stopNotifications();
            stopFollowing();
          };
        },
        (error: unknown) => {
          console.error('The core could not start:', error);
          if (mainWindow && !mainWindow.isDestroyed()) showStartupError(mainWindow, reasonOf(error));
        },
      );
    })
    .catch((error: unknown) => {
      console.error('The app could not start:', error);
      app.quit();
    });
}
