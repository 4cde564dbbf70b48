import type { BrowserWindow, IpcMainInvokeEvent, Session } from 'electron';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  class FakeWebContents {
    listeners = new Map<string, Listener[]>();
    windowOpenHandler: ((details: { url: string }) => unknown) | undefined;
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
    setWindowOpenHandler(handler: (details: { url: string }) => unknown) {
      this.windowOpenHandler = handler;
    }
  }
  class FakeBrowserWindow {
    static created: FakeBrowserWindow[] = [];
    webContents = new FakeWebContents();
    onceListeners = new Map<string, Listener>();
    loadedFile: string | undefined;
    loadedUrl: string | undefined;
    shown = false;
    destroyed = false;
    constructor(readonly options: { show?: boolean; webPreferences?: Record<string, unknown> }) {
      FakeBrowserWindow.created.push(this);
    }
    on() {
      return this;
    }
    once(name: string, listener: Listener) {
      this.onceListeners.set(name, listener);
      return this;
    }
    loadFile(path: string) {
      this.loadedFile = path;
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    show() {
      this.shown = true;
    }
    isDestroyed() {
      return this.destroyed;
    }
  }
  return {
    FakeBrowserWindow,
    FakeWebContents,
    openExternal: vi.fn(async (_url: string) => undefined),
    /** The button the user presses in the next dialogs: 0 open, 1 cancel. */
    answer: { response: 1 },
    showMessageBox: vi.fn(async (_win: unknown, _options: { message: string; detail: string; buttons: string[]; cancelId: number }) => ({
      response: fake.answer.response,
    })),
  };
});

vi.mock('electron', () => ({
  BrowserWindow: fake.FakeBrowserWindow,
  shell: { openExternal: fake.openExternal },
  dialog: { showMessageBox: fake.showMessageBox },
}));

const {
  CONTENT_SECURITY_POLICY,
  DEV_CONTENT_SECURITY_POLICY,
  appFiles,
  createMainWindow,
  createSenderCheck,
  installSessionGuards,
  isAppUrl,
  rendererSource,
} = await import('../../src-main/window');

const rendererPath = '/opt/DRM Desktop/resources/app.asar/out/renderer/index.html';
const fileSource = { kind: 'file', path: rendererPath } as const;
const devSource = { kind: 'dev', url: 'http://localhost:5173/' } as const;
const rendererUrl = pathToFileURL(rendererPath).href;

type FakeWindow = InstanceType<typeof fake.FakeBrowserWindow>;

const teamOrigin = 'https://drm.example.com';

function openWindow(
  source: Parameters<typeof createMainWindow>[0]['source'] = fileSource,
  team: () => string | null = () => null,
): FakeWindow {
  createMainWindow({ preload: '/app/out/preload/index.cjs', source, teamOrigin: team });
  const win = fake.FakeBrowserWindow.created.at(-1);
  if (!win) throw new Error('no window was created');
  return win;
}

function navigate(win: FakeWindow, url: string): boolean {
  const event = { url, preventDefault: vi.fn() };
  win.webContents.emit('will-navigate', event);
  return event.preventDefault.mock.calls.length > 0;
}

function redirect(win: FakeWindow, url: string, isMainFrame = true): boolean {
  const event = { url, isMainFrame, preventDefault: vi.fn() };
  win.webContents.emit('will-redirect', event);
  return event.preventDefault.mock.calls.length > 0;
}

