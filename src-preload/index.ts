/**
 * The preload: the renderer's only door to the main process, bundled as
 * CommonJS because `sandbox: true` cannot load ES modules. It exposes the
 * contract's channels and events by name and nothing raw (no ipcRenderer,
 * no IpcRendererEvent, whose `sender` would hand the page ipcRenderer itself),
 * and turns a dropped or chosen File into a handle without the page ever
 * holding, or naming, a path. A team server's page in the same window gets
 * only the way back to this computer's data (page-role.ts).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { DESKTOP_BACK_CHANNEL, type DesktopBridge } from '../src-shared/contract/desktop';
import { isEventName } from '../src-shared/contract/events';
import { FILES_REGISTER_CHANNEL } from '../src-shared/contract/files';
import { isChannelName, type Bridge } from '../src-shared/contract/index';
import { pageRole } from './page-role';

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

  // The path comes from the File itself, never from the page: a File built in
  // memory has none (''), and main refuses that as it refuses any non-file.
  registerFile(file) {
    let path = '';
    try {
      path = webUtils.getPathForFile(file);
    } catch {
      // Not a File object at all.
    }
    return ipcRenderer.invoke(FILES_REGISTER_CHANNEL, path);
  },
} satisfies Bridge;

const desktop = {
  backToThisComputer() {
    return ipcRenderer.invoke(DESKTOP_BACK_CHANNEL);
  },
} satisfies DesktopBridge;

// A sandboxed preload has no DOM types here (tsconfig.node.json), but the page's location is there.
const role = pageRole((globalThis as { location?: { href: string } }).location?.href, process.argv);
if (role === 'app') contextBridge.exposeInMainWorld('api', bridge);
else if (role === 'team') contextBridge.exposeInMainWorld('drmDesktop', desktop);
