/**
 * Which door the preload opens for the page it runs in. The window shows
 * either the app's own renderer, which gets `window.api` (the contract), or
 * the team server it was handed to, which gets only `window.drmDesktop` (the
 * way back): the team server's page must not see `window.api`, or it would
 * take itself for the desktop app and talk IPC instead of its own HTTP API.
 * The shell lets no other http(s) page into the window, and the main process
 * checks the sender's origin again on every call, so this only decides what
 * the page sees, not what it may do.
 */
import { RENDERER_ARGUMENT } from '../src-shared/contract/desktop';

export type PageRole = 'app' | 'team' | 'none';

/** `href` is the page's address; `argv` carries RENDERER_ARGUMENT (`file`, the default, or the dev server's origin). */
export function pageRole(href: string | undefined, argv: readonly string[]): PageRole {
  if (href === undefined) return 'none';
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return 'none';
  }
  const renderer = argv.find((arg) => arg.startsWith(RENDERER_ARGUMENT))?.slice(RENDERER_ARGUMENT.length) ?? 'file';
  if (renderer === 'file' ? url.protocol === 'file:' : url.origin === renderer) return 'app';
  return url.protocol === 'https:' || url.protocol === 'http:' ? 'team' : 'none';
}
