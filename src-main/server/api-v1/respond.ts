/**
 * How the HTTP API under `/api/v1/` answers: JSON, and every refusal as
 * `{ error: { code, message, details? } }` with the status that fits it.
 * Handlers throw an `ApiRefusal`; the router turns it into the answer.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from '../../../src-shared/contract/common';

export const apiErrorCodes = [
  'BAD_INPUT',
  'INVALID_ITEMS',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'METHOD_NOT_ALLOWED',
  'TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ApiV1ErrorCode = (typeof apiErrorCodes)[number];

export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiV1ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiRefusal';
  }
}

export function sendApiJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(JSON.stringify(body));
}

export function sendRefusal(res: ServerResponse, refusal: ApiRefusal, headers: Record<string, string> = {}): void {
  const error =
    refusal.details === undefined
      ? { code: refusal.code, message: refusal.message }
      : { code: refusal.code, message: refusal.message, details: refusal.details };
  sendApiJson(res, refusal.status, { error }, { ...headers, ...refusal.headers });
}

const STATUS: Record<ApiError['code'], [number, ApiV1ErrorCode]> = {
  BAD_INPUT: [400, 'BAD_INPUT'],
  NOT_FOUND: [404, 'NOT_FOUND'],
  CONFLICT: [409, 'CONFLICT'],
  UNAVAILABLE: [503, 'UNAVAILABLE'],
  INTERNAL: [500, 'INTERNAL'],
};

/** A channel's error as the API's refusal. */
export function refusalOf(error: ApiError): ApiRefusal {
  const [status, code] = STATUS[error.code];
  return new ApiRefusal(status, code, error.message, error.details);
}

/** The body, up to `limit` bytes: past it the request is refused (413) without reading the rest. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const tooLarge = () => new ApiRefusal(413, 'TOO_LARGE', `The request body is over ${limit} bytes`, { limit });
  if (Number(req.headers['content-length'] ?? 0) > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new ApiRefusal(400, 'BAD_INPUT', `The body is not JSON: ${(error as Error).message}`);
  }
}

export function requireJson(req: IncomingMessage): void {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    throw new ApiRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send JSON (Content-Type: application/json)');
}
