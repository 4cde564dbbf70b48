/**
 * The one app window and the guards around it. The renderer is untrusted
 * (it shows data imported from anywhere), so it gets no Node, no navigation
 * away from the app, no new windows, no webviews and no permissions.
 *
 * When the app is set to a team server (team-window.ts), the window may also
 * show that one origin, in its main frame only: its own pages, with their own
 * HTTP API and sign-in. The contract's IPC stays the local renderer's.
 */
import { BrowserWindow, dialog, shell, type IpcMainInvokeEvent, type Session, type WebContents, type WebPreferences } from 'electron';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RENDERER_ARGUMENT } from '../src-shared/contract/desktop';
import { CONTENT_SECURITY_POLICY, relaxForDevServer } from './csp';
import { confirmDialogText, openExternalLink } from './external-links';
import { parseUrl } from '../src-shared/url';

/**
 * Chromium runs no webRequest hooks for file:// pages, so in a build the
 * renderer's meta tag is what applies; the header covers everything served
 * over http(s) (the dev server) and adds frame-ancestors.
 */
export { CONTENT_SECURITY_POLICY };
export const DEV_CONTENT_SECURITY_POLICY = relaxForDevServer(CONTENT_SECURITY_POLICY);

/** Where the renderer comes from: the built file, or electron-vite's dev server. */
export type RendererSource = { kind: 'file'; path: string } | { kind: 'dev'; url: string };

/** The team server's origin the window may show (`https://drm.example.com`), or null when the app is not set to one. */
export type TeamOrigin = () => string | null;

const noTeam: TeamOrigin = () => null;

/** The built files beside the main bundle (`out/main/index.js` → `out/preload`, `out/renderer`). */
export function appFiles(mainModuleUrl: string = import.meta.url): { preload: string; renderer: string } {
  return {
    preload: fileURLToPath(new URL('../preload/index.cjs', mainModuleUrl)),
    renderer: fileURLToPath(new URL('../renderer/index.html', mainModuleUrl)),
  };
}

/**
 * The dev server only when running from source: a packaged app must never
 * load whatever an environment variable points at with our preload attached.
 */
export function rendererSource(packaged: boolean, rendererFile: string, devServerUrl: string | undefined): RendererSource {
  return !packaged && devServerUrl ? { kind: 'dev', url: devServerUrl } : { kind: 'file', path: rendererFile };
}

function samePath(a: string, b: string): boolean {
  const [x, y] = [resolve(a), resolve(b)];
  return process.platform === 'win32' ? x.toLowerCase() === y.toLowerCase() : x === y;
}

/** True for the app's own page: the renderer file (any query or hash), or any page of the dev server. */
export function isAppUrl(url: string, source: RendererSource): boolean {
  try {
    const parsed = new URL(url);
    if (source.kind === 'dev') return parsed.origin === new URL(source.url).origin;
    return parsed.protocol === 'file:' && samePath(fileURLToPath(parsed), source.path);
  } catch {
    return false;
  }
}