beforeEach(() => {
  fake.FakeBrowserWindow.created.length = 0;
  fake.openExternal.mockClear();
  fake.showMessageBox.mockClear();
  fake.answer.response = 1;
});

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createMainWindow', () => {
  it('creates the window hidden with the secure webPreferences and our preload', () => {
    const win = openWindow();
    const prefs = win.options.webPreferences ?? {};
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    // The preload learns which page is the app's (only that one gets window.api).
    expect(prefs.additionalArguments).toEqual(['--drm-renderer=file']);
    expect(openWindow(devSource).options.webPreferences?.additionalArguments).toEqual(['--drm-renderer=http://localhost:5173']);
    // Nothing that would loosen the sandbox sneaks in beside them.
    expect(Object.keys(prefs).sort()).toEqual([
      'additionalArguments',
      'contextIsolation',
      'nodeIntegration',
      'nodeIntegrationInSubFrames',
      'nodeIntegrationInWorker',
      'preload',
      'sandbox',
      'spellcheck',
      'webSecurity',
      'webviewTag',
    ]);
    expect(win.options.show).toBe(false);
  });

  it('loads the built renderer file, or the dev server URL in dev', () => {
    expect(openWindow().loadedFile).toBe(rendererPath);
    const dev = openWindow(devSource);
    expect(dev.loadedUrl).toBe(devSource.url);
    expect(dev.loadedFile).toBeUndefined();
  });

  it('shows the window on ready-to-show', () => {
    const win = openWindow();
    expect(win.shown).toBe(false);
    win.onceListeners.get('ready-to-show')?.();
    expect(win.shown).toBe(true);
  });

  it('prevents navigation to any other URL but lets the app page reload', () => {
    const win = openWindow();
    expect(navigate(win, 'https://evil.example/')).toBe(true);
    expect(navigate(win, 'file:///etc/passwd')).toBe(true);
    expect(navigate(win, pathToFileURL('/opt/DRM Desktop/resources/app.asar/out/renderer/other.html').href)).toBe(true);
    expect(navigate(win, 'javascript:alert(1)')).toBe(true);
    expect(navigate(win, rendererUrl)).toBe(false);
    expect(navigate(win, `${rendererUrl}#/developers`)).toBe(false);
  });

  it('lets the main frame go to the configured team server’s origin, and to no other', () => {
    let origin: string | null = null;
    const win = openWindow(fileSource, () => origin);
    expect(navigate(win, `${teamOrigin}/`)).toBe(true);
    origin = teamOrigin;
    expect(navigate(win, `${teamOrigin}/`)).toBe(false);
    expect(navigate(win, `${teamOrigin}/auth/sign-in#/developers`)).toBe(false);
    // Another origin: another host, a subdomain, another port or scheme, credentials that change the host.
    for (const url of [
      'https://evil.example/',
      'https://api.drm.example.com/',
      'https://drm.example.com:8443/',
      'http://drm.example.com/',
      'https://drm.example.com.evil.example/',
      'https://drm.example.com@evil.example/',
      'file:///etc/passwd',
    ]) {
      expect(navigate(win, url), url).toBe(true);
    }
    expect(navigate(win, rendererUrl)).toBe(false);
    origin = null;
    expect(navigate(win, `${teamOrigin}/`)).toBe(true);
  });

  it('refuses a main-frame redirect away from the app and the team server', () => {
    const win = openWindow(fileSource, () => teamOrigin);
    expect(redirect(win, `${teamOrigin}/auth/me`)).toBe(false);
    expect(redirect(win, 'https://sso.evil.example/login')).toBe(true);
    // A subframe's redirect is the page's own business (its CSP keeps frames to 'self').
    expect(redirect(win, 'https://sso.evil.example/login', false)).toBe(false);
  });

  it('denies window.open and sends a link the app makes (a service’s user, repository or event) straight to the browser', async () => {
    const win = openWindow();
    const open = (url: string) => win.webContents.windowOpenHandler?.({ url });
    for (const url of [
      'https://github.com/drm-desktop',
      'https://github.com/example/drm',
      'https://connpass.com/event/123456/',
      'https://x.com/taro',
    ]) {
      expect(open(url)).toEqual({ action: 'deny' });
      await settle();
      expect(fake.openExternal).toHaveBeenLastCalledWith(url);
    }
    expect(fake.openExternal).toHaveBeenCalledTimes(4);
    expect(fake.showMessageBox).not.toHaveBeenCalled();
  });

  it('shows the full address of any other https link and opens it only when the user says so', async () => {
    const win = openWindow();
    const open = (url: string) => win.webContents.windowOpenHandler?.({ url });
    const url = 'https://evil.example/login?next=https://github.com/&token=1';
    expect(open(url)).toEqual({ action: 'deny' });
    await settle();
    expect(fake.showMessageBox).toHaveBeenCalledTimes(1);
    const [owner, options] = fake.showMessageBox.mock.calls[0]!;
    expect(owner).toBe(win);
    expect(options.detail.split('\n')[0]).toBe(url);
    expect(options.message).toMatch(/Open this link in your browser\?.*ブラウザー/);
    expect(options.buttons).toHaveLength(2);
    expect(options.cancelId).toBe(1);
    expect(fake.openExternal).not.toHaveBeenCalled();

    fake.answer.response = 0;
    open('https://gіthub.com/taro'); // a Cyrillic і: shown as the punycode host it really is
    await settle();
    expect(fake.showMessageBox.mock.calls[1]![1].detail).toMatch(/^https:\/\/xn--[a-z0-9-]+\.com\/taro\n/);
    expect(fake.openExternal).toHaveBeenCalledTimes(1);
    expect(fake.openExternal.mock.calls[0]![0]).toMatch(/^https:\/\/xn--/);
  });

  it('never opens anything but https, and never asks about it', async () => {
    const win = openWindow();
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'mailto:a@example.com',
      'smb://host/share',
      'not a url',
    ]) {
      expect(win.webContents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    await settle();
    expect(fake.openExternal).not.toHaveBeenCalled();
    expect(fake.showMessageBox).not.toHaveBeenCalled();
  });

  it('prevents <webview> from attaching', () => {
    const win = openWindow();
    const event = { preventDefault: vi.fn() };
    win.webContents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });
});

