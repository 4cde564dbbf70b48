import { useSyncExternalStore } from 'react';
import { routeFromHash, routeParam, type Route } from './routes';

const readers = new Set<() => void>();

/** Every reader of the address's hash: told at hashchange, and at once when the page changed it itself. */
export function subscribeToHash(onChange: () => void): () => void {
  readers.add(onChange);
  window.addEventListener('hashchange', onChange);
  return () => {
    readers.delete(onChange);
    window.removeEventListener('hashchange', onChange);
  };
}

/**
 * After the page replaced the address itself: its readers re-render within
 * the event that did it. hashchange comes after the event, and by then React
 * has put a controlled input (a radio of the bucket switch) back to the
 * value it rendered, so a click on it would seem not to take.
 */
export function hashChangedHere(): void {
  for (const read of readers) read();
}

// Hash routing needs no server rewrite rules under `file://` (Electron) or `drm serve`.
export function useHashRoute(): Route {
  return useSyncExternalStore(subscribeToHash, () => routeFromHash(window.location.hash));
}

/** What follows the page in the hash (`#/developers/<id>` → the id), or null. */
export function useRouteParam(): string | null {
  return useSyncExternalStore(subscribeToHash, () => routeParam(window.location.hash));
}
