import type { IpcMainInvokeEvent } from 'electron';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../src-shared/contract/index';
import { createCoreEvents } from '../../src-main/core/events';
import type { CoreHandlers } from '../../src-main/core/handlers';
import type { Core, StartCoreOptions } from '../../src-main/core/types';

type Listener = (...args: unknown[]) => unknown;

const electron = vi.hoisted(() => {
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
    setWindowOpenHandler() {}
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
  }

  class FakeBrowserWindow extends Emitter {
    static created: FakeBrowserWindow[] = [];
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
      return Promise.resolve();
    }
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
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
      state.app = new FakeApp();
    },
  };
  return state;
});

vi.mock('electron', () => ({
  get app() {
    return electron.app;
  },
  BrowserWindow: electron.FakeBrowserWindow,
  ipcMain: electron.ipcMain,
  session: electron.session,
  shell: { openExternal: vi.fn() },
  dialog: {},
}));

const { runApp } = await import('../../src-main/app');

function deferred<T>() {
  let resolveIt!: (value: T) => void;
  let rejectIt!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolveIt = res;
    rejectIt = rej;
  });
  return { promise, resolve: resolveIt, reject: rejectIt };
}

const flush = () => new Promise((res) => setTimeout(res, 0));

function fakeCore() {
  const stopping = deferred<void>();
  const core: Core = {
    handlers: Object.fromEntries(
      channelNames.map((name) => [name, async (_input: unknown, caller?: { session: string }) => ({ ok: true, value: { name, caller } })]),
    ) as unknown as CoreHandlers,
    files: {
      register: vi.fn(async () => ({ fileHandle: 'fh_0123456789abcdefghijklmnopqrstuv', fileName: 'a.csv', size: 1 })),
      resolve: vi.fn(),
      endSession: vi.fn(async () => undefined),
      close: vi.fn(async () => undefined),
    },
    events: createCoreEvents(),
    location: { kind: 'embedded', dataDir: '/d', port: 1 },
    migrationsApplied: [],
    importer: { settled: async () => 'succeeded' as const, outcome: () => undefined, busy: () => false },
    backups: {} as Core['backups'],
    preMigrationBackup: null,
    withDatabase: () => Promise.reject(new Error('no database in this test')),
    stop: vi.fn(() => stopping.promise),
  };
  return { core, finishStopping: () => stopping.resolve() };
}

function start(core: Promise<Core>) {
  const startCore = vi.fn((_options: StartCoreOptions) => core);
  const signals = { once: vi.fn((_signal: string, _listener: () => void) => signals) };
  runApp({ startCore, signals: signals as unknown as Pick<NodeJS.Process, 'once'> });
  return { startCore, signals };
}

function window() {
  const win = electron.FakeBrowserWindow.created[0];
  if (!win) throw new Error('no window');
  return win;
}

function beforeQuit() {
  const event = { preventDefault: vi.fn() };
  electron.app.emit('before-quit', event);
  return event;
}

const dataDir = resolve('/tmp/drm-app-test-data');

