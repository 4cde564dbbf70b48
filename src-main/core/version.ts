/** The app's version (package.json), for what it writes that a later version reads: backups. */
import packageJson from '../../package.json' with { type: 'json' };

export const APP_VERSION: string = packageJson.version;
