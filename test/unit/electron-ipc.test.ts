import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../src-shared/contract/common';
import { eventNames } from '../../src-shared/contract/events';
import { FILES_REGISTER_CHANNEL } from '../../src-shared/contract/files';
import { channelNames } from '../../src-shared/contract/index';
import type { SystemStatus } from '../../src-shared/contract/system';
import { CoreError } from '../../src-main/core/errors';
import { createCoreEvents } from '../../src-main/core/events';
import type { CoreHandlers } from '../../src-main/core/handlers';
import type { Core } from '../../src-main/core/types';
import { forwardEvents, registerIpc } from '../../src-main/ipc';

// ipc.ts takes ipcMain as an argument and imports only Electron's types. The
// empty mock keeps a regression from reaching the real package (which tries to
// download Electron); any use of it fails with "no export defined on the mock".
vi.mock('electron', () => ({}));

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Handler>();
  const ipcMain = {
    handle: vi.fn((channel: string, handler: Handler) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, handler);
    }),
    removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
  };
  const call = (channel: string, input: unknown, event: unknown = { trusted: true }) => {
    const handler = handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return handler(event as IpcMainInvokeEvent, input);
  };
  return { ipcMain: ipcMain as unknown as Pick<IpcMain, 'handle' | 'removeHandler'>, handlers, call, spies: ipcMain };
}

const isTrusted = (event: IpcMainInvokeEvent) => (event as unknown as { trusted?: boolean }).trusted === true;
const sessionOf = (event: IpcMainInvokeEvent) => (event as unknown as { session?: string }).session ?? 'window:1';

const status: SystemStatus = {
  postgres: { version: '18.4', versionNum: 180004, location: { kind: 'embedded', dataDir: '/d', port: 5555 } },
  tables: [],
  rows: {},
  migrations: [],
  extensions: [],
};

function fakeCore(): Core & { received: unknown[]; callers: unknown[]; registered: unknown[][] } {
  const received: unknown[] = [];
  const callers: unknown[] = [];
  const registered: unknown[][] = [];
  const handlers = Object.fromEntries(
    channelNames.map((name) => [
      name,
      async (input: unknown, caller?: unknown) => {
        received.push(input);
        callers.push(caller);
        return { ok: true, value: name === 'system:get-status' ? status : { channel: name } };
      },
    ]),
  ) as unknown as CoreHandlers;
  return {
    received,
    callers,
    registered,
    handlers,
    files: {
      register: vi.fn(async (path: string, options?: unknown) => {
        registered.push([path, options]);
        if (path === '') throw new CoreError('BAD_INPUT', 'This file has no place on this computer');
        return { fileHandle: 'fh_0123456789abcdefghijklmnopqrstuv', fileName: 'a.csv', size: 3 };
      }),
      resolve: vi.fn(),
      endSession: vi.fn(async () => undefined),
      close: vi.fn(async () => undefined),
    },
    events: createCoreEvents(),
    location: { kind: 'embedded', dataDir: '/d', port: 5555 },
    migrationsApplied: [],
    importer: { settled: async () => 'succeeded' as const, outcome: () => undefined, busy: () => false },
    backups: {} as Core['backups'],
    preMigrationBackup: null,
    withDatabase: () => Promise.reject(new Error('no database in this test')),
    stop: vi.fn(async () => undefined),
  };
}