beforeEach(() => {
  electron.reset();
  vi.stubEnv('DRM_DATA_DIR', dataDir);
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('runApp', () => {
  it('quits a second instance without starting the core or opening a window', async () => {
    electron.app.lock = false;
    const { startCore } = start(new Promise<Core>(() => undefined));
    await flush();
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    expect(startCore).not.toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.FakeBrowserWindow.created).toHaveLength(0);
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
  });

  it('uses the CLI data folder, set before the single-instance lock, and starts the core there', async () => {
    const { core } = fakeCore();
    const { startCore } = start(Promise.resolve(core));
    await flush();
    expect(electron.log.indexOf('setPath userData')).toBeLessThan(electron.log.indexOf('requestSingleInstanceLock'));
    expect(electron.log.indexOf('setPath userData')).toBeGreaterThanOrEqual(0);
    expect(startCore).toHaveBeenCalledTimes(1);
    expect(startCore.mock.calls[0]?.[0]).toEqual({
      dataDir,
      layout: { packaged: false, resourcesPath: process.resourcesPath },
      shell: { showItemInFolder: expect.any(Function), chooseFolder: expect.any(Function) },
      scheduleBackups: true,
      // Notifications are sent from this long-lived process (and shown as OS notifications).
      sendNotifications: true,
      // Developer search from memory, in a worker thread (never on this main process).
      searchIndex: true,
    });
  });

  it('registers the IPC handlers before the window loads, and loads the built renderer', async () => {
    start(Promise.resolve(fakeCore().core));
    await flush();
    const lastHandle = Math.max(...channelNames.map((c) => electron.log.indexOf(`handle ${c}`)));
    expect(lastHandle).toBeGreaterThanOrEqual(0);
    expect(lastHandle).toBeLessThan(electron.log.indexOf('new BrowserWindow'));
    expect(window().loaded).toHaveLength(1);
    expect(window().loaded[0]).toMatch(/^file:.*[/\\]renderer[/\\]index\.html$/);
  });

  it('gives the window a file session of its own, ended when the window closes', async () => {
    const { core } = fakeCore();
    start(Promise.resolve(core));
    await flush();
    const trustedEvent = {
      sender: window().webContents,
      senderFrame: { parent: null, url: pathToFileURL(window().loaded[0]!.slice('file:'.length)).href },
    } as unknown as IpcMainInvokeEvent;
    const status = (await electron.handlers.get('import:list-jobs')!(trustedEvent, {})) as { value: { caller: { session: string } } };
    const session = status.value.caller.session;
    expect(session).toMatch(/^window:[0-9a-f-]{36}$/);
    await electron.handlers.get('files:register')!(trustedEvent, '/home/me/a.csv');
    expect(core.files.register).toHaveBeenCalledWith('/home/me/a.csv', { session });

    window().emit('closed');
    await flush();
    expect(core.files.endSession).toHaveBeenCalledWith(session);
  });

  it('forwards core events to the window', async () => {
    const { core } = fakeCore();
    start(Promise.resolve(core));
    await flush();
    core.events.emit('db:changed', { tables: ['developers'] });
    expect(window().webContents.sent).toEqual([['db:changed', { tables: ['developers'] }]]);
  });

  it('focuses the first window when a second instance starts', async () => {
    start(Promise.resolve(fakeCore().core));
    await flush();
    electron.app.emit('second-instance');
    expect(window().focused).toBe(1);
  });

  it('on quit, stops the core and waits for it before quitting again', async () => {
    const { core, finishStopping } = fakeCore();
    start(Promise.resolve(core));
    await flush();

    const first = beforeQuit();
    expect(first.preventDefault).toHaveBeenCalledTimes(1);
    await flush();
    expect(core.stop).toHaveBeenCalledTimes(1);
    expect(electron.app.quit).not.toHaveBeenCalled();

    // A second quit request while stopping neither quits nor stops twice.
    expect(beforeQuit().preventDefault).toHaveBeenCalledTimes(1);
    await flush();
    expect(core.stop).toHaveBeenCalledTimes(1);
    expect(electron.app.quit).not.toHaveBeenCalled();

    finishStopping();
    await flush();
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    // The quit that follows goes through.
    expect(beforeQuit().preventDefault).not.toHaveBeenCalled();
  });

  it('a quit during start-up waits for the core to start, then stops it', async () => {
    const starting = deferred<Core>();
    const { core, finishStopping } = fakeCore();
    start(starting.promise);
    await flush();

    expect(beforeQuit().preventDefault).toHaveBeenCalled();
    await flush();
    expect(electron.app.quit).not.toHaveBeenCalled();

    starting.resolve(core);
    await flush();
    expect(core.stop).toHaveBeenCalledTimes(1);
    expect(electron.app.quit).not.toHaveBeenCalled();
    finishStopping();
    await flush();
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
  });

  it('a quit before the app is ready never starts the core', async () => {
    const ready = deferred<void>();
    electron.app.whenReady.mockImplementation(() => ready.promise);
    const { startCore } = start(Promise.resolve(fakeCore().core));
    expect(beforeQuit().preventDefault).toHaveBeenCalled();
    await flush();
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
    ready.resolve();
    await flush();
    expect(startCore).not.toHaveBeenCalled();
    expect(electron.FakeBrowserWindow.created).toHaveLength(0);
  });

  it('when start-up fails, shows the reason and the data folder, and calls answer UNAVAILABLE', async () => {
    const starting = deferred<Core>();
    start(starting.promise);
    await flush();
    const handler = electron.handlers.get('system:get-status');
    if (!handler) throw new Error('system:get-status was not registered');
    const trustedEvent = {
      sender: window().webContents,
      senderFrame: { parent: null, url: pathToFileURL(window().loaded[0]!.slice('file:'.length)).href },
    } as unknown as IpcMainInvokeEvent;
    const pending = handler(trustedEvent, {});

    starting.reject(new Error('data directory is PostgreSQL 17 <pgdata>'));
    await flush();
    const expected = { ok: false, error: { code: 'UNAVAILABLE', message: 'data directory is PostgreSQL 17 <pgdata>' } };
    expect(await pending).toEqual(expected);

    const page = window().loaded.at(-1) ?? '';
    expect(page.startsWith('data:text/html')).toBe(true);
    const html = decodeURIComponent(page.slice(page.indexOf(',') + 1));
    expect(html).toContain('data directory is PostgreSQL 17 &lt;pgdata&gt;');
    expect(html).not.toContain('<pgdata>');
    expect(html).toContain(dataDir);
    expect(html).toContain('起動できませんでした');
    expect(html).toContain('could not start');

    // Nothing to stop: the quit goes straight through.
    beforeQuit();
    await flush();
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
  });

  it('turns SIGINT and SIGTERM into a graceful quit', async () => {
    const { signals } = start(Promise.resolve(fakeCore().core));
    const registered = new Map(signals.once.mock.calls.map(([signal, listener]) => [signal, listener]));
    expect([...registered.keys()].sort()).toEqual(['SIGINT', 'SIGTERM']);
    registered.get('SIGTERM')?.();
    expect(electron.app.quit).toHaveBeenCalledTimes(1);
  });
});
