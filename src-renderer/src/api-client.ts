import type { EventName, EventPayload } from '../../src-shared/contract/events';
import type { Bridge, ChannelInput, ChannelName, ChannelOutput } from '../../src-shared/contract/index';
import { ApiCallError } from './api-error';
import type { UploadProgress, Uploader } from './transport/http-upload';

export type Transport = 'electron' | 'http';

/** A file the user chose, as the shell registered it: `import:preview` and `import:start` take its handle. */
export interface FileRef {
  fileHandle: string;
  /** For display only; the core knows the name by the handle. */
  fileName: string;
}

/** The renderer's one way to reach the core, whichever shell it runs in. */
export interface RendererApi {
  readonly transport: Transport;
  call<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>>;
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
  /**
   * A dropped or chosen file as the core can read it: under Electron the
   * preload registers the file itself, else a copy is uploaded to the HTTP
   * shell (progress reported). Either way the page gets a handle, never a path.
   */
  fileRef(file: File, onProgress?: UploadProgress): Promise<FileRef>;
}

/** Electron's answer for a file on disk, or why not (a File built in memory has no path). */
async function registered(bridge: Bridge, file: File): Promise<{ ref: FileRef } | { error: ApiCallError }> {
  if (!bridge.registerFile) return { error: new ApiCallError('BAD_INPUT', `“${file.name}” cannot be read here`) };
  try {
    const result = await bridge.registerFile(file);
    if (result.ok) return { ref: { fileHandle: result.value.fileHandle, fileName: file.name || result.value.fileName } };
    return { error: ApiCallError.from(result.error) };
  } catch (error) {
    return { error: new ApiCallError('UNAVAILABLE', error instanceof Error ? error.message : String(error)) };
  }
}

/**
 * Unwraps the `ApiResult` envelope so callers (query functions) get a value or
 * a throw, which is what TanStack Query expects. A bridge that rejects instead
 * of answering an envelope has lost the core (IPC torn down, server gone).
 */
export function createApi(bridge: Bridge, transport: Transport, upload?: Uploader): RendererApi {
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
    async fileRef(file, onProgress) {
      if (bridge.registerFile || !upload) {
        const answer = await registered(bridge, file);
        if ('ref' in answer) return answer.ref;
        if (!upload) throw answer.error;
      }
      const uploaded = await upload(file, onProgress);
      return { fileHandle: uploaded.fileHandle, fileName: uploaded.fileName || file.name };
    },
  };
}
