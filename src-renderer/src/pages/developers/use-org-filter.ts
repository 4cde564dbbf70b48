import { useSyncExternalStore } from 'react';
import { orgFilterFromHash } from './developer-view';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The organization the address filters the Developers list by (`#/developers?org=<id>`), or null. */
export function useOrgFilter(): string | null {
  return useSyncExternalStore(subscribe, () => orgFilterFromHash(window.location.hash));
}
