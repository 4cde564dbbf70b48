import { useSyncExternalStore } from 'react';
import { routeFromHash, routeParam, type Route } from './routes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

// Hash routing needs no server rewrite rules under `file://` (Electron) or `drm serve`.
export function useHashRoute(): Route {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}

/** What follows the page in the hash (`#/developers/<id>` → the id), or null. */
export function useRouteParam(): string | null {
  return useSyncExternalStore(subscribe, () => routeParam(window.location.hash));
}
