/**
 * Which links leave the app for the user's browser. The renderer shows URLs
 * that came from imported files (a resource's URL, an account's profile URL),
 * so a link is not trusted for being on the page: only https links of the
 * shapes the app itself makes — a GitHub user or repository, an X user, a
 * connpass user or event — open at once. Any other https link opens only
 * after the user has seen its full address in a dialog of the main process,
 * which the page cannot skip; anything else never opens.
 */
import { parseUrl } from '../src-shared/url';

export type LinkDecision = 'open' | 'confirm' | 'refuse';

const SEGMENT = /^[^/]+$/;

/** Host → the paths the app generates there (segments without the leading slash). */
const KNOWN_PATHS: Record<string, (segments: string[]) => boolean> = {
  // src-main/core/developers/profile.ts (users), imports/formats/github-stars.ts (a stargazers file's repository)
  'github.com': (s) => s.length === 1 || s.length === 2,
  'x.com': (s) => s.length === 1,
  'connpass.com': (s) => s.length === 2 && (s[0] === 'user' || (s[0] === 'event' && /^\d+$/.test(s[1]!))),
};

/** An https link of a service's user, repository or event page, exactly as the app makes them. */
export function isKnownServiceUrl(url: string): boolean {
  const parsed = parseUrl(url);
  if (parsed === null) return false;
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password || parsed.port || parsed.search || parsed.hash) return false;
  const check = KNOWN_PATHS[parsed.hostname];
  if (!check) return false;
  const segments = parsed.pathname.replace(/^\//, '').replace(/\/$/, '').split('/');
  return segments.every((s) => SEGMENT.test(s)) && check(segments);
}

export function linkDecision(url: string): LinkDecision {
  if (parseUrl(url)?.protocol !== 'https:') return 'refuse';
  return isKnownServiceUrl(url) ? 'open' : 'confirm';
}

export interface LinkDeps {
  openExternal(url: string): Promise<void>;
  /** Shows the full address and asks; true to open. */
  confirm(url: string): Promise<boolean>;
}

/** Opens `url` in the browser if its decision allows; answers whether it did. */
export async function openExternalLink(url: string, deps: LinkDeps): Promise<boolean> {
  const decision = linkDecision(url);
  if (decision === 'refuse') return false;
  // The normalised form: a look-alike host shows as punycode (xn--…), as it will be opened.
  const href = new URL(url).href;
  if (decision === 'confirm' && !(await deps.confirm(href))) return false;
  await deps.openExternal(href);
  return true;
}

/**
 * The dialog's text. The main process does not know the language chosen in
 * the page, so, like the start-up error page, it speaks both.
 */
export function confirmDialogText(href: string) {
  return {
    title: 'DRM Desktop',
    message: 'Open this link in your browser? / このリンクをブラウザーで開きますか？',
    detail:
      `${href}\n\n` +
      'This address came from imported data, not from DRM Desktop. Open it only if you trust it.\n' +
      'このアドレスは DRM Desktop が作ったものではなく、読み込んだデータに含まれていたものです。信頼できる場合にだけ開いてください。',
    buttons: ['Open in browser / ブラウザーで開く', 'Cancel / キャンセル'],
  };
}
