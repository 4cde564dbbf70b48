/**
 * Wires the contract's channels to `ipcMain` and the core's events to the
 * window. Nothing else is registered: the renderer can reach exactly what
 * the contract lists, and only from our own window.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channelNames, eventNames, type ApiResult, type EventName, type EventPayload } from '../src-shared/contract';
import type { CoreEvents } from './core/events';
import type { Core } from './core/types';

export type SenderCheck = (event: IpcMainInvokeEvent) => boolean;

type CoreState = { ok: true; core: Core } | { ok: false; reason: string };

export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Registers one `ipcMain.handle` per contract channel. Calls made while the
 * core is starting wait for it; if it failed, every call answers UNAVAILABLE
 * with the reason. Returns a function that removes the handlers.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  core: Promise<Core>,
  isTrustedSender: SenderCheck,
): () => void {
  // Settled once, so a failed start is never an unhandled rejection and every call sees the same reason.
  const state: Promise<CoreState> = core.then(
    (ready) => ({ ok: true, core: ready }),
    (error: unknown) => ({ ok: false, reason: reasonOf(error) }),
  );
  for (const channel of channelNames) {
    ipcMain.handle(channel, async (event, input: unknown): Promise<ApiResult<unknown>> => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'BAD_INPUT', message: `Refused ${channel}: the call did not come from the app window` } };
      }
      const current = await state;
      if (!current.ok) return { ok: false, error: { code: 'UNAVAILABLE', message: current.reason } };
      try {
        return await current.core.handlers[channel](input);
      } catch (error) {
        // Core handlers answer errors as data; this only catches a broken promise of that.
        return { ok: false, error: { code: 'INTERNAL', message: reasonOf(error) } };
      }
    });
  }
  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(channel);
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
