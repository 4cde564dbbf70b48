/**
 * What both HTTP shells answer under `/api/` once a request is authorised
 * (the token of `drm serve`, a signed-in session of `drm serve --team`): the
 * contract's channels as `POST /api/<channel>`, file uploads, and the events
 * stream, each on the one core the caller acts in.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorCode, ApiResult } from '../../src-shared/contract/common';
import { eventNames } from '../../src-shared/contract/events';
import { isChannelName, type ChannelName } from '../../src-shared/contract/index';
import type { Caller } from '../core/handlers';
import type { Core } from '../core/types';
import { CONTENT_SECURITY_POLICY } from '../csp';
import { sendApiJson } from './api-v1/respond';
import type { UploadFolder } from './upload';

const MAX_BODY_BYTES = 1024 * 1024;

export type ChannelCore = Pick<Core, 'handlers' | 'events' | 'files'>;

/** JSON as every route of ours answers it (api-v1/respond.ts). */
export const sendJson = sendApiJson;

/** An error answer: `message` says what and how to fix it; `details` (field, reason, …) lets a page place it. */
export function refuse(
  res: ServerResponse,
  status: number,
  message: string,
  details?: Record<string, unknown>,
  code: ApiErrorCode = 'BAD_INPUT',
  headers: Record<string, string> = {},
): void {
  const body: ApiResult<never> = { ok: false, error: { code, message, ...(details === undefined ? {} : { details }) } };
  sendJson(res, status, body, headers);
}

/** 429 with Retry-After: too many failed password attempts (sign-in, password change); `details` carries retryAfter. */
export function refuseLocked(res: ServerResponse, message: string, retryAfter: number, details: Record<string, unknown> = {}): void {
  refuse(res, 429, message, { ...details, retryAfter }, 'BAD_INPUT', { 'Retry-After': String(retryAfter) });
}

/**
 * A request listener around `handle`: an error it throws becomes a 500 with
 * its message, or, once the answer has begun, a closed connection.
 */
export function answering(handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    void handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) refuse(res, 500, (error as Error).message);
      else res.destroy();
    });
  };
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
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

export interface ChannelRequest {
  core: ChannelCore;
  caller: Caller;
  uploads: UploadFolder;
  /** The page's own origin (`http://host:port`): any other Origin is a cross-site request. */
  origin: string;
  /** Channels this shell refuses (team mode: those that reach beyond the caller's tenant). */
  refused?: (channel: ChannelName) => string | undefined;
}

/** Answers an authorised request under `/api/`. */
export async function serveChannels(req: IncomingMessage, res: ServerResponse, url: URL, request: ChannelRequest): Promise<void> {
  const { core, caller, uploads } = request;
  if (url.pathname === '/api/events') return streamEvents(req, res, core);
  if (req.method !== 'POST') return refuse(res, 405, 'API channels take POST');
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== request.origin) return refuse(res, 403, 'Cross-origin request refused');
  if (url.pathname === '/api/upload') {
    // A cross-site form cannot send this type without a CORS preflight, which we never answer.
    if (req.headers['content-type'] !== 'application/octet-stream') return refuse(res, 415, 'Upload the file as application/octet-stream');
    try {
      return sendJson(res, 200, { ok: true, value: await uploads.receive(req, core.files, caller.session) });
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
  const why = request.refused?.(channel);
  if (why !== undefined) return refuse(res, 403, why);
  let input: unknown;
  try {
    input = await readJsonBody(req);
  } catch (error) {
    return refuse(res, 400, `Bad request body: ${(error as Error).message}`);
  }
  return sendJson(res, 200, await core.handlers[channel](input, caller));
}

function streamEvents(req: IncomingMessage, res: ServerResponse, core: ChannelCore): void {
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
