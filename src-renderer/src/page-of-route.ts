import { lazy, type ComponentType } from 'react';
import { NotFoundPage } from './components/NotFoundPage';
import { OverviewPage } from './pages/overview/OverviewPage';
import type { Route, RouteId } from './routes';

/**
 * Every page but the Overview is a chunk of its own, fetched when first shown
 * (from the app's own files, so offline too): the Overview, where the app
 * opens, parses only what it shows. test/unit/built-page-script.test.ts holds
 * the built page to that.
 */
const loaders: Record<Exclude<RouteId, 'overview'>, () => Promise<{ default: ComponentType }>> = {
  developers: () => import('./pages/developers/DevelopersPage').then((m) => ({ default: m.DevelopersPage })),
  organizations: () => import('./pages/organizations/OrganizationsPage').then((m) => ({ default: m.OrganizationsPage })),
  merges: () => import('./pages/merges/MergesPage').then((m) => ({ default: m.MergesPage })),
  campaigns: () => import('./pages/campaigns/CampaignsPage').then((m) => ({ default: m.CampaignsPage })),
  shortlinks: () => import('./pages/shortlinks/ShortlinksPage').then((m) => ({ default: m.ShortlinksPage })),
  resources: () => import('./pages/resources/ResourcesPage').then((m) => ({ default: m.ResourcesPage })),
  funnel: () => import('./pages/funnel/FunnelPage').then((m) => ({ default: m.FunnelPage })),
  import: () => import('./pages/import/ImportPage').then((m) => ({ default: m.ImportPage })),
  settings: () => import('./pages/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })),
  status: () => import('./pages/status/StatusPage').then((m) => ({ default: m.StatusPage })),
};

export const pages: Record<Route, ComponentType> = {
  overview: OverviewPage,
  notFound: NotFoundPage,
  developers: lazy(loaders.developers),
  organizations: lazy(loaders.organizations),
  merges: lazy(loaders.merges),
  campaigns: lazy(loaders.campaigns),
  shortlinks: lazy(loaders.shortlinks),
  resources: lazy(loaders.resources),
  funnel: lazy(loaders.funnel),
  import: lazy(loaders.import),
  settings: lazy(loaders.settings),
  status: lazy(loaders.status),
};

/** Fetches the other pages' code ahead of a click; the module cache makes each page's own load instant later. */
export function preloadPages(): void {
  // A chunk that fails to load here is loaded (and its error shown) when its page opens.
  for (const load of Object.values(loaders)) load().catch(() => undefined);
}
