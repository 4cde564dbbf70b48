/**
 * The HTTP shell: the same contract channels as the Electron shell, plus the
 * built renderer, on 127.0.0.1 only. Every request needs the random token the
 * shell prints in its URL (as `?token=`, a Bearer header, or the cookie the
 * first authorised page load sets); without it, everything is refused.
 * The HTTP API under `/api/v1/` (api-v1/) is the exception: it has its own
 * authentication, API keys.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { newFileSession } from '../core/files/handles';
import type { Core } from '../core/types';
import type { RateLimit } from '../redirect/rate-limit';
import { createApiV1, isApiV1Path } from './api-v1/router';
import { answering, readCookie, refuse, serveChannels } from './channels';
import { serveStatic } from './static';
import { isPageRequest, sendTokenPage } from './token-page';
import { openUploadFolder } from './upload';

const COOKIE = 'drm_token';

export interface HttpShellOptions {
  core: Pick<Core, 'handlers' | 'events' | 'files' | 'importer' | 'withDatabase'>;
  /** The built renderer (`out/renderer`). */
  rendererDir: string;
  /** The per-user folder this shell makes its private uploads folder in (default: in the temp folder). */
  uploadsRoot?: string;
  port?: number;
  token?: string;
  /** Requests per API key, and form posts per client, under /api/v1/ (defaults: router.ts's). */
  keyRateLimit?: RateLimit;
  formRateLimit?: RateLimit;
}

export interface HttpShell {
  /** The URL to open, token included. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export async function startHttpShell(options: HttpShellOptions): Promise<HttpShell> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const { core } = options;
  let port = 0;
  // The file handles this shell's page may use; they and the uploaded copies end with the shell.
  const session = newFileSession('http');
  const uploads = await openUploadFolder(options.uploadsRoot);
  const apiV1 = createApiV1({
    core,
    uploadsFolder: uploads.path,
    keyRateLimit: options.keyRateLimit,
    formRateLimit: options.formRateLimit,
  });

  const authorised = (req: IncomingMessage, url: URL): 'query' | 'other' | undefined => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer && sameSecret(bearer, token)) return 'other';
    const cookie = readCookie(req, COOKIE);
    if (cookie && sameSecret(cookie, token)) return 'other';
    const query = url.searchParams.get('token');
    if (query && sameSecret(query, token)) return 'query';
    return undefined;
  };

  const server: Server = createServer(answering(handle));

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Before the host check: a key (or a public form key) is what authorises here, which a rebinding page does not have.
    const path = new URL(req.url ?? '/', 'http://api.invalid');
    if (isApiV1Path(path.pathname)) return apiV1(req, res, path);
    // Only our own loopback names: a DNS-rebinding page cannot reach us by another host name.
    const host = req.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) return refuse(res, 403, 'Unknown host');
    const url = new URL(req.url ?? '/', `http://${host}`);
    const auth = authorised(req, url);
    if (!auth) {
      if (isPageRequest(req, url.pathname)) return sendTokenPage(req, res);
      return refuse(res, 401, 'Missing or wrong token: open the URL that `drm serve` printed');
    }
    if (auth === 'query') {
      // The first page load carries the token in its URL; later requests (assets, API) use the cookie.
      res.setHeader('Set-Cookie', `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    if (url.pathname.startsWith('/api/'))
      return serveChannels(req, res, url, { core, caller: { session }, uploads, origin: `http://${host}` });
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
    return serveStatic(options.rendererDir, url.pathname, req, res);
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await uploads.remove();
    throw error;
  }
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          void core.files
            .endSession(session)
            .then(() => uploads.remove())
            .then(() => resolve());
        });
        server.closeAllConnections();
      }),
  };
}