describe('registerIpc', () => {
  it('registers every contract channel and the preload’s files:register with ipcMain.handle, and nothing else', () => {
    const { ipcMain, spies } = fakeIpcMain();
    registerIpc(ipcMain, Promise.resolve(fakeCore()), isTrusted, sessionOf);
    const registered = spies.handle.mock.calls.map(([channel]) => channel);
    expect(registered.sort()).toEqual([...channelNames, FILES_REGISTER_CHANNEL].sort());
    expect(channelNames).not.toContain(FILES_REGISTER_CHANNEL);
    expect(channelNames.length).toBeGreaterThan(0);
  });

  it('forwards a call to the core handler and returns its result', async () => {
    const core = fakeCore();
    const { ipcMain, call } = fakeIpcMain();
    registerIpc(ipcMain, Promise.resolve(core), isTrusted, sessionOf);
    for (const channel of channelNames) {
      const input = { probe: channel };
      const result = (await call(channel, input)) as ApiResult<unknown>;
      expect(result).toEqual({ ok: true, value: channel === 'system:get-status' ? status : { channel } });
      expect(core.received.at(-1)).toBe(input);
      expect(core.callers.at(-1)).toEqual({ session: 'window:1' });
    }
  });

  it('passes the sending window’s session with every call', async () => {
    const core = fakeCore();
    const { ipcMain, call } = fakeIpcMain();
    registerIpc(ipcMain, Promise.resolve(core), isTrusted, sessionOf);
    await call('import:list-jobs', {}, { trusted: true, session: 'window:2' });
    expect(core.callers.at(-1)).toEqual({ session: 'window:2' });
  });

  it('registers a dropped file’s path in the sender’s session and answers its handle', async () => {
    const core = fakeCore();
    const { ipcMain, call } = fakeIpcMain();
    registerIpc(ipcMain, Promise.resolve(core), isTrusted, sessionOf);
    const result = await call(FILES_REGISTER_CHANNEL, '/home/me/a.csv', { trusted: true, session: 'window:7' });
    expect(result).toEqual({ ok: true, value: { fileHandle: 'fh_0123456789abcdefghijklmnopqrstuv', fileName: 'a.csv', size: 3 } });
    expect(core.registered).toEqual([['/home/me/a.csv', { session: 'window:7' }]]);
  });

  it('answers a refused registration as an error, and refuses an untrusted sender without registering', async () => {
    const core = fakeCore();
    const { ipcMain, call } = fakeIpcMain();
    registerIpc(ipcMain, Promise.resolve(core), isTrusted, sessionOf);
    expect(await call(FILES_REGISTER_CHANNEL, '')).toEqual({
      ok: false,
      error: { code: 'BAD_INPUT', message: 'This file has no place on this computer' },
    });
    const untrusted = (await call(FILES_REGISTER_CHANNEL, '/etc/hostname', { trusted: false })) as ApiResult<unknown>;
    expect(untrusted).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(core.registered).toEqual([['', { session: 'window:1' }]]);
  });

  it('refuses a call from an untrusted sender without touching the core', async () => {
    const core = fakeCore();
    const { ipcMain, call } = fakeIpcMain();
    registerIpc(ipcMain, Promise.resolve(core), isTrusted, sessionOf);
    const result = (await call('system:get-status', {}, { trusted: false })) as ApiResult<unknown>;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('BAD_INPUT');
    expect(core.received).toHaveLength(0);
  });

  it('makes calls that arrive during start-up wait for the core', async () => {
    const core = fakeCore();
    let resolveCore!: (core: Core) => void;
    const { ipcMain, call } = fakeIpcMain();
    registerIpc(ipcMain, new Promise<Core>((resolve) => (resolveCore = resolve)), isTrusted, sessionOf);
    let settled = false;
    const pending = call('system:get-status', {}).then((result) => {
      settled = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    resolveCore(core);
    expect(await pending).toEqual({ ok: true, value: status });
  });

  it('answers UNAVAILABLE with the reason, for pending and later calls, when the core failed to start', async () => {
    let rejectCore!: (error: Error) => void;
    const { ipcMain, call } = fakeIpcMain();
    registerIpc(ipcMain, new Promise<Core>((_, reject) => (rejectCore = reject)), isTrusted, sessionOf);
    const pending = call('system:get-status', {});
    rejectCore(new Error('PostgreSQL 17 data directory; this app needs 18'));
    const expected = { ok: false, error: { code: 'UNAVAILABLE', message: 'PostgreSQL 17 data directory; this app needs 18' } };
    expect(await pending).toEqual(expected);
    expect(await call('system:get-status', {})).toEqual(expected);
  });

  it('turns a handler that throws (against its contract) into an INTERNAL error', async () => {
    const core = fakeCore();
    core.handlers['system:get-status'] = async () => {
      throw new Error('boom');
    };
    const { ipcMain, call } = fakeIpcMain();
    registerIpc(ipcMain, Promise.resolve(core), isTrusted, sessionOf);
    expect(await call('system:get-status', {})).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'boom' } });
  });

  it('removes exactly its handlers when disposed', () => {
    const { ipcMain, handlers, spies } = fakeIpcMain();
    const dispose = registerIpc(ipcMain, Promise.resolve(fakeCore()), isTrusted, sessionOf);
    dispose();
    expect(handlers.size).toBe(0);
    expect(spies.removeHandler.mock.calls.map(([c]) => c).sort()).toEqual([...channelNames, FILES_REGISTER_CHANNEL].sort());
  });
});

describe('forwardEvents', () => {
  it('sends every contract event with its payload, and stops when asked', () => {
    const events = createCoreEvents();
    const send = vi.fn();
    const stop = forwardEvents(events, send);

    events.emit('db:changed', { tables: ['developers'] });
    events.emit('import:progress', { jobId: 'j1', status: 'running', rowsRead: 10, bytesRead: 100, totalBytes: 1000, errorCount: 0 });
    expect(send.mock.calls).toEqual([
      ['db:changed', { tables: ['developers'] }],
      ['import:progress', { jobId: 'j1', status: 'running', rowsRead: 10, bytesRead: 100, totalBytes: 1000, errorCount: 0 }],
    ]);

    stop();
    events.emit('db:changed', { tables: ['campaigns'] });
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('subscribes to each contract event name', () => {
    const on = vi.fn((_name: string, _listener: unknown) => () => undefined);
    forwardEvents({ on }, vi.fn());
    expect(on.mock.calls.map(([name]) => name).sort()).toEqual([...eventNames].sort());
  });
});
