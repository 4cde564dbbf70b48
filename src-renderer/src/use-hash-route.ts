import { useSyncExternalStore } from 'react';
import { routeFromHash, type Route } from './routes';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

// Hash routing needs no server rewrite rules under `file://` (Electron) or `drm serve`.
export function useHashRoute(): Route {
  return useSyncExternalStore(subscribe, () => routeFromHash(window.location.hash));
}
