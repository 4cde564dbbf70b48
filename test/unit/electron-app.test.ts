import type { IpcMainInvokeEvent } from 'electron';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../src-shared/contract/index';
import type { Core } from '../../src-main/core/types';
import { deferred, electron, fakeCore, flush, start as startApp, window } from '../helpers/fake-electron-app';

vi.mock('electron', async () => (await import('../helpers/fake-electron-app')).electronModule());

const { runApp } = await import('../../src-main/app');

const start = (core: Promise<Core>) => startApp(runApp, core);

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
