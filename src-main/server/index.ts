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
import type { ApiResult } from '../../src-shared/contract/common';
import { eventNames } from '../../src-shared/contract/events';
import { isChannelName } from '../../src-shared/contract/index';
import { newFileSession } from '../core/files/handles';
import type { Core } from '../core/types';
import type { RateLimit } from '../redirect/rate-limit';
import { CONTENT_SECURITY_POLICY } from '../csp';
import { createApiV1, isApiV1Path } from './api-v1/router';
import { serveStatic } from './static';
import { isPageRequest, sendTokenPage } from './token-page';
import { openUploadFolder } from './upload';

const COOKIE = 'drm_token';
const MAX_BODY_BYTES = 1024 * 1024;

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

function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}

function refuse(res: ServerResponse, status: number, message: string): void {
  const body: ApiResult<never> = { ok: false, error: { code: 'BAD_INPUT', message } };
  sendJson(res, status, body);
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`Request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text.length === 0 ? {} : JSON.parse(text);
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

  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) refuse(res, 500, (error as Error).message);
      else res.destroy();
    });
  });

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

    if (url.pathname === '/api/events') return streamEvents(req, res);
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return refuse(res, 405, 'API channels take POST');
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://${host}`) return refuse(res, 403, 'Cross-origin request refused');
      if (url.pathname === '/api/upload') {
        // A cross-site form cannot send this type without a CORS preflight, which we never answer.
        if (req.headers['content-type'] !== 'application/octet-stream')
          return refuse(res, 415, 'Upload the file as application/octet-stream');
        try {
          return sendJson(res, 200, { ok: true, value: await uploads.receive(req, core.files, session) });
        } catch (error) {
          return refuse(res, 400, `Upload failed: ${(error as Error).message}`);
        }
      }
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? ''))
        return refuse(res, 415, 'Send JSON (Content-Type: application/json)');
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      } catch {
        return refuse(res, 400, `Bad channel name in the URL (a malformed % escape): ${url.pathname}`);
      }
      if (!isChannelName(channel)) return refuse(res, 404, `Unknown channel ${channel}`);
      let input: unknown;
      try {
        input = await readJsonBody(req);
      } catch (error) {
        return refuse(res, 400, `Bad request body: ${(error as Error).message}`);
      }
      return sendJson(res, 200, await core.handlers[channel](input, { session }));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, 'Method not allowed');
    return serveStatic(options.rendererDir, url.pathname, req, res);
  }

  function streamEvents(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    });
    res.write(': connected\n\n');
    const unsubscribe = eventNames.map((name) =>
      core.events.on(name, (payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`)),
    );
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      for (const off of unsubscribe) off();
    });
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
