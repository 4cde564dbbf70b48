/**
 * A fake Electron for tests of the app's lifecycle (src-main/app.ts): app,
 * BrowserWindow, ipcMain and session that record what the app does, and a
 * core whose team channels move as the switcher's do. Test files mock
 * 'electron' with `electronModule()` (imported inside vi.mock's factory, so
 * the test and the app share one fake) and never load the real package.
 */
import { vi } from 'vitest';
import { createCoreEvents } from '../../src-main/core/events';
import type { CoreHandlers } from '../../src-main/core/handlers';
import type { Core, StartCoreOptions } from '../../src-main/core/types';
import { channelNames } from '../../src-shared/contract/index';
import type { TeamConnection, TeamPlace } from '../../src-shared/contract/team';

type Listener = (...args: unknown[]) => unknown;

function createFakeElectron() {
  /** Every call to the fakes, in order, to check what happens before what. */
  const log: string[] = [];

  class Emitter {
    listeners = new Map<string, Listener[]>();
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
  }

  class FakeWebContents extends Emitter {
    sent: [string, unknown][] = [];
    /** The last committed address, as Electron's getURL answers. */
    url = '';
    getURL() {
      return this.url;
    }
    /** Stands for a Chromium event object: whether a guard called preventDefault. */
    prevented(name: string, url: string, extra: Record<string, unknown> = {}) {
      const event = { url, preventDefault: vi.fn(), ...extra };
      this.emit(name, event);
      return event.preventDefault.mock.calls.length > 0;
    }
    setWindowOpenHandler() {}
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
  }

  class FakeBrowserWindow extends Emitter {
    static created: FakeBrowserWindow[] = [];
    /** Origins that do not answer, as a team server that is down: the load fails as Chromium's does. */
    static unreachable = new Set<string>();
    webContents = new FakeWebContents();
    loaded: string[] = [];
    focused = 0;
    shown = 0;
    constructor() {
      super();
      log.push('new BrowserWindow');
      FakeBrowserWindow.created.push(this);
    }
    loadFile(path: string) {
      this.loaded.push(`file:${path}`);
      return this.arrive(`file://${path.split('\\').join('/')}`);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      if (url.startsWith('http') && FakeBrowserWindow.unreachable.has(new URL(url).origin)) {
        // Like Chromium: the events come later than the call, and the promise settles after them.
        return Promise.resolve().then(() => {
          this.webContents.emit('did-fail-load', {}, -102, 'ERR_CONNECTION_REFUSED', url, true);
          throw new Error(`ERR_CONNECTION_REFUSED (-102) loading '${url}'`);
        });
      }
      return this.arrive(url);
    }
    private arrive(url: string) {
      return Promise.resolve().then(() => {
        this.webContents.url = url;
        this.webContents.emit('did-navigate', {}, url);
      });
    }
    show() {
      this.shown += 1;
    }
    focus() {
      this.focused += 1;
    }
    isMinimized() {
      return false;
    }
    restore() {}
    isDestroyed() {
      return false;
    }
  }

  class FakeApp extends Emitter {
    lock = true;
    isPackaged = false;
    paths = new Map<string, string>();
    quit = vi.fn(() => log.push('app.quit'));
    exit = vi.fn();
    setName = vi.fn();
    setPath(name: string, path: string) {
      log.push(`setPath ${name}`);
      this.paths.set(name, path);
    }
    getPath(name: string) {
      return this.paths.get(name) ?? `/default/${name}`;
    }
    requestSingleInstanceLock() {
      log.push('requestSingleInstanceLock');
      return this.lock;
    }
    whenReady = vi.fn(() => Promise.resolve());
  }

  const handlers = new Map<string, Listener>();
  const state = {
    log,
    app: new FakeApp(),
    handlers,
    FakeBrowserWindow,
    ipcMain: {
      handle: vi.fn((channel: string, handler: Listener) => {
        log.push(`handle ${channel}`);
        handlers.set(channel, handler);
      }),
      removeHandler: vi.fn(),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: vi.fn() },
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
      },
    },
    reset() {
      log.length = 0;
      handlers.clear();
      state.ipcMain.handle.mockClear();
      state.ipcMain.removeHandler.mockClear();
      FakeBrowserWindow.created.length = 0;
      FakeBrowserWindow.unreachable.clear();
      state.app = new FakeApp();
    },
  };
  return state;
}

