/**
 * `POST /api/v1/forms/<form-key>`: a sign-up form on a team's site posts
 * here, urlencoded or JSON, without an API key (the form key is public).
 * Limits: CORS only for the form's allowed origins (a browser on any other
 * origin is refused, its preflight too), a honeypot field (a filled one is
 * answered 200 and dropped, so a bot learns nothing), a size limit and a rate
 * limit per client. An accepted post becomes one `form` activity through the
 * import, like every other activity (ingest.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { findFormByKey, type FormByKey } from '../../core/api/lookup';
import { campaignName } from '../../core/forms/service';
import { ingestFormByKey } from '../../core/tenants/lookups';
import type { Core } from '../../core/types';
import type { RateLimiter } from '../../redirect/rate-limit';
import { importItems } from './ingest';
import { ApiRefusal, parseJson, readBody, sendApiJson } from './respond';

export const MAX_FORM_BYTES = 16 * 1024;

/** Post fields that feed the activity (anything else is ignored): template field ← the names forms use. */
const FIELDS: Record<string, readonly string[]> = {
  email: ['email', 'mail', 'e-mail'],
  display_name: ['name', 'display_name', 'full_name'],
  organization: ['organization', 'company'],
  anon_id: ['drm_cid', 'anon_id'],
  utm_source: ['utm_source'],
  utm_medium: ['utm_medium'],
  utm_campaign: ['utm_campaign'],
};

function corsHeaders(origin: string): Record<string, string> {
  return { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' };
}

/** The origin a browser says it posts from, when it is one the form allows; a refusal when it is another. */
function checkOrigin(req: IncomingMessage, form: FormByKey): Record<string, string> {
  const origin = req.headers.origin;
  // No Origin: not a cross-site browser request (a server-side post, curl); nothing for CORS to guard.
  if (origin === undefined) return {};
  if (!form.allowedOrigins.includes(origin))
    throw new ApiRefusal(
      403,
      'FORBIDDEN',
      `Posts from ${origin} are not allowed for this form; add the origin to the form in Settings → Forms`,
    );
  return corsHeaders(origin);
}

async function readFields(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const body = await readBody(req, MAX_FORM_BYTES);
  if (type.startsWith('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(body.toString('utf8')));
  if (type.startsWith('application/json')) {
    const parsed = parseJson(body);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
      throw new ApiRefusal(400, 'BAD_INPUT', 'Send the form fields as one JSON object');
    return parsed as Record<string, unknown>;
  }
  throw new ApiRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', 'Post the form as application/x-www-form-urlencoded or application/json');
}

function activityOf(fields: Record<string, unknown>, form: FormByKey, campaign: string | undefined) {
  const item: Record<string, string> = { occurred_at: new Date().toISOString(), action: form.action };
  for (const [field, names] of Object.entries(FIELDS)) {
    const value = names.map((n) => fields[n]).find((v) => typeof v === 'string' && v.trim() !== '');
    if (typeof value === 'string') item[field] = value.trim().slice(0, 1000);
  }
  if (campaign) item.campaign = campaign;
  return item;
}

export interface FormEndpoint {
  core: Pick<Core, 'handlers' | 'importer' | 'files' | 'withDatabase'>;
  /** Team mode: the core of the form's tenant (router.ts's CoreOfTenant); else `core` serves only its own. */
  coreOf?: (tenant: string) => Promise<Pick<Core, 'handlers' | 'importer' | 'files' | 'withDatabase'> | undefined>;
  uploadsFolder: string;
  perClient: RateLimiter;
}

export async function handleFormPost(req: IncomingMessage, res: ServerResponse, formKey: string, endpoint: FormEndpoint): Promise<void> {
  let { core } = endpoint;
  const wait = endpoint.perClient.take(req.socket.remoteAddress ?? 'unknown');
  if (wait > 0)
    throw new ApiRefusal(
      429,
      'RATE_LIMITED',
      `Too many posts; try again in ${wait} s`,
      { retryAfter: wait },
      { 'Retry-After': String(wait) },
    );
  // A form of another tenant is as unknown here as a key of another (router.ts).
  if (endpoint.coreOf) {
    const tenant = (await core.withDatabase((db) => ingestFormByKey(db, formKey)))?.tenantId;
    const served = tenant === undefined ? undefined : await endpoint.coreOf(tenant);
    if (!served) throw new ApiRefusal(404, 'NOT_FOUND', 'No such form, or it is switched off');
    core = served;
  }
  const form = await core.withDatabase((db, tenant) => findFormByKey(db, formKey, tenant));
  if (!form || !form.enabled) throw new ApiRefusal(404, 'NOT_FOUND', 'No such form, or it is switched off');
  const cors = checkOrigin(req, form);

  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      ...cors,
      'Access-Control-Allow-Methods': 'POST',
      'Access-Control-Allow-Headers': 'Content-Type',
      'Access-Control-Max-Age': '600',
    });
    return void res.end();
  }
  if (req.method !== 'POST')
    throw new ApiRefusal(405, 'METHOD_NOT_ALLOWED', 'Post the form', undefined, { Allow: 'POST, OPTIONS', ...cors });
  try {
    const fields = await readFields(req);
    const trap = form.honeypotField ? fields[form.honeypotField] : undefined;
    if (typeof trap === 'string' && trap !== '') return sendApiJson(res, 200, { received: true }, cors);
    const campaign = form.campaignId ? await core.withDatabase((db) => campaignName(db, form.tenantId, form.campaignId!)) : undefined;
    await importItems(core, endpoint.uploadsFolder, [activityOf(fields, form, campaign)], {
      source: 'form',
      fileName: `form ${form.name}`,
    });
    return sendApiJson(res, 200, { received: true }, cors);
  } catch (error) {
    // The browser must be allowed to read the refusal too.
    if (error instanceof ApiRefusal)
      throw new ApiRefusal(error.status, error.code, error.message, error.details, { ...error.headers, ...cors });
    throw error;
  }
}
