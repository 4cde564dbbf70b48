/**
 * What a person sees who opens the app's address without its token (a
 * bookmark, a restarted `drm serve`): a page saying how to open it, not the
 * API's JSON refusal. It names no secret and runs no script; the language
 * follows the browser's, since the app's own setting needs the token to read.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';

const TEXT = {
  en: {
    title: 'Open DRM Desktop from its printed address',
    lead: 'This address needs the key that the app prints when it starts, so nobody else on this computer can open your data.',
    how: 'In the terminal where you ran <code>npm run serve</code> (or <code>drm serve</code>), copy the whole address it printed, <code>http://127.0.0.1:…/?token=…</code>, and open it here. After a restart the key changes: use the new address.',
  },
  ja: {
    title: 'DRM Desktop は表示された URL から開いてください',
    lead: 'このアドレスを開くには、起動時に表示される鍵が必要です（このコンピューターの他の人があなたのデータを開けないようにするため）。',
    how: '<code>npm run serve</code>（または <code>drm serve</code>）を実行したターミナルに表示された URL（<code>http://127.0.0.1:…/?token=…</code>）を丸ごとコピーして、ここで開いてください。再起動すると鍵が変わるので、新しい URL を使ってください。',
  },
} as const;

/** A page load, not an asset or the API: those keep their short refusals. */
export function isPageRequest(req: IncomingMessage, pathname: string): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (pathname.startsWith('/api/')) return false;
  const ext = extname(pathname);
  return ext === '' || ext === '.html';
}

function language(req: IncomingMessage): keyof typeof TEXT {
  const first = (req.headers['accept-language'] ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('ja') ? 'ja' : 'en';
}

export function sendTokenPage(req: IncomingMessage, res: ServerResponse): void {
  const lang = language(req);
  const text = TEXT[lang];
  res.writeHead(401, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  res.end(`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${text.title}</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2933}code{background:#eef2f6;padding:0 .25em;border-radius:3px}@media (prefers-color-scheme:dark){body{background:#111820;color:#e6edf3}code{background:#1f2933}}</style>
</head>
<body><main><h1>${text.title}</h1><p>${text.lead}</p><p>${text.how}</p></main></body>
</html>
`);
}