describe('installSessionGuards', () => {
  function fakeSession() {
    const recorded: {
      headers?: (details: { url?: string; responseHeaders?: Record<string, string[]> }, callback: (response: unknown) => void) => void;
      request?: (contents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl: string }) => void;
      check?: (contents: unknown, permission: string, origin: string, details: { requestingUrl?: string }) => boolean;
    } = {};
    const session = {
      webRequest: { onHeadersReceived: (listener: typeof recorded.headers) => (recorded.headers = listener) },
      setPermissionRequestHandler: (handler: typeof recorded.request) => (recorded.request = handler),
      setPermissionCheckHandler: (handler: typeof recorded.check) => (recorded.check = handler),
    };
    return { session: session as unknown as Session, recorded };
  }

  it('sets the CSP header on responses and keeps the other headers', () => {
    const { session, recorded } = fakeSession();
    installSessionGuards(session, fileSource);
    const callback = vi.fn();
    recorded.headers?.({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [
          "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ],
      },
    });
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });

  it('relaxes the policy only for the dev server’s responses', () => {
    const { session, recorded } = fakeSession();
    installSessionGuards(session, devSource, () => teamOrigin);
    const callback = vi.fn();
    recorded.headers?.({ url: 'http://localhost:5173/src/main.tsx' }, callback);
    expect(callback).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [DEV_CONTENT_SECURITY_POLICY] } });
    // The team server's pages keep the strict policy even while developing.
    recorded.headers?.({ url: `${teamOrigin}/` }, callback);
    expect(callback).toHaveBeenLastCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    expect(DEV_CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'unsafe-inline'");
    expect(DEV_CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('denies permission requests and checks', () => {
    const { session, recorded } = fakeSession();
    installSessionGuards(session, fileSource);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid']) {
      const callback = vi.fn();
      recorded.request?.({}, permission, callback, { requestingUrl: rendererUrl });
      expect(callback).toHaveBeenCalledWith(false);
      expect(recorded.check?.({}, permission, 'file://', { requestingUrl: rendererUrl })).toBe(false);
    }
  });

  it('grants clipboard writes (copy buttons) to our page only', () => {
    const { session, recorded } = fakeSession();
    installSessionGuards(session, fileSource);
    const ours = vi.fn();
    const theirs = vi.fn();
    recorded.request?.({}, 'clipboard-sanitized-write', ours, { requestingUrl: rendererUrl });
    recorded.request?.({}, 'clipboard-sanitized-write', theirs, { requestingUrl: 'https://evil.example/' });
    expect(ours).toHaveBeenCalledWith(true);
    expect(theirs).toHaveBeenCalledWith(false);
    expect(recorded.check?.({}, 'clipboard-sanitized-write', 'file://', {})).toBe(false);
  });

  it('grants the team server’s pages the clipboard write (the same app’s copy buttons) and nothing more', () => {
    const { session, recorded } = fakeSession();
    installSessionGuards(session, fileSource, () => teamOrigin);
    const answer = (permission: string, requestingUrl: string) => {
      const callback = vi.fn();
      recorded.request?.({}, permission, callback, { requestingUrl });
      return callback.mock.calls[0]?.[0] as boolean;
    };
    expect(answer('clipboard-sanitized-write', `${teamOrigin}/#/developers`)).toBe(true);
    expect(answer('clipboard-sanitized-write', 'https://other.example/')).toBe(false);
    for (const permission of ['media', 'notifications', 'clipboard-read', 'geolocation']) {
      expect(answer(permission, `${teamOrigin}/`)).toBe(false);
    }
  });
});

