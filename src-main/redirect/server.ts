/**
 * `drm shortlinks serve`: a small redirect server on Node's own http (a
 * handful of routes need no framework). `GET /<key>` answers 302 to the
 * link's final URL with `drm_cid` appended and sets the first-party click-id
 * cookie; the click is recorded in batches (core/shortlinks/click-batch.ts).
 *
 * It holds no IP address anywhere but in the rate limiter's memory, reads no
 * request body, bounds the request head (maxHeaderSize, URL length), answers
 * `/` and `/favicon.ico` without the database (a health check), and never
 * redirects to a stored target that is not http(s) (500, logged).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { targetProblem } from '../../src-shared/shortlinks';
import type { Db } from '../core/db/db';
import { DEFAULT_TENANT } from '../core/db/seed';
import { startCore } from '../core/index';
import { createClickBatcher } from '../core/shortlinks/click-batch';
import { clickDedupKey, recordClicks, type Click } from '../core/shortlinks/clicks';
import { finalUrlOf, findByKey } from '../core/shortlinks/service';
import type { Core, StartCoreOptions } from '../core/types';
import { clickCookie, clickIdFromCookie, firstLanguage, keyOfPath, newClickId, withClickId } from './answer';
import { createRateLimiter, DEFAULT_RATE_LIMIT, type RateLimit } from './rate-limit';

/** Request line and headers together; Node answers 431 past it. */
export const MAX_HEADER_BYTES = 8 * 1024;
/** Longest request target answered (a key is at most 64 characters; the rest is a client's query). */
const MAX_URL = 2048;

export type RedirectDatabase = { db: Db } | { core: Core } | StartCoreOptions;

export type RedirectServerOptions = RedirectDatabase & {
  port?: number;
  host?: string;
  tenant?: string;
  rateLimit?: RateLimit;
  /** Key the rate limit by the last X-Forwarded-For address (and trust X-Forwarded-Proto): only behind your own proxy. */
  trustProxy?: boolean;
  batch?: { maxClicks?: number; intervalMs?: number };
  /** Operational lines (never an address, cookie or query). Default: stderr. */
  log?: (line: string) => void;
};

export interface RedirectServer {
  /** `http://HOST:PORT/`, what the CLI prints. */
  url: string;
  port: number;
  /** Writes the clicks not yet written. */
  flush(): Promise<void>;
  /** Stops listening, writes pending clicks, and stops what this server started (its core). */
  close(): Promise<void>;
}

const TEXT = { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

function plain(res: http.ServerResponse, status: number, body: string, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { ...TEXT, ...headers });
  res.end(res.req.method === 'HEAD' ? undefined : `${body}\n`);
}

/** Where the database is: a Db the caller owns, a started core, or one this server starts (and stops on close). */
async function openTarget(
  options: RedirectDatabase,
): Promise<{ run: <T>(work: (db: Db) => Promise<T>) => Promise<T>; stop(): Promise<void> }> {
  if ('db' in options) return { run: (work) => work(options.db), stop: async () => undefined };
  if ('core' in options) return { run: (work) => options.core.withDatabase(work), stop: async () => undefined };
  const core = await startCore(options);
  return { run: (work) => core.withDatabase(work), stop: () => core.stop() };
}

const lastForwarded = (header: string | string[] | undefined): string | undefined =>
  (Array.isArray(header) ? header.join(',') : header)?.split(',').pop()?.trim() || undefined;

export async function startRedirectServer(options: RedirectServerOptions): Promise<RedirectServer> {
  const tenant = options.tenant ?? DEFAULT_TENANT;
  const log = options.log ?? ((line: string) => process.stderr.write(`drm shortlinks serve: ${line}\n`));
  const limiter = createRateLimiter(options.rateLimit ?? DEFAULT_RATE_LIMIT);
  const target = await openTarget(options);
  const batcher = createClickBatcher({
    write: (clicks) => target.run((db) => recordClicks(db, tenant, clicks)),
    onError: (error, lost) => log(`${lost} click(s) could not be recorded: ${(error as Error).message}`),
    ...options.batch,
  });

  async function answer(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    if (url === '/' || url === '/favicon.ico') {
      if (url === '/') plain(res, 200, 'DRM short-link redirect: ok');
      else res.writeHead(204, { 'cache-control': 'max-age=86400' }).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed', { allow: 'GET, HEAD' });
    if (url.length > MAX_URL) return plain(res, 414, 'URI too long');
    const client = (options.trustProxy ? lastForwarded(req.headers['x-forwarded-for']) : undefined) ?? req.socket.remoteAddress ?? '';
    const wait = limiter.take(client);
    if (wait > 0) return plain(res, 429, 'Too many requests', { 'retry-after': String(wait) });
    const key = keyOfPath(url);
    const link = key === undefined ? undefined : await target.run((db) => findByKey(db, tenant, key));
    if (!link) return plain(res, 404, 'No such short link');
    if (targetProblem(link.targetUrl) !== null) {
      log(`refused to redirect /${link.key}: its stored target is not an http(s) URL (edit the link)`);
      return plain(res, 500, 'This short link cannot be followed');
    }
    const clickId = clickIdFromCookie(req.headers.cookie) ?? newClickId();
    const secure = options.trustProxy === true && req.headers['x-forwarded-proto'] === 'https';
    res.writeHead(302, {
      location: withClickId(finalUrlOf(link), clickId),
      'set-cookie': clickCookie(clickId, secure),
      'cache-control': 'no-store',
      'referrer-policy': 'no-referrer-when-downgrade',
      'content-length': '0',
    });
    res.end();
    if (req.method === 'HEAD') return;
    const occurredAt = new Date();
    const click: Click = {
      shortlinkId: link.shortlinkId,
      occurredAt,
      clickId,
      referrer: req.headers.referer ?? null,
      userAgent: req.headers['user-agent'] ?? null,
      lang: firstLanguage(req.headers['accept-language']),
      dedupKey: clickDedupKey(tenant, link.shortlinkId, occurredAt, clickId),
    };
    batcher.add(click);
  }

  const server = http.createServer({ maxHeaderSize: MAX_HEADER_BYTES, requestTimeout: 10_000, headersTimeout: 5_000 }, (req, res) => {
    answer(req, res).catch((error: unknown) => {
      log(`could not answer a request: ${(error as Error).message}`);
      if (!res.headersSent) plain(res, 503, 'Temporarily unavailable');
      else res.destroy();
    });
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    await target.stop();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}/`,
    port: address.port,
    flush: () => batcher.flush(),
    close: () =>
      (closing ??= (async () => {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await batcher.flush();
        await target.stop();
      })()),
  };
}
