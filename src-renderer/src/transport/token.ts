/** The query parameter `drm serve` puts in the URL it prints. */
export const TOKEN_PARAM = 'token';

export interface TokenSplit {
  token: string | null;
  /** Path, query and hash without the token, for `history.replaceState`. */
  cleanUrl: string;
}

/**
 * Takes the token out of the page URL so it does not stay in the address bar,
 * the history, or a screenshot; other parameters and the hash route survive.
 */
export function splitTokenFromUrl(href: string): TokenSplit {
  const url = new URL(href);
  const token = url.searchParams.get(TOKEN_PARAM);
  url.searchParams.delete(TOKEN_PARAM);
  return {
    token: token === null || token.trim() === '' ? null : token,
    cleanUrl: `${url.pathname}${url.search}${url.hash}`,
  };
}
