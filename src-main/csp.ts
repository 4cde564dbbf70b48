/**
 * The app's Content-Security-Policy, one definition for every way the
 * renderer is served: the Electron window's response header, the HTTP shell
 * of `drm serve`, and (relaxed) Vite's dev server. index.html carries the
 * same policy as a meta tag, minus frame-ancestors, which a meta tag cannot
 * hold. Nothing is loaded from outside the app's own origin.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Vite's dev server injects inline scripts (React refresh) and styles and
 * talks to its HMR socket: only what it serves gets this looser policy.
 */
export function relaxForDevServer(policy: string): string {
  return policy
    .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");
}
