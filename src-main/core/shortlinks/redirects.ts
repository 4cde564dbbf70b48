/**
 * Redirect rules for the places a team hosts its short-link domain: the
 * desktop app cannot answer a public URL itself. Each format gets the final
 * URL escaped for its own syntax; keys need none (keys.ts allows only
 * letters, digits, `-` and `_`).
 *
 * Final URLs come from WHATWG `URL`, which already percent-encodes spaces,
 * quotes and controls; the formats below still encode or escape what their
 * syntax gives a meaning to, so that a URL can never become a directive.
 */
import type { RedirectFormatName } from '../../../src-shared/contract/shortlinks';
import { toCsv } from '../../../src-shared/csv';

export type RedirectFormat = RedirectFormatName;

export interface RedirectRule {
  key: string;
  shortUrl: string | null;
  finalUrl: string;
  campaign: string | null;
  resource: string | null;
}

/** Percent-encodes whitespace, quotes and backslashes, which WHATWG URL leaves in some parts (a query's `\`). */
const encodeUnsafe = (url: string, extra: RegExp): string => url.replace(/[\s"'\\<>`{}|^]/gu, pct).replace(extra, pct);

/** One character percent-encoded (encodeURIComponent leaves `'` as it is). */
const pct = (c: string): string =>
  c.charCodeAt(0) < 0x80 ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c);

const NOTHING = /(?!)/g;

/** Netlify and Cloudflare Pages `_redirects`: whitespace separates fields, so none may be left in a URL. */
function netlify(rules: RedirectRule[]): string {
  const lines = ['# Short links from DRM Desktop: /<key> → final URL (302)'];
  for (const r of rules) lines.push(`/${r.key}  ${encodeUnsafe(r.finalUrl, NOTHING)}  302`);
  return `${lines.join('\n')}\n`;
}

/**
 * nginx: a `map` (http context) and a server that returns it. `$` would
 * start a variable in a map value, so it is percent-encoded (equivalent in
 * a URL), as are `"` and `\`, which would end or escape the quoted string.
 */
function nginx(rules: RedirectRule[]): string {
  const lines = [
    '# Short links from DRM Desktop. Put the map in the http { } context and the location in your server { }.',
    'map $uri $drm_shortlink {',
    '    default "";',
  ];
  for (const r of rules) lines.push(`    "/${r.key}" "${encodeUnsafe(r.finalUrl, /[$;]/g)}";`);
  lines.push(
    '}',
    '',
    '# server {',
    '#     server_name your-short-link-domain;',
    '#     location / {',
    '#         if ($drm_shortlink) { return 302 $drm_shortlink; }',
    '#         return 404;',
    '#     }',
    '# }',
  );
  return `${lines.join('\n')}\n`;
}

/**
 * Apache mod_rewrite (server config or .htaccess). In a substitution `$N`
 * and `%N` are back-references and `%{…}` a variable, so `$` and `%` are
 * escaped with a backslash; NE keeps Apache from encoding the `%` of the
 * URL's own escapes a second time.
 */
function apache(rules: RedirectRule[]): string {
  const lines = ['# Short links from DRM Desktop (server config, <VirtualHost> or .htaccess).', 'RewriteEngine On'];
  for (const r of rules) {
    const target = encodeUnsafe(r.finalUrl, NOTHING).replace(/[$%]/g, (c) => `\\${c}`);
    lines.push(`RewriteRule ^/?${r.key}$ "${target}" [R=302,NE,L]`);
  }
  return `${lines.join('\n')}\n`;
}

function csv(rules: RedirectRule[]): string {
  return toCsv(
    ['key', 'short_url', 'final_url', 'campaign', 'resource'],
    rules.map((r) => [r.key, r.shortUrl, r.finalUrl, r.campaign, r.resource]),
  );
}

const writers: Record<RedirectFormat, (rules: RedirectRule[]) => string> = { netlify, nginx, apache, csv };

/** The file's default name for each format. */
export const redirectFileNames: Record<RedirectFormat, string> = {
  netlify: '_redirects',
  nginx: 'shortlinks.nginx.conf',
  apache: 'shortlinks.htaccess',
  csv: 'shortlinks.csv',
};

export function redirectRules(format: RedirectFormat, rules: RedirectRule[]): string {
  return writers[format](rules);
}
