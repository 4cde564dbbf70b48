/**
 * The preload: the renderer's only door to the main process, bundled as
 * CommonJS because `sandbox: true` cannot load ES modules. It exposes the
 * contract's channels and events by name and nothing raw (no ipcRenderer,
 * no IpcRendererEvent, whose `sender` would hand the page ipcRenderer itself).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { isChannelName, isEventName, type Bridge } from '../src-shared/contract';

const bridge = {
  invoke(channel, input) {
    if (typeof channel !== 'string' || !isChannelName(channel)) {
      return Promise.reject(new Error(`Unknown channel: ${String(channel)}`));
    }
    return ipcRenderer.invoke(channel, input);
  },

  on(event, listener) {
    if (typeof event !== 'string' || !isEventName(event)) throw new Error(`Unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },

  getPathForFile: (file) => webUtils.getPathForFile(file),
} satisfies Bridge;

contextBridge.exposeInMainWorld('api', bridge);
