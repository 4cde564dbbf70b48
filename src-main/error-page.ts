/**
 * What the window shows when the core could not start: the reason and where
 * the data lives, in Japanese and English. A `data:` URL, so it does not
 * depend on the renderer build that may be what is broken.
 */

// Chromium caps data: URLs at 2 MB; a PostgreSQL log tail is far smaller, this is a safety net.
const MAX_MESSAGE_CHARS = 20_000;

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

export interface StartupErrorInfo {
  message: string;
  dataDir: string;
}

export function startupErrorHtml({ message, dataDir }: StartupErrorInfo): string {
  const reason = message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}\n…` : message;
  const dir = escapeHtml(dataDir);
  return `<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>DRM Desktop</title>
<style>
  body { font: 14px/1.6 system-ui, sans-serif; margin: 2rem auto; max-width: 52rem; padding: 0 1.5rem; color: #1f2328; }
  h1 { font-size: 1.3rem; margin-bottom: 0.2rem; }
  h2 { font-size: 1rem; font-weight: normal; color: #59636e; margin-top: 0; }
  pre { background: #f6f8fa; border: 1px solid #d1d9e0; padding: 1rem; white-space: pre-wrap; word-break: break-word; max-height: 50vh; overflow: auto; }
  code { background: #f6f8fa; padding: 0 0.3em; word-break: break-all; }
</style>
</head>
<body>
<h1>DRM Desktop を起動できませんでした</h1>
<h2 lang="en">DRM Desktop could not start</h2>
<pre>${escapeHtml(reason)}</pre>
<p>データフォルダ: <code>${dir}</code><br>
PostgreSQL のログはこのフォルダの <code>postgres.log</code> にあります。アプリを終了して、もう一度起動してください。</p>
<p lang="en">Data folder: <code>${dir}</code><br>
The PostgreSQL log is <code>postgres.log</code> in that folder. Quit the app and start it again.</p>
</body>
</html>
`;
}

export function startupErrorPageUrl(info: StartupErrorInfo): string {
  return `data:text/html;charset=utf-8,${encodeURIComponent(startupErrorHtml(info))}`;
}
