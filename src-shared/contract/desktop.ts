/**
 * What the desktop app gives a team server's pages (README "The desktop app
 * as a team client"). When the window is handed to a team server, that origin
 * gets no contract channel (it has its own HTTP API and sign-in): only a way
 * back to this computer's data, which the preload exposes as
 * `window.drmDesktop` on that origin and nowhere else. Like `files:register`,
 * its channel is not in `channels`, so the app's own `invoke` refuses it too.
 */
import type { ApiResult } from './common';
import type { TeamConnection } from './team';

/** The main-process channel behind `DesktopBridge.backToThisComputer`, answered only for the team origin's main frame. */
export const DESKTOP_BACK_CHANNEL = 'desktop:back-to-this-computer';

/**
 * The argument (webPreferences.additionalArguments) that tells the preload
 * where the app's own page lives: `file` for the built renderer, or the dev
 * server's origin. The preload gives `window.api` to that page only.
 */
export const RENDERER_ARGUMENT = '--drm-renderer=';

/** `window.drmDesktop` on the team server's pages inside the desktop app. */
export interface DesktopBridge {
  /** Forgets the team server (team:disconnect) and shows this computer's data again. */
  backToThisComputer(): Promise<ApiResult<TeamConnection>>;
}