export const electron = createFakeElectron();

/** What `vi.mock('electron', ...)` answers. */
export function electronModule() {
  return {
    get app() {
      return electron.app;
    },
    BrowserWindow: electron.FakeBrowserWindow,
    ipcMain: electron.ipcMain,
    session: electron.session,
    shell: { openExternal: vi.fn() },
    dialog: {},
  };
}

export function deferred<T>() {
  let resolveIt!: (value: T) => void;
  let rejectIt!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolveIt = res;
    rejectIt = rej;
  });
  return { promise, resolve: resolveIt, reject: rejectIt };
}

export const flush = () => new Promise((res) => setTimeout(res, 0));

/**
 * A core that answers every channel with its name and caller, except the team
 * channels, which keep where the app is set to go as the switcher does
 * (team-client/switcher.ts): `disconnect` forgets the server and emits team:changed.
 */
export function fakeCore(place: TeamPlace = { kind: 'local' }) {
  const stopping = deferred<void>();
  const events = createCoreEvents();
  const team = {
    place,
    disconnects: [] as unknown[],
    connection: (): TeamConnection => ({ current: team.place, available: true, problem: null, notices: [] }),
    /** What the switcher does after a connect or disconnect. */
    move(next: TeamPlace) {
      team.place = next;
      events.emit('team:changed', team.connection());
    },
  };
  const core: Core = {
    handlers: {
      ...Object.fromEntries(
        channelNames.map((name) => [
          name,
          async (_input: unknown, caller?: { session: string }) => ({ ok: true, value: { name, caller } }),
        ]),
      ),
      'team:get-connection': async () => ({ ok: true, value: team.connection() }),
      'team:disconnect': async (_input: unknown, caller?: unknown) => {
        team.disconnects.push(caller);
        team.move({ kind: 'local' });
        return { ok: true, value: team.connection() };
      },
    } as unknown as CoreHandlers,
    files: {
      register: vi.fn(async () => ({ fileHandle: 'fh_0123456789abcdefghijklmnopqrstuv', fileName: 'a.csv', size: 1 })),
      resolve: vi.fn(),
      endSession: vi.fn(async () => undefined),
      close: vi.fn(async () => undefined),
    },
    events,
    location: { kind: 'embedded', dataDir: '/d', port: 1 },
    migrationsApplied: [],
    importer: { settled: async () => 'succeeded' as const, outcome: () => undefined, busy: () => false },
    backups: {} as Core['backups'],
    preMigrationBackup: null,
    withDatabase: () => Promise.reject(new Error('no database in this test')),
    stop: vi.fn(() => stopping.promise),
  };
  return { core, team, finishStopping: () => stopping.resolve() };
}

type RunApp = (deps: { startCore(options: StartCoreOptions): Promise<Core>; signals?: Pick<NodeJS.Process, 'once'> }) => void;

/** Runs the app on `core` with fake signals. */
export function start(runApp: RunApp, core: Promise<Core>) {
  const startCore = vi.fn((_options: StartCoreOptions) => core);
  const signals = { once: vi.fn((_signal: string, _listener: () => void) => signals) };
  runApp({ startCore, signals: signals as unknown as Pick<NodeJS.Process, 'once'> });
  return { startCore, signals };
}

/** The one window the app opened. */
export function window() {
  const win = electron.FakeBrowserWindow.created[0];
  if (!win) throw new Error('no window');
  return win;
}