describe('createSenderCheck', () => {
  const mainFrame = (url: string) => ({ url, parent: null });

  function setup(source: Parameters<typeof createSenderCheck>[1] = fileSource) {
    const webContents = {};
    const win = { webContents, isDestroyed: () => false } as unknown as BrowserWindow;
    let current: BrowserWindow | undefined = win;
    const check = createSenderCheck(() => current, source);
    const call = (sender: unknown, senderFrame: unknown) => check({ sender, senderFrame } as unknown as IpcMainInvokeEvent);
    return { webContents, call, close: () => (current = undefined) };
  }

  it('trusts the main frame of our window showing our page', () => {
    const { webContents, call } = setup();
    expect(call(webContents, mainFrame(rendererUrl))).toBe(true);
  });

  it('refuses other windows, subframes, missing frames, other pages, and a closed window', () => {
    const { webContents, call, close } = setup();
    expect(call({}, mainFrame(rendererUrl))).toBe(false);
    expect(call(webContents, { url: rendererUrl, parent: mainFrame(rendererUrl) })).toBe(false);
    expect(call(webContents, null)).toBe(false);
    expect(call(webContents, mainFrame('https://evil.example/'))).toBe(false);
    expect(call(webContents, mainFrame('data:text/html,hello'))).toBe(false);
    expect(call(webContents, mainFrame('file:///tmp/index.html'))).toBe(false);
    close();
    expect(call(webContents, mainFrame(rendererUrl))).toBe(false);
  });

  it('refuses the team server’s pages: they reach the team server over HTTP, never the core over IPC', () => {
    const { webContents, call } = setup();
    expect(call(webContents, mainFrame(`${teamOrigin}/`))).toBe(false);
  });

  it('trusts the dev server origin in dev', () => {
    const { webContents, call } = setup(devSource);
    expect(call(webContents, mainFrame('http://localhost:5173/index.html'))).toBe(true);
    expect(call(webContents, mainFrame('http://localhost:5174/'))).toBe(false);
    expect(call(webContents, mainFrame(rendererUrl))).toBe(false);
  });
});

describe('renderer location', () => {
  it('places preload and renderer beside the main bundle', () => {
    expect(appFiles('file:///opt/app/out/main/index.js')).toEqual({
      preload: '/opt/app/out/preload/index.cjs',
      renderer: '/opt/app/out/renderer/index.html',
    });
  });

  it('uses the dev server only when not packaged', () => {
    expect(rendererSource(false, rendererPath, 'http://localhost:5173/')).toEqual(devSource);
    expect(rendererSource(true, rendererPath, 'http://localhost:5173/')).toEqual(fileSource);
    expect(rendererSource(false, rendererPath, undefined)).toEqual(fileSource);
  });

  it('matches the renderer file by path, whatever the URL encoding', () => {
    expect(isAppUrl('file:///opt/DRM%20Desktop/resources/app.asar/out/renderer/index.html?x=1', fileSource)).toBe(true);
    expect(isAppUrl('file://host/opt/DRM%20Desktop/resources/app.asar/out/renderer/index.html', fileSource)).toBe(false);
  });
});
