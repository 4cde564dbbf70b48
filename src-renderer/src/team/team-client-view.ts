/**
 * What the desktop app as a team client shows (contract/team.ts), as pure
 * functions: the short name of a team database for the strip on every page,
 * which form fields a refused connect names, whether a switch changed the data
 * the page shows, and where a page that named a record goes afterwards.
 */
import type { TeamPlace } from '../../../src-shared/contract/team';
import { isApiCallError } from '../api-error';
import { routeFromHash } from '../routes';
import { parseUrl } from '../../../src-shared/url';

/** `postgres://drm@db.example.com:5432/drm` → `db.example.com:5432/drm` (the core already removed the password). */
export function databaseLabel(url: string): string {
  const parsed = parseUrl(url);
  if (parsed === null) return url;
  const host = parsed.host || parsed.searchParams.get('host') || '';
  return `${host}${decodeURIComponent(parsed.pathname)}`;
}

export type ConnectField = 'url' | 'tenantId';

/** A refused connect: the fields the core's BAD_INPUT names, or the error to show beside the form. */
export interface ConnectFailure {
  fields: ReadonlySet<ConnectField>;
  alert: unknown;
}

/** BAD_INPUT details are `{ path, message }[]` (core/errors.ts); a path this form has no field for goes to the alert. */
export function connectFailure(error: unknown): ConnectFailure {
  if (!isApiCallError(error) || error.code !== 'BAD_INPUT' || !Array.isArray(error.details)) return { fields: new Set(), alert: error };
  const fields = new Set<ConnectField>();
  let other = false;
  for (const issue of error.details as { path?: unknown }[]) {
    const head = Array.isArray(issue.path) ? issue.path[0] : undefined;
    if (head === 'url' || head === 'tenantId') fields.add(head);
    else other = true;
  }
  return { fields, alert: other || fields.size === 0 ? error : null };
}

/**
 * Which data the core answers from: a team database (and workspace), or this
 * computer's. A team server leaves the core on this computer's data (the
 * window is handed over instead), so it counts as local here.
 */
export function dataOf(place: TeamPlace): string {
  return place.kind === 'database' ? `database ${place.url} ${place.tenantId}` : 'local';
}

/**
 * After a switch, a page whose address names a record (`#/developers/<id>`,
 * `#/developers?org=<id>`) goes to its bare page: the other data may not hold
 * it. Settings keeps its section (`#/settings/team`). Null: stay.
 */
export function hashAfterSwitch(hash: string): string | null {
  const route = routeFromHash(hash);
  if (route === 'settings' || route === 'notFound') return null;
  const bare = `#/${route}`;
  const rest = hash.replace(/^#\/?/, '');
  return rest === '' || rest === route ? null : bare;
}
