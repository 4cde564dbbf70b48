/**
 * `new URL` that answers null instead of throwing, for the many places that
 * only ask "is this a URL, and what are its parts". Node 20 has no
 * `URL.parse` (22.1+), so every such place wrote its own try/catch.
 */
export function parseUrl(text: string, base?: string): URL | null {
  try {
    return new URL(text, base);
  } catch {
    return null;
  }
}
