import type { ApiResult } from '../../../src-shared/contract/common';
import type { Bridge } from '../../../src-shared/contract/index';
import { ApiCallError } from '../api-error';
import { createHttpUploader, type Uploader } from './http-upload';
import { TOKEN_PARAM } from './token';

const UNAUTHORIZED_MESSAGE = 'Missing or wrong token: open the URL that `drm serve` printed in the terminal (it includes ?token=…).';

function isApiResult(body: unknown): body is ApiResult<unknown> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) return false;
  if (body.ok === true) return 'value' in body;
  return body.ok === false && 'error' in body && typeof body.error === 'object' && body.error !== null;
}

/**
 * The browser-mode transport for `drm serve`: each channel is `POST /api/<channel>`
 * answering the same `ApiResult` envelope as IPC, and events arrive over one
 * Server-Sent Events stream shared by every listener. Files to import are
 * uploaded first (`uploadFile`), since the core cannot read the browser's disk.
 */
export type HttpBridge = Bridge & { uploadFile: Uploader };

export function createHttpBridge(token: string | null): HttpBridge {
  let source: EventSource | null = null;
  let listeners = 0;

  return {
    uploadFile: createHttpUploader(token),

    async invoke(channel, input) {
      const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
      if (token !== null) headers.Authorization = `Bearer ${token}`;
      let response: Response;
      try {
        response = await fetch(`/api/${channel}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(input ?? {}),
          credentials: 'same-origin',
          cache: 'no-store',
        });
      } catch (error) {
        throw new ApiCallError('UNAVAILABLE', `Cannot reach the DRM server: ${String(error)}`);
      }
      if (response.status === 401) throw new ApiCallError('UNAUTHORIZED', UNAUTHORIZED_MESSAGE);
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new ApiCallError('INTERNAL', `Unexpected answer from the server (HTTP ${response.status}, not JSON)`);
      }
      // Refusals other than 401 (unknown channel, bad body…) still come as an envelope.
      if (!isApiResult(body)) {
        throw new ApiCallError('INTERNAL', `Unexpected answer from the server (HTTP ${response.status})`);
      }
      return body as never;
    },

    on(event, listener) {
      if (source === null) {
        // EventSource cannot send headers; the query token (or the server's cookie) authorises it.
        const url = token === null ? '/api/events' : `/api/events?${TOKEN_PARAM}=${encodeURIComponent(token)}`;
        source = new EventSource(url);
      }
      const current = source;
      const handler = (message: MessageEvent<string>) => {
        let payload: unknown;
        try {
          payload = JSON.parse(message.data);
        } catch {
          console.warn(`Ignoring ${event} event with a body that is not JSON`);
          return;
        }
        listener(payload as never);
      };
      current.addEventListener(event, handler);
      listeners += 1;
      let active = true;
      return () => {
        if (!active) return;
        active = false;
        current.removeEventListener(event, handler);
        listeners -= 1;
        if (listeners === 0 && source === current) {
          current.close();
          source = null;
        }
      };
    },
  };
}
