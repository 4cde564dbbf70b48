/**
 * The desktop app as a client of a team's data (README "Team mode"). Settings →
 * "Connect to a team database" moves the app onto shared data in one of two ways:
 * - a DATABASE_URL: the app's core runs on that PostgreSQL, in one workspace
 *   (tenant) of it, exactly as `drm serve --database-url` would;
 * - a team server's address (`drm serve --team`): the window is handed to that
 *   server, where the person signs in; the core stays on this computer's data.
 * This computer's own data is kept untouched either way, and switching back
 * reopens it. The setting lives in the data folder, readable by its owner only.
 */
import { z } from 'zod';
import { emptyInput } from './common';
import { tenantId } from './tenants';
import { parseUrl } from '../url';

/** `postgres://` or `postgresql://`, naming a database, with a host or a `?host=` socket folder. */
export function isPostgresUrl(text: string): boolean {
  const url = parseUrl(text);
  if (url === null) return false;
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') return false;
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  return database.length > 0 && !database.includes('/') && (url.hostname !== '' || url.searchParams.has('host'));
}

/** Loopback names, where plain http:// cannot be read by anyone else on the network. */
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * A team server's origin: https://, or http:// on this computer (an SSH tunnel,
 * a server started here). Nothing after the host: the server's routes are
 * absolute (`/auth/`, `/api/`), and a password in the address would be kept.
 */
export function isTeamServerUrl(text: string): boolean {
  const url = parseUrl(text);
  if (url === null) return false;
  if (url.username !== '' || url.password !== '') return false;
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

const databaseUrl = z
  .string()
  .trim()
  .max(4000, 'a URL up to 4,000 characters')
  .refine(isPostgresUrl, 'a PostgreSQL URL such as postgres://user:password@db.example.com:5432/drm');

const serverUrl = z
  .string()
  .trim()
  .max(2000, 'a URL up to 2,000 characters')
  .refine(isTeamServerUrl, 'the team server’s address, such as https://drm.example.com (http:// only for localhost or 127.0.0.1)')
  .transform((text) => new URL(text).origin);

/** Where to connect: what Settings' form sends. */
export const teamTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('database'), url: databaseUrl, tenantId: tenantId.default('default') }).strict(),
  z.object({ kind: z.literal('server'), url: serverUrl }).strict(),
]);
export type TeamTarget = z.output<typeof teamTarget>;

/** What the app is on. A database URL travels without its password. */
export const teamPlace = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local') }),
  z.object({ kind: z.literal('database'), url: z.string(), tenantId: z.string() }),
  z.object({ kind: z.literal('server'), url: z.string() }),
]);
export type TeamPlace = z.infer<typeof teamPlace>;

export const teamConnection = z.object({
  /** `local`: this computer's data. `database`: a team database. `server`: the window is handed to a team server. */
  current: teamPlace,
  /**
   * Whether this shell can switch: the desktop app and `drm serve` on this
   * computer's data. Not the CLI, a team server, or a shell started with
   * --database-url (those are already on the data they were given).
   */
  available: z.boolean(),
  /**
   * Why the saved connection could not be opened at this start (the app then
   * stayed on this computer's data, and connecting again retries), or null.
   */
  problem: z.string().nullable(),
  /** What opening the team database said that someone must act on (say, the statement a superuser should run). */
  notices: z.array(z.string()),
});
export type TeamConnection = z.infer<typeof teamConnection>;

export const teamChannels = {
  'team:get-connection': { input: emptyInput, output: teamConnection },
  /**
   * Checks the target first (the database answers and is PostgreSQL ≥ 14; the
   * server is a DRM team server), then switches: every later call runs on it.
   * Refused while an import runs. When the database cannot be opened, the app
   * stays where it was and the error says why.
   */
  'team:connect': { input: teamTarget, output: teamConnection },
  /** Back to this computer's data, which was kept as it was. */
  'team:disconnect': { input: emptyInput, output: teamConnection },
} as const;

export const teamEvents = {
  /** The app moved to other data: every window drops what it shows and asks again (or, for a team server, the desktop hands it the window). */
  'team:changed': teamConnection,
} as const;
