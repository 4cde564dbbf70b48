/**
 * Electron main entry (bundled to out/main/index.js). Only wiring: the
 * lifecycle lives in app.ts, the window and its guards in window.ts, the IPC
 * bridge in ipc.ts, and everything else in the core, which runs without Electron.
 */
import { runApp } from './app';
import { startShellCore } from './core/team-client/switcher';

// On this computer's data the app can move to a team's (Settings → Team database).
runApp({ startCore: startShellCore });
