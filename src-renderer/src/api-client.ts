import type {
  Bridge,
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
} from '../../src-shared/contract';
import { ApiCallError } from './api-error';

export type Transport = 'electron' | 'http';

/** The renderer's one way to reach the core, whichever shell it runs in. */
export interface RendererApi {
  readonly transport: Transport;
  call<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>>;
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
  /** Electron only: the path of a dropped file, so the core can stream it itself. */
  getPathForFile?: (file: File) => string;
}

/**
 * Unwraps the `ApiResult` envelope so callers (query functions) get a value or
 * a throw, which is what TanStack Query expects. A bridge that rejects instead
 * of answering an envelope has lost the core (IPC torn down, server gone).
 */
export function createApi(bridge: Bridge, transport: Transport): RendererApi {
  return {
    transport,
    async call(channel, input) {
      let result;
      try {
        result = await bridge.invoke(channel, input);
      } catch (error) {
        if (error instanceof ApiCallError) throw error;
        const message = error instanceof Error ? error.message : String(error);
        throw new ApiCallError('UNAVAILABLE', message);
      }
      if (result.ok) return result.value;
      throw ApiCallError.from(result.error);
    },
    on: (event, listener) => bridge.on(event, listener),
    ...(bridge.getPathForFile ? { getPathForFile: bridge.getPathForFile } : {}),
  };
}
