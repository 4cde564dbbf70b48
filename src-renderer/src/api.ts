/**
 * The renderer's API singleton. Under Electron the preload has put the bridge
 * on `window.api`; opened in a browser by `drm serve`, there is no preload and
 * the same calls go over HTTP to the shell that served the page.
 */
import { createApi } from './api-client';
import { takeBrowserToken } from './transport/browser-token';
import { createHttpBridge } from './transport/http-bridge';

export { ApiCallError, isApiCallError } from './api-error';
export type { ApiCallErrorCode } from './api-error';
export type { FileRef, RendererApi, Transport } from './api-client';

function browserApi() {
  const bridge = createHttpBridge(takeBrowserToken());
  return createApi(bridge, 'http', bridge.uploadFile);
}

export const api = window.api ? createApi(window.api, 'electron') : browserApi();
