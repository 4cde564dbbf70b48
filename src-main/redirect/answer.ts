/**
 * What the redirect server reads from a request and writes into its answer,
 * as pure functions: the key a path names, the visitor's click id (cookie),
 * the Location with `drm_cid`, the cookie, and the visitor's language.
 */
import { randomBytes } from 'node:crypto';
import { TYPED_KEY } from '../../src-shared/shortlinks';

export const CLICK_COOKIE = 'drm_cid';
export const CLICK_PARAM = 'drm_cid';
/** A year: the visitor who comes back within it is the same anonymous visitor. */
export const COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

/** The key `/<key>` names (no more segments, any query ignored), or undefined. */
export function keyOfPath(url: string): string | undefined {
  const path = url.split(/[?#]/, 1)[0]!;
  if (!path.startsWith('/') || path.indexOf('/', 1) !== -1) return undefined;
  let key: string;
  try {
    key = decodeURIComponent(path.slice(1));
  } catch {
    return undefined;
  }
  return TYPED_KEY.test(key) ? key : undefined;
}

/** A click id we issued: 128 random bits, base64url (22 characters). A uuid (a log's or an older id) is taken too. */
const CLICK_ID = /^(?:[A-Za-z0-9_-]{22}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

export const isClickId = (text: string): boolean => CLICK_ID.test(text);

export const newClickId = (): string => randomBytes(16).toString('base64url');

/** The click id a Cookie header carries, if it is one of ours. */
export function clickIdFromCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== CLICK_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    if (isClickId(value)) return value;
  }
  return undefined;
}

export function clickCookie(clickId: string, secure: boolean): string {
  return `${CLICK_COOKIE}=${clickId}; Max-Age=${COOKIE_MAX_AGE}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

/**
 * `finalUrl` with `drm_cid=<clickId>`: the other query parts kept byte for
 * byte (as the final URL keeps the target's), an earlier drm_cid replaced,
 * the fragment last. WHATWG URL parses it, so nothing but http(s) comes out.
 */
export function withClickId(finalUrl: string, clickId: string): string {
  const url = new URL(finalUrl);
  const kept = url.search
    .slice(1)
    .split('&')
    .filter((part) => part !== '' && part.split('=', 1)[0] !== CLICK_PARAM);
  url.search = `?${[...kept, `${CLICK_PARAM}=${encodeURIComponent(clickId)}`].join('&')}`;
  return url.href;
}

const LANGUAGE_TAG = /^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$/;

/** The visitor's first Accept-Language tag, when it is a well-formed one. */
export function firstLanguage(header: string | undefined): string | null {
  const first = header?.split(',', 1)[0]?.split(';', 1)[0]?.trim();
  return first && LANGUAGE_TAG.test(first) ? first : null;
}
