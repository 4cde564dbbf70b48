/**
 * The URLs of a short link: the target (http or https only), the final URL
 * (the target with the link's UTM parameters merged in) and the short URL
 * (`https://<shortlink_domain>/<key>`). Pure functions: the redirect server
 * and the export use the same ones.
 */
import { parseUrl } from './url';

export const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content'] as const;
export type UtmKey = (typeof UTM_KEYS)[number];
export type Utm = Partial<Record<UtmKey, string | null>>;

export const MAX_URL_LENGTH = 2048;

/** What a typed key may be: letters, digits, `-` and `_`, 2 to 64 of them (safe in a path and in every export format). */
export const TYPED_KEY = /^[A-Za-z0-9_-]{2,64}$/;
export const TYPED_KEY_RULE = '2 to 64 letters (a–z, A–Z), digits, "-" or "_"';

/** The target parsed, or why it cannot be one: absolute, http(s), at most 2048 characters. */
export function targetProblem(text: string): string | null {
  if (text.length > MAX_URL_LENGTH) return `The target URL is longer than ${MAX_URL_LENGTH} characters`;
  const url = parseUrl(text);
  if (url === null) return `"${text}" is not a full URL: start it with https:// (or http://)`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `A short link can only lead to an http or https URL, not ${url.protocol.slice(0, -1)}:`;
  }
  return null;
}

/** The UTM values that are set (non-empty), in UTM_KEYS order. */
export function utmEntries(utm: Utm | null | undefined): [UtmKey, string][] {
  const entries: [UtmKey, string][] = [];
  for (const key of UTM_KEYS) {
    const value = utm?.[key];
    if (value) entries.push([key, value]);
  }
  return entries;
}

/** The name of one `name=value` part of a query, decoded as a form would decode it. */
const nameOf = (part: string): string => [...new URLSearchParams(part).keys()][0] ?? '';

/**
 * The target with the link's UTM parameters: the target's other query parts
 * are kept byte for byte (URLSearchParams.set would re-encode all of them),
 * a UTM parameter the target already has is replaced by the link's, the
 * link's values are percent-encoded, and the fragment stays last.
 */
export function finalUrl(target: string, utm: Utm | null | undefined): string {
  const url = new URL(target);
  const entries = utmEntries(utm);
  if (entries.length === 0) return url.href;
  const replaced = new Set<string>(entries.map(([key]) => key));
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && !replaced.has(nameOf(part)));
  const added = entries.map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
  url.search = `?${[...kept, ...added].join('&')}`;
  return url.href;
}

/** `https://<domain>/<key>`, or null while no short-link domain is set. */
export function shortUrl(domain: string | null, key: string): string | null {
  return domain ? `https://${domain}/${key}` : null;
}

/**
 * A short-link domain as stored (lower case, IDN as punycode), or why it is
 * not one: a host name with at least one dot, no scheme, port or path.
 */
export function normaliseDomain(text: string): { domain: string } | { problem: string } {
  const trimmed = text.trim().replace(/\.$/, '');
  const problem = { problem: `"${text}" is not a host name: give one such as go.example.com (no https://, port or path)` };
  if (trimmed === '' || /[/:?#@\s\\]/.test(trimmed)) return problem;
  const host = parseUrl(`https://${trimmed}/`)?.hostname;
  if (host === undefined) return problem;
  const labels = host.split('.');
  const label = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
  if (host.length > 253 || labels.length < 2 || !labels.every((l) => label.test(l)) || /^\d+$/.test(labels.at(-1)!)) return problem;
  return { domain: host };
}
