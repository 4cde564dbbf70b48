/**
 * bench:import from a bundle, as the app runs (`npm run bench:import:built -- …`,
 * the same options): the 400 MB target is about the app, whose threads do not
 * load tsx (bundled.ts).
 */
import { runBundled } from './bundled';

process.exitCode = await runBundled('import');
