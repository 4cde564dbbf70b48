import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DESKTOP_BACK_CHANNEL, RENDERER_ARGUMENT, type DesktopBridge } from '../../src-shared/contract/desktop';
import { eventNames } from '../../src-shared/contract/events';
import { FILES_REGISTER_CHANNEL } from '../../src-shared/contract/files';
import { channelNames, type Bridge } from '../../src-shared/contract/index';

const electron = vi.hoisted(() => {
  const exposed = new Map<string, unknown>();
  return {
    exposed,
    contextBridge: { exposeInMainWorld: vi.fn((key: string, api: unknown) => exposed.set(key, api)) },
    ipcRenderer: {
      invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, value: { channel, input } })),
      on: vi.fn((_channel: string, _listener: (...args: unknown[]) => void) => undefined),
      removeListener: vi.fn((_channel: string, _listener: (...args: unknown[]) => void) => undefined),
    },
    webUtils: {
      getPathForFile: vi.fn((file: unknown) => {
        if (typeof file !== 'object' || file === null) throw new TypeError('Argument must be a File');
        return (file as { path?: string }).path ?? '';
      }),
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: electron.ipcRenderer,
  webUtils: electron.webUtils,
}));

/** Runs the preload afresh for a page at `href`, as Electron does on every load of the window. */
async function loadPreload(href: string | undefined, argv: string[] = [...process.argv, `${RENDERER_ARGUMENT}file`]) {
  electron.exposed.clear();
  electron.contextBridge.exposeInMainWorld.mockClear();
  vi.resetModules();
  vi.stubGlobal('location', href === undefined ? undefined : { href });
  const savedArgv = process.argv;
  process.argv = argv;
  try {
    await import('../../src-preload/index');
  } finally {
    process.argv = savedArgv;
    vi.unstubAllGlobals();
  }
}

const rendererUrl = 'file:///opt/DRM%20Desktop/resources/app.asar/out/renderer/index.html#/developers';

function api(): Bridge {
  const bridge = electron.exposed.get('api');
  if (!bridge) throw new Error('window.api was not exposed');
  return bridge as Bridge;
}

beforeEach(async () => {
  await loadPreload(rendererUrl);
  electron.ipcRenderer.invoke.mockClear();
  electron.ipcRenderer.on.mockClear();
  electron.ipcRenderer.removeListener.mockClear();
});

describe('preload', () => {
  it('exposes exactly invoke, on and registerFile as window.api', () => {
    expect(electron.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...electron.exposed.keys()]).toEqual(['api']);
    expect(Object.keys(api()).sort()).toEqual(['invoke', 'on', 'registerFile']);
  });

  it('invokes every contract channel through ipcRenderer with its input', async () => {
    for (const channel of channelNames) {
      const input = { probe: channel };
      await expect(api().invoke(channel, input as never)).resolves.toEqual({ ok: true, value: { channel, input } });
      expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(channel, input);
    }
  });

  it('rejects a channel outside the contract without touching ipcRenderer', async () => {
    // files:register is main's, but only registerFile may call it, with a path taken from a File.
    for (const channel of [FILES_REGISTER_CHANNEL, 'db:query', 'shell:exec', 'constructor', '__proto__', 'hasOwnProperty', 42]) {
      await expect(api().invoke(channel as never, {} as never)).rejects.toThrow(/Unknown channel/);
    }
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('passes only the payload to listeners, never the IpcRendererEvent, and unsubscribes', () => {
    for (const event of eventNames) {
      const listener = vi.fn();
      const unsubscribe = api().on(event, listener);
      const [channel, forward] = electron.ipcRenderer.on.mock.calls.at(-1) ?? [];
      expect(channel).toBe(event);
      const ipcEvent = { sender: { invoke: 'the raw ipcRenderer' }, senderId: 0 };
      forward?.(ipcEvent, { tables: ['developers'] });
      expect(listener).toHaveBeenCalledTimes(1);
      expect(listener.mock.calls[0]).toEqual([{ tables: ['developers'] }]);

      unsubscribe();
      expect(electron.ipcRenderer.removeListener).toHaveBeenLastCalledWith(event, forward);
    }
  });

  it('refuses to subscribe to an event outside the contract', () => {
    expect(() => api().on('ipc:raw' as never, vi.fn())).toThrow(/Unknown event/);
    expect(() => api().on('toString' as never, vi.fn())).toThrow(/Unknown event/);
    expect(electron.ipcRenderer.on).not.toHaveBeenCalled();
  });

  it('registers a dropped File through the private channel with the path webUtils gives for it', async () => {
    const file = { name: 'connpass.csv', path: '/home/me/connpass.csv' } as unknown as File;
    await api().registerFile?.(file);
    expect(electron.webUtils.getPathForFile).toHaveBeenCalledWith(file);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(FILES_REGISTER_CHANNEL, '/home/me/connpass.csv');
  });

  it('sends no path of the page’s making: a string, or a File without a place on disk, registers as ""', async () => {
    for (const fake of ['/etc/shadow', { name: '/etc/shadow' }, 42, null]) {
      await api().registerFile?.(fake as unknown as File);
      expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(FILES_REGISTER_CHANNEL, '');
    }
  });
});

describe('preload on other pages', () => {
  afterEach(() => loadPreload(rendererUrl));

  it('gives the dev server’s page window.api when that is the renderer, and nothing else', async () => {
    const argv = [`${RENDERER_ARGUMENT}http://localhost:5173`];
    await loadPreload('http://localhost:5173/#/import', argv);
    expect([...electron.exposed.keys()]).toEqual(['api']);
    await loadPreload('file:///opt/app/out/renderer/index.html', argv);
    expect([...electron.exposed.keys()]).toEqual([]);
  });

  it('gives a team server’s page only window.drmDesktop, whose one function asks for the way back', async () => {
    await loadPreload('https://drm.example.com/#/developers');
    // No window.api: the team server's page must use its own HTTP API, not take itself for the desktop app.
    expect([...electron.exposed.keys()]).toEqual(['drmDesktop']);
    const desktop = electron.exposed.get('drmDesktop') as DesktopBridge;
    expect(Object.keys(desktop)).toEqual(['backToThisComputer']);
    electron.ipcRenderer.invoke.mockClear();
    await desktop.backToThisComputer();
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
    expect(electron.ipcRenderer.invoke).toHaveBeenLastCalledWith(DESKTOP_BACK_CHANNEL);
  });

  it('exposes nothing to a data: page (the start-up error), about:blank, or a page with no address', async () => {
    for (const href of ['data:text/html,hello', 'about:blank', 'not a url', undefined]) {
      await loadPreload(href);
      expect(electron.contextBridge.exposeInMainWorld).not.toHaveBeenCalled();
    }
  });
});
