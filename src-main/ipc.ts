/**
 * Wires the contract's channels to `ipcMain` and the core's events to the
 * window. Besides them only the preload's private `files:register` is
 * registered here: the renderer can reach exactly what the contract lists,
 * and only from our own window. (A team server's page shown in the window
 * gets one channel of its own, the way back: team-window.ts.)
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { ApiResult } from '../src-shared/contract/common';
import { eventNames, type EventName, type EventPayload } from '../src-shared/contract/events';
import { FILES_REGISTER_CHANNEL, type RegisteredFile } from '../src-shared/contract/files';
import { channelNames } from '../src-shared/contract/index';
import { reasonOf, toApiError } from './core/errors';
import type { CoreEvents } from './core/events';
import type { Core } from './core/types';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;
/** The file-handle session of the window that sent an (already trusted) event. */
export type SessionOf = (event: IpcMainInvokeEvent) => string;

type CoreState = { ok: true; core: Core } | { ok: false; reason: string };

const refused = (channel: string): ApiResult<never> => ({
  ok: false,
  error: { code: 'BAD_INPUT', message: `Refused ${channel}: the call did not come from the app window` },
});

/**
 * Registers one `ipcMain.handle` per contract channel, and the private
 * channel that turns a dropped file's path into a handle of the sender's
 * session. Calls made while the core is starting wait for it; if it failed,
 * every call answers UNAVAILABLE with the reason. Returns a function that
 * removes the handlers.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  core: Promise<Core>,
  isTrustedSender: SenderCheck,
  sessionOf: SessionOf,
): () => void {
  // Settled once, so a failed start is never an unhandled rejection and every call sees the same reason.
  const state: Promise<CoreState> = core.then(
    (ready) => ({ ok: true, core: ready }),
    (error: unknown) => ({ ok: false, reason: reasonOf(error) }),
  );
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<ApiResult<unknown>> => {
      if (!isTrustedSender(event)) return refused(channel);
      const current = await state;
      if (!current.ok) return { ok: false, error: { code: 'UNAVAILABLE', message: current.reason } };
      try {
        return await current.core.handlers[channel](input, { session: sessionOf(event) });
      } catch (error) {
        // Core handlers answer errors as data; this only catches a broken promise of that.
        return { ok: false, error: { code: 'INTERNAL', message: reasonOf(error) } };
      }
    });
  }
  // The preload sends the path webUtils found for a real File; the registry refuses
  // anything that is not a regular file (empty, relative, a folder, a device).
  ipcMain.handle(FILES_REGISTER_CHANNEL, async (event, path: unknown): Promise<ApiResult<RegisteredFile>> => {
    if (!isTrustedSender(event)) return refused(FILES_REGISTER_CHANNEL);
    const current = await state;
    if (!current.ok) return { ok: false, error: { code: 'UNAVAILABLE', message: current.reason } };
    try {
      return { ok: true, value: await current.core.files.register(path as string, { session: sessionOf(event) }) };
    } catch (error) {
      return { ok: false, error: toApiError(error) };
    }
  });
  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel);
    ipcMain.removeHandler(FILES_REGISTER_CHANNEL);
  };
}

/** Forwards every contract event; returns a function that stops forwarding. */
export function forwardEvents(
  events: Pick<CoreEvents, 'on'>,
  send: <K extends EventName>(event: K, payload: EventPayload<K>) => void,
): () => void {
  const unsubscribes = eventNames.map((name) => events.on(name, (payload) => send(name, payload)));
  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
