import type { DesktopBridge } from '../../src-shared/contract/desktop';
import type { Bridge } from '../../src-shared/contract/index';

declare global {
  interface Window {
    /** Set by the preload under Electron; absent when `drm serve` serves the page to a browser. */
    readonly api: Bridge | undefined;
    /** Set by the desktop app's preload on the team server's pages only (the way back); absent everywhere else. */
    readonly drmDesktop: DesktopBridge | undefined;
  }
}
