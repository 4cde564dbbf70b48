import type {
  Bridge,
  ChannelInput,
  ChannelName,
  ChannelOutput,
  EventName,
  EventPayload,
} from '../../src-shared/contract';
import { ApiCallError } from './api-error';
import type { UploadProgress, Uploader } from './transport/http-upload';

export type Transport = 'electron' | 'http';

/** A file the core can read: what `import:preview` and `import:start` take. */
export interface FileRef {
  filePath: string;
  fileName: string;
}

/** The renderer's one way to reach the core, whichever shell it runs in. */
export interface RendererApi {
  readonly transport: Transport;
  call<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>>;
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
  /** Electron only: the path of a dropped file, so the core can stream it itself. */
  getPathForFile?: (file: File) => string;
  /**
   * A dropped or chosen file as the core can read it: its own path under
   * Electron, else a copy uploaded to the HTTP shell (progress reported).
   */
  fileRef(file: File, onProgress?: UploadProgress): Promise<FileRef>;
}

function pathOf(bridge: Bridge, file: File): string {
  try {
    return bridge.getPathForFile?.(file) ?? '';
  } catch {
    // A File built in memory (not from the disk) has no path; Electron may throw for it.
    return '';
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
    ...(bridge.getPathForFile ? { getPathForFile: bridge.getPathForFile } : {}),
    async fileRef(file, onProgress) {
      const filePath = pathOf(bridge, file);
      if (filePath !== '') return { filePath, fileName: file.name };
      if (upload) {
        const uploaded = await upload(file, onProgress);
        return { filePath: uploaded.filePath, fileName: uploaded.fileName || file.name };
      }
      throw new ApiCallError('BAD_INPUT', `“${file.name}” has no path on this computer; save it to a folder and drop it from there.`);
    },
  };
}
