import { splitTokenFromUrl } from './token';

const STORAGE_KEY = 'drm.token';

function readStored(): string | null {
  try {
    return sessionStorage.getItem(STORAGE_KEY);
  } catch {
    // Storage can be disabled by policy; the server's cookie still authorises us.
    return null;
  }
}

function store(token: string): void {
  try {
    sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // See readStored: losing the copy only costs a reload with the printed URL.
  }
}

/**
 * Called once on load. A token in the URL wins over a stored one because the
 * user just opened a fresh `drm serve` URL (the server may have restarted with
 * a new token); sessionStorage keeps it across reloads of this tab only.
 */
export function takeBrowserToken(): string | null {
  const { token, cleanUrl } = splitTokenFromUrl(window.location.href);
  if (token === null) return readStored();
  store(token);
  window.history.replaceState(window.history.state, '', cleanUrl);
  return token;
}
