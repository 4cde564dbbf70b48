/**
 * Hands the window to a team server and back (contract/team.ts, README "The
 * desktop app as a team client"). When the core says the app is set to a team
 * server (at start, or on `team:changed`), the window loads that origin: the
 * server's own sign-in page and app, talking to it over HTTP. When the setting
 * goes back to this computer's data or to a team database, or the server
 * cannot be reached, the window shows the app's own page again, which explains
 * where it is and offers to retry. The server's pages get one thing from the
 * desktop, the way back (DESKTOP_BACK_CHANNEL), accepted only from that origin.
 */
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ApiResult } from '../src-shared/contract/common';
import { DESKTOP_BACK_CHANNEL } from '../src-shared/contract/desktop';
import { isTeamServerUrl, type TeamConnection } from '../src-shared/contract/team';
import type { Core } from './core/types';
import { reasonOf } from './core/errors';
import type { SessionOf } from './ipc';
import { createTeamSenderCheck, isAppUrl, isTeamUrl, loadRenderer, type RendererSource } from './window';

/**
 * Chromium's net::ERR_ABORTED: a navigation replaced by a newer one, a link
 * that turned into a download, or a redirect the guards refused (the page
 * then stays where it was). None of them means the server is down.
 */
const ERR_ABORTED = -3;

export interface TeamWindow {
  /** The team server's origin the window may show, or null (the guards read it on every check). */
  origin(): string | null;
  /** Follows what the window's main frame shows and falls back to the app's page when the server cannot be reached. */
  watch(win: BrowserWindow): void;
  /** Asks the started core where the app is set to go, then follows `team:changed`; returns a function that stops following. */
  follow(core: Core): () => void;
  /** The back channel for the team server's pages; returns a function that removes it. */
  registerBackChannel(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, core: Promise<Core>, sessionOf: SessionOf): () => void;
}

export function createTeamWindow(getWindow: () => BrowserWindow | undefined, source: RendererSource): TeamWindow {
  let origin: string | null = null;
  /** The main frame's last committed address (did-navigate), and which load of ours is under way. */
  let committedUrl = '';
  let pending: 'local' | 'team' | null = null;

  const liveWindow = () => {
    const win = getWindow();
    return win && !win.isDestroyed() ? win : undefined;
  };

  function showLocal(): void {
    const win = liveWindow();
    if (!win || pending === 'local') return;
    if (pending === null && isAppUrl(committedUrl, source)) return;
    pending = 'local';
    void loadRenderer(win, source).finally(() => {
      if (pending === 'local') pending = null;
    });
  }

  function showTeam(target: string): void {
    const win = liveWindow();
    if (!win) return;
    // Already there (an event repeated): reloading would only lose the page the person is on.
    if (pending === null && isTeamUrl(committedUrl, target)) return;
    pending = 'team';
    win
      .loadURL(target)
      .catch((error: unknown) => {
        // did-fail-load has already put the app's page back when the server could not be reached.
        console.error(`Could not load the team server ${target}:`, reasonOf(error));
      })
      .finally(() => {
        if (pending === 'team') pending = null;
      });
  }

  function apply(connection: TeamConnection): void {
    const { current } = connection;
    if (current.kind === 'server' && !isTeamServerUrl(`${current.url}/`)) {
      // The core normalises what it saves; this only keeps a hand-edited setting from opening plain http or a path.
      console.error(
        `Not opening ${current.url}: a team server's address is https:// (http:// only on this computer), with nothing after the host`,
      );
      origin = null;
      showLocal();
      return;
    }
    if (current.kind === 'server') {
      // Set before loading: the navigation guards read it.
      origin = current.url;
      showTeam(origin);
    } else {
      origin = null;
      showLocal();
    }
  }

  return {
    origin: () => origin,

    watch(win) {
      win.webContents.on('did-navigate', (_event, url: string) => {
        committedUrl = url;
      });
      win.webContents.on(
        'did-fail-load',
        (_event, errorCode: number, errorDescription: string, validatedURL: string, isMainFrame: boolean) => {
          if (!isMainFrame || errorCode === ERR_ABORTED || isAppUrl(validatedURL, source)) return;
          if (!/^https?:/i.test(validatedURL)) return;
          // The server is down, unreachable or refused TLS: this computer's page says the app is set to it and offers to retry.
          console.error(
            `The team server's page ${validatedURL} did not load (${errorDescription}, ${errorCode}); showing this computer's page`,
          );
          // Chromium now shows an error page in place of what was there: the app's page must be loaded again.
          committedUrl = validatedURL;
          if (pending === 'team') pending = null;
          showLocal();
        },
      );
    },

    follow(core) {
      let changed = false;
      const stop = core.events.on('team:changed', (connection) => {
        changed = true;
        apply(connection);
      });
      core.handlers['team:get-connection']({}).then(
        (answer) => {
          // An event since then is newer than this answer; the window already shows this computer's page otherwise.
          if (changed) return;
          if (!answer.ok) console.error('Could not read the team connection:', answer.error.message);
          else if (answer.value.current.kind === 'server') apply(answer.value);
        },
        (error: unknown) => console.error('Could not read the team connection:', reasonOf(error)),
      );
      return stop;
    },

    registerBackChannel(ipcMain, core, sessionOf) {
      const fromTeamServer = createTeamSenderCheck(getWindow, () => origin);
      ipcMain.handle(DESKTOP_BACK_CHANNEL, async (event: IpcMainInvokeEvent): Promise<ApiResult<TeamConnection>> => {
        if (!fromTeamServer(event)) {
          return {
            ok: false,
            error: {
              code: 'BAD_INPUT',
              message: `Refused ${DESKTOP_BACK_CHANNEL}: the call did not come from the team server's page in the app window`,
            },
          };
        }
        let answer: ApiResult<TeamConnection>;
        try {
          answer = await (await core).handlers['team:disconnect']({}, { session: sessionOf(event) });
        } catch (error) {
          answer = { ok: false, error: { code: 'UNAVAILABLE', message: reasonOf(error) } };
        }
        if (!answer.ok) console.error('Could not forget the team server:', answer.error.message);
        // The app's page either way: it shows this computer's data, or why the setting is still there and what to do.
        showLocal();
        return answer;
      });
      return () => ipcMain.removeHandler(DESKTOP_BACK_CHANNEL);
    },
  };
}
