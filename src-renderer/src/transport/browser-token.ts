import { readStored, writeStored } from '../lib/storage';
import { splitTokenFromUrl } from './token';

const STORAGE_KEY = 'drm.token';

/**
 * Called once on load. A token in the URL wins over a stored one because the
 * user just opened a fresh `drm serve` URL (the server may have restarted with
 * a new token); sessionStorage keeps it across reloads of this tab only.
 * Without storage, the server's cookie still authorises this tab, and a reload
 * needs the printed URL again.
 */
export function takeBrowserToken(): string | null {
  const { token, cleanUrl } = splitTokenFromUrl(window.location.href);
  if (token === null) return readStored('session', STORAGE_KEY);
  writeStored('session', STORAGE_KEY, token);
  window.history.replaceState(window.history.state, '', cleanUrl);
  return token;
}
