/** The pages in navigation order; the hash route is `#/<id>`. */
export const routeIds = [
  'overview',
  'developers',
  'organizations',
  'merges',
  'campaigns',
  'shortlinks',
  'resources',
  'funnel',
  'import',
  'settings',
  'status',
] as const;
export type RouteId = (typeof routeIds)[number];
export type Route = RouteId | 'notFound';

export function isRouteId(value: string): value is RouteId {
  return (routeIds as readonly string[]).includes(value);
}

/** `#/status` → status; an empty hash is the home page; later segments belong to the page. */
export function routeFromHash(hash: string): Route {
  const first = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  if (first === '') return 'overview';
  return isRouteId(first) ? first : 'notFound';
}

export function hrefFor(route: RouteId): string {
  return `#/${route}`;
}

/** The segment after the page: `#/developers/<id>` → the id; none → null. */
export function routeParam(hash: string): string | null {
  const second = hash.replace(/^#\/?/, '').split('?')[0]?.split('/')[1] ?? '';
  return second === '' ? null : decodeURIComponent(second);
}

export function developerHref(developerId: string): string {
  return `#/developers/${encodeURIComponent(developerId)}`;
}

/** An organization's own page: members, stage mix, activity. */
export function organizationHref(orgId: string): string {
  return `#/organizations/${encodeURIComponent(orgId)}`;
}

/** The Developers list filtered by an organization. */
export function developersOfOrganizationHref(orgId: string): string {
  return `#/developers?org=${encodeURIComponent(orgId)}`;
}

export function campaignHref(campaignId: string): string {
  return `#/campaigns/${encodeURIComponent(campaignId)}`;
}

/** A resource's own page: activities over time, its developers, event or content figures. */
export function resourceHref(resourceId: string): string {
  return `#/resources/${encodeURIComponent(resourceId)}`;
}
