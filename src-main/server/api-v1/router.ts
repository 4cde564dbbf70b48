/**
 * The HTTP API under `/api/v1/` (issue 14 §3), beside the token-protected
 * shell of `drm serve`: its own authentication (Bearer API keys, looked up on
 * every request so a revoke is immediate), JSON errors, size limits and a
 * rate limit per key. The public form endpoint (no key) is forms.ts's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiKeyScope } from '../../../src-shared/contract/api-keys';
import { createKeyAuthenticator, hasScope, type KeyHolder } from '../../core/api-keys/authenticate';
import { keyCreator } from '../../core/api-keys/service';
import type { Core } from '../../core/types';
import { createRateLimiter, type RateLimit } from '../../redirect/rate-limit';
import { handleFormPost } from './forms';
import { ingestActivities } from './ingest';
import { openApiDocument } from './openapi';
import { getDeveloper, getFunnel, getRoi } from './read';
import { ApiRefusal, parseJson, readBody, requireJson, sendApiJson, sendRefusal } from './respond';

export const API_PREFIX = '/api/v1/';
/** 10,000 activities of a few hundred bytes each, with room to spare. */
export const MAX_INGEST_BYTES = 16 * 1024 * 1024;
export const DEFAULT_KEY_RATE_LIMIT: RateLimit = { burst: 120, perSecond: 20 };
/** A person submits a form once; a few retries are fine, a script is not. */
export const DEFAULT_FORM_RATE_LIMIT: RateLimit = { burst: 10, perSecond: 0.2 };

export interface ApiV1Options {
  core: Pick<Core, 'handlers' | 'importer' | 'files' | 'withDatabase'>;
  /** The shell's private folder: an ingest's items are written there as the CSV the import reads. */
  uploadsFolder: string;
  keyRateLimit?: RateLimit;
  /** Form posts per client address. */
  formRateLimit?: RateLimit;
}

export type ApiV1 = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

const REALM = 'Bearer realm="drm"';

export const isApiV1Path = (pathname: string) => pathname === '/api/v1' || pathname.startsWith(API_PREFIX);

export function createApiV1(options: ApiV1Options): ApiV1 {
  const { core } = options;
  const keys = createKeyAuthenticator();
  const perKey = createRateLimiter(options.keyRateLimit ?? DEFAULT_KEY_RATE_LIMIT);
  const forms = {
    core,
    uploadsFolder: options.uploadsFolder,
    perClient: createRateLimiter(options.formRateLimit ?? DEFAULT_FORM_RATE_LIMIT),
  };

  async function holderOf(req: IncomingMessage, scope: ApiKeyScope): Promise<KeyHolder> {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!presented)
      throw new ApiRefusal(401, 'UNAUTHORIZED', 'Send an API key as "Authorization: Bearer drm_…" (Settings → API keys)', undefined, {
        'WWW-Authenticate': REALM,
      });
    const { result, served } = await core.withDatabase(async (db, tenant) => ({
      result: await keys.authenticate(db, presented, req.socket.remoteAddress ?? null),
      served: tenant,
    }));
    // This server answers for the session's tenant; a key of another is as unknown here (team mode, issue 14 §2, routes by tenant).
    if (!result.ok || result.holder.tenantId !== served) {
      const why = result.ok || result.reason !== 'revoked' ? 'is not a valid API key' : 'has been revoked';
      throw new ApiRefusal(401, 'UNAUTHORIZED', `The key ${why}`, undefined, {
        'WWW-Authenticate': `${REALM}, error="invalid_token"`,
      });
    }
    const wait = perKey.take(result.holder.apiKeyId);
    if (wait > 0)
      throw new ApiRefusal(
        429,
        'RATE_LIMITED',
        `Too many requests with this key; try again in ${wait} s`,
        { retryAfter: wait },
        {
          'Retry-After': String(wait),
        },
      );
    if (!hasScope(result.holder, scope))
      throw new ApiRefusal(
        403,
        'FORBIDDEN',
        `This key lacks the "${scope}" scope (its scopes: ${result.holder.scopes.join(' ')})`,
        undefined,
        {
          'WWW-Authenticate': `${REALM}, error="insufficient_scope", scope="${scope}"`,
        },
      );
    return result.holder;
  }

  const only = (req: IncomingMessage, method: 'GET' | 'POST') => {
    if (req.method !== method && !(method === 'GET' && req.method === 'HEAD'))
      throw new ApiRefusal(405, 'METHOD_NOT_ALLOWED', `Use ${method} here`, undefined, { Allow: method });
  };

  async function route(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice(API_PREFIX.length);
    if (path === 'openapi.json') {
      only(req, 'GET');
      return sendApiJson(res, 200, openApiDocument());
    }
    if (path === 'activities') {
      only(req, 'POST');
      const holder = await holderOf(req, 'ingest');
      requireJson(req);
      const body = parseJson(await readBody(req, MAX_INGEST_BYTES));
      // The job is the key's creator's doing (README "Who did what").
      const by = await core.withDatabase((db) => keyCreator(db, holder.apiKeyId));
      return sendApiJson(res, 200, await ingestActivities(core, options.uploadsFolder, body, by));
    }
    const formKey = /^forms\/([a-z0-9]{1,64})$/.exec(path)?.[1];
    if (formKey !== undefined) return handleFormPost(req, res, formKey, forms);
    const developer = /^developers\/([^/]+)$/.exec(path)?.[1];
    if (developer !== undefined) {
      only(req, 'GET');
      await holderOf(req, 'read');
      let key: string;
      try {
        key = decodeURIComponent(developer);
      } catch {
        throw new ApiRefusal(400, 'BAD_INPUT', 'The developer in the URL has a malformed % escape');
      }
      return sendApiJson(res, 200, await getDeveloper(core, key));
    }
    if (path === 'reports/funnel' || path === 'reports/roi') {
      only(req, 'GET');
      await holderOf(req, 'read');
      return sendApiJson(res, 200, path === 'reports/funnel' ? await getFunnel(core, url) : await getRoi(core, url));
    }
    throw new ApiRefusal(404, 'NOT_FOUND', `No endpoint ${url.pathname}; the endpoints are listed in ${API_PREFIX}openapi.json`);
  }

  return async (req, res, url) => {
    try {
      await route(req, res, url);
    } catch (error) {
      if (res.headersSent) return void res.destroy();
      const refusal = error instanceof ApiRefusal ? error : new ApiRefusal(500, 'INTERNAL', (error as Error).message || 'Internal error');
      // A refused upload is not read to its end: close the connection rather than leave the client writing.
      if (refusal.status === 413) res.setHeader('Connection', 'close');
      sendRefusal(res, refusal);
    }
  };
}
