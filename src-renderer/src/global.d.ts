import type { Bridge } from '../../src-shared/contract/index';

declare global {
  interface Window {
    /** Set by the preload under Electron; absent when `drm serve` serves the page to a browser. */
    readonly api: Bridge | undefined;
  }
}