/** True for a page of the configured team server: exactly its origin (scheme, host and port). */
export function isTeamUrl(url: string, origin: string | null): boolean {
  if (origin === null) return false;
  const parsed = parseUrl(url);
  return parsed !== null && (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.origin === origin;
}

/** What the main frame may show: the app's page, or the configured team server's. */
export function isAllowedMainFrameUrl(url: string, source: RendererSource, teamOrigin: TeamOrigin): boolean {
  return isAppUrl(url, source) || isTeamUrl(url, teamOrigin());
}

/** Tells the preload which page is the app's own (page-role.ts): only that one gets `window.api`. */
export function rendererArgument(source: RendererSource): string {
  return `${RENDERER_ARGUMENT}${source.kind === 'file' ? 'file' : new URL(source.url).origin}`;
}

export function secureWebPreferences(preload: string, source: RendererSource): WebPreferences {
  return {
    preload,
    additionalArguments: [rendererArgument(source)],
    contextIsolation: true,
    sandbox: true,
    webSecurity: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** Asks, in a dialog of the main process the page cannot skip, before a link from data opens. */
export async function confirmExternalLink(win: BrowserWindow, href: string): Promise<boolean> {
  if (win.isDestroyed()) return false;
  const text = confirmDialogText(href);
  const { response } = await dialog.showMessageBox(win, { type: 'question', ...text, defaultId: 1, cancelId: 1, noLink: true });
  return response === 0;
}

/**
 * Navigation, pop-ups and webviews for one WebContents. A pop-up is never a
 * window of ours: an https link goes to the browser (see external-links.ts),
 * after `confirm` when the app did not make it. The main frame goes to the
 * app's page or the team server's, and a redirect cannot take it elsewhere
 * (a team server's redirect to a third origin is refused, not followed).
 */
export function guardWebContents(
  contents: WebContents,
  source: RendererSource,
  confirm: (href: string) => Promise<boolean>,
  teamOrigin: TeamOrigin = noTeam,
): void {
  contents.on('will-navigate', (event) => {
    if (!isAllowedMainFrameUrl(event.url, source, teamOrigin)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (event.isMainFrame && !isAllowedMainFrameUrl(event.url, source, teamOrigin)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternalLink(url, { openExternal: (href) => shell.openExternal(href), confirm }).catch((error: unknown) => {
      console.error('Could not open a link in the browser:', error);
    });
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/**
 * `navigator.clipboard.writeText` asks for `clipboard-sanitized-write`;
 * denying it silently breaks every copy button, and it grants nothing a
 * page could not already show. Only our own page and the team server's (the
 * same app, served by it) get it; all else is denied.
 */
export function isPermissionAllowed(
  permission: string,
  requestingUrl: string | undefined,
  source: RendererSource,
  teamOrigin: TeamOrigin = noTeam,
): boolean {
  return (
    permission === 'clipboard-sanitized-write' && requestingUrl !== undefined && isAllowedMainFrameUrl(requestingUrl, source, teamOrigin)
  );
}

/**
 * CSP header and permission handlers for the session the window uses. The
 * strict policy goes on every response, the team server's included (whose
 * 'self' is then its own origin); only the dev server's pages get the looser one.
 */
export function installSessionGuards(session: Session, source: RendererSource, teamOrigin: TeamOrigin = noTeam): void {
  const devOrigin = source.kind === 'dev' ? new URL(source.url).origin : null;
  session.webRequest.onHeadersReceived((details, callback) => {
    const policy = devOrigin !== null && originOf(details.url) === devOrigin ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY;
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] } });
  });
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, details.requestingUrl, source, teamOrigin));
  });
  session.setPermissionCheckHandler((_contents, permission, _origin, details) =>
    isPermissionAllowed(permission, details.requestingUrl, source, teamOrigin),
  );
}

function originOf(url: string): string | null {
  return parseUrl(url)?.origin ?? null;
}

/** A sender check: the main frame of our window (not an iframe, not another window), showing a page `shows` accepts. */
function mainFrameSenderCheck(
  getWindow: () => BrowserWindow | undefined,
  shows: (url: string) => boolean,
): (event: IpcMainInvokeEvent) => boolean {
  return (event) => {
    const win = getWindow();
    if (!win || win.isDestroyed() || event.sender !== win.webContents) return false;
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && shows(frame.url);
  };
}

/**
 * IPC is answered only for the main frame of our window showing our page:
 * not an iframe, not another window, not the start-up error page, and not
 * the team server's pages (they have their own HTTP API and sign-in).
 */
export function createSenderCheck(
  getWindow: () => BrowserWindow | undefined,
  source: RendererSource,
): (event: IpcMainInvokeEvent) => boolean {
  return mainFrameSenderCheck(getWindow, (url) => isAppUrl(url, source));
}

/**
 * The back channel (DESKTOP_BACK_CHANNEL) is answered only for the main frame
 * of our window showing the configured team server: not the app's own page
 * (it has team:disconnect), not a subframe, not any other origin.
 */
export function createTeamSenderCheck(
  getWindow: () => BrowserWindow | undefined,
  teamOrigin: TeamOrigin,
): (event: IpcMainInvokeEvent) => boolean {
  return mainFrameSenderCheck(getWindow, (url) => isTeamUrl(url, teamOrigin()));
}

export interface MainWindowOptions {
  preload: string;
  source: RendererSource;
  /** The team server the window may show besides the app (team-window.ts). */
  teamOrigin?: TeamOrigin;
}

/** Loads the app's own page; a failure is logged and the window shown, so it never looks like a hang. */
export function loadRenderer(win: BrowserWindow, source: RendererSource): Promise<void> {
  const loading = source.kind === 'file' ? win.loadFile(source.path) : win.loadURL(source.url);
  return loading.catch((error: unknown) => {
    // A page that failed to load never becomes ready-to-show; a hidden window would look like a hang.
    console.error('Could not load the renderer:', error);
    if (!win.isDestroyed()) win.show();
  });
}

export function createMainWindow({ preload, source, teamOrigin = noTeam }: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: 'DRM Desktop',
    show: false,
    webPreferences: secureWebPreferences(preload, source),
  });
  guardWebContents(win.webContents, source, (href) => confirmExternalLink(win, href), teamOrigin);
  win.once('ready-to-show', () => win.show());
  void loadRenderer(win, source);
  return win;
}
