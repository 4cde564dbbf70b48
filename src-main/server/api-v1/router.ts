/**
 * The HTTP API under `/api/v1/` (issue 14 §3), beside the token-protected
 * shell of `drm serve`: its own authentication (Bearer API keys, looked up on
 * every request so a revoke is immediate), JSON errors, size limits and a
 * rate limit per key. The public form endpoint (no key) is forms.ts's.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiKeyScope } from '../../../src-shared/contract/api-keys';
import { createKeyAuthenticator, hasScope, type Authentication, type KeyHolder } from '../../core/api-keys/authenticate';
import { hashKey, looksLikeKey } from '../../core/api-keys/secret';
import { keyCreator } from '../../core/api-keys/service';
import { findApiKeyByHash } from '../../core/api/lookup';
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

export type ApiCore = Pick<Core, 'handlers' | 'importer' | 'files' | 'withDatabase'>;

/** The core that acts for `tenant`, or undefined when this server does not serve it. */
export type CoreOfTenant = (tenant: string) => Promise<ApiCore | undefined>;

/** One core serves one tenant (plain `drm serve`): a key or form of another is as unknown. */
export const onlyTenantOf =
  (core: ApiCore): CoreOfTenant =>
  async (tenant) =>
    (await core.withDatabase(async (_db, served) => served)) === tenant ? core : undefined;

export interface ApiV1Options {
  /** Looks keys and forms up (across tenants, through 0009's definer functions). */
  core: ApiCore;
  /** Where a key's or form's tenant is served (default: `core`, for its own tenant only; team mode: each tenant's core). */
  coreOf?: CoreOfTenant;
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
    coreOf: options.coreOf,
    uploadsFolder: options.uploadsFolder,
    perClient: createRateLimiter(options.formRateLimit ?? DEFAULT_FORM_RATE_LIMIT),
  };

  const coreOf = options.coreOf ?? onlyTenantOf(core);

  async function holderOf(req: IncomingMessage, scope: ApiKeyScope): Promise<{ holder: KeyHolder; core: ApiCore }> {
    const presented = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!presented)
      throw new ApiRefusal(401, 'UNAUTHORIZED', 'Send an API key as "Authorization: Bearer drm_…" (Settings → API keys)', undefined, {
        'WWW-Authenticate': REALM,
      });
    // The key's tenant first (across tenants), then everything else on that tenant's own connections.
    const found = looksLikeKey(presented) ? await core.withDatabase((db) => findApiKeyByHash(db, hashKey(presented))) : undefined;
    const served = found && (await coreOf(found.tenantId));
    const result: Authentication = served
      ? await served.withDatabase((db) => keys.authenticate(db, presented, req.socket.remoteAddress ?? null))
      : { ok: false, reason: 'unknown' };
    if (!served || !result.ok || result.holder.tenantId !== found?.tenantId) {
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
    return { holder: result.holder, core: served };
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
      const { holder, core: served } = await holderOf(req, 'ingest');
      requireJson(req);
      const body = parseJson(await readBody(req, MAX_INGEST_BYTES));
      // The job is the key's creator's doing (README "Who did what").
      const by = await served.withDatabase((db) => keyCreator(db, holder.apiKeyId));
      return sendApiJson(res, 200, await ingestActivities(served, options.uploadsFolder, body, by));
    }
    const formKey = /^forms\/([a-z0-9]{1,64})$/.exec(path)?.[1];
    if (formKey !== undefined) return handleFormPost(req, res, formKey, forms);
    const developer = /^developers\/([^/]+)$/.exec(path)?.[1];
    if (developer !== undefined) {
      only(req, 'GET');
      const { core: served } = await holderOf(req, 'read');
      let key: string;
      try {
        key = decodeURIComponent(developer);
      } catch {
        throw new ApiRefusal(400, 'BAD_INPUT', 'The developer in the URL has a malformed % escape');
      }
      return sendApiJson(res, 200, await getDeveloper(served, key));
    }
    if (path === 'reports/funnel' || path === 'reports/roi') {
      only(req, 'GET');
      const { core: served } = await holderOf(req, 'read');
      return sendApiJson(res, 200, path === 'reports/funnel' ? await getFunnel(served, url) : await getRoi(served, url));
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
