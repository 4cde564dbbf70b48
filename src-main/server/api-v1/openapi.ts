/**
 * `GET /api/v1/openapi.json`: an OpenAPI 3.1 document generated from the
 * zod shapes the handlers use (schemas.ts), so it describes what is served.
 * A test validates real responses of every endpoint against it.
 */
import { z } from 'zod';
import { apiKeyScopes } from '../../../src-shared/contract/api-keys';
import { APP_VERSION } from '../../core/version';
import {
  activityItem,
  developerJson,
  errorBody,
  formPost,
  formReceived,
  funnelJsonShape,
  ingestResult,
  itemError,
  MAX_ITEMS,
  roiJsonShape,
} from './schemas';

const schemas = {
  ActivityItem: activityItem,
  ItemError: itemError,
  IngestResult: ingestResult,
  Error: errorBody,
  Developer: developerJson,
  Funnel: funnelJsonShape,
  Roi: roiJsonShape,
  FormPost: formPost,
  FormReceived: formReceived,
} as const;
type SchemaName = keyof typeof schemas;

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const ref = (name: SchemaName) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: SchemaName, description: string) => ({ description, content: { 'application/json': { schema: ref(name) } } });
const error = (description: string) => json('Error', description);
const keyErrors = {
  '401': error('No key, a wrong key, or a revoked one (WWW-Authenticate says which)'),
  '403': error('The key lacks the scope'),
  '429': error('Too many requests with this key (Retry-After says when to try again)'),
};
const query = (name: string, description: string, required = false) => ({
  name,
  in: 'query',
  required,
  description,
  schema: { type: 'string' },
});

let cached: Record<string, unknown> | undefined;

export function openApiDocument(): Record<string, unknown> {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'DRM Desktop HTTP API',
      version: APP_VERSION,
      description: `Bearer API keys (Settings → API keys, or drm api-keys create) with scopes ${apiKeyScopes.join(', ')}; admin holds every scope.`,
    },
    components: {
      securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'drm_<public id>_<secret>' } },
      schemas: Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, jsonSchema(schema)])),
    },
    paths: {
      '/api/v1/activities': {
        post: {
          summary: `Import up to ${MAX_ITEMS} activities (scope ingest): all or none, source api, deduplicated like a CSV import`,
          security: [{ apiKey: ['ingest'] }],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { type: 'array', maxItems: MAX_ITEMS, items: ref('ActivityItem') } } },
          },
          responses: {
            '200': json('IngestResult', 'Imported (an import job is recorded in the import history)'),
            '400': error('Not a JSON array, or empty'),
            ...keyErrors,
            '413': error(`Over ${MAX_ITEMS} items or over the size limit`),
            '415': error('Not application/json'),
            '422': error('Items with problems (details.errors: index, field, message); nothing was imported'),
          },
        },
      },
      '/api/v1/forms/{formKey}': {
        post: {
          summary: 'A sign-up form post (no key: the form key is public); becomes a form activity with the form’s action and campaign',
          security: [],
          parameters: [
            { name: 'formKey', in: 'path', required: true, description: 'The form’s key (Settings → Forms)', schema: { type: 'string' } },
          ],
          requestBody: {
            required: true,
            content: { 'application/x-www-form-urlencoded': { schema: ref('FormPost') }, 'application/json': { schema: ref('FormPost') } },
          },
          responses: {
            '200': json('FormReceived', 'Received (also when the honeypot field was filled: the post is dropped)'),
            '403': error('Posted from an origin the form does not allow'),
            '404': error('No such form, or it is switched off'),
            '413': error('The post is over 16 KiB'),
            '415': error('Neither urlencoded nor JSON'),
            '422': error('The post says nobody (no email): details.errors'),
            '429': error('Too many posts from this client (Retry-After)'),
          },
        },
        options: {
          summary: 'CORS preflight: 204 with Access-Control-Allow-Origin for an allowed origin, 403 for any other',
          security: [],
          parameters: [{ name: 'formKey', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '204': { description: 'Allowed' }, '403': error('Origin not allowed'), '404': error('No such form') },
        },
      },
      '/api/v1/developers/{developer}': {
        get: {
          summary: 'One developer, by email or id (scope read): the JSON of drm developer show --json',
          security: [{ apiKey: ['read'] }],
          parameters: [
            { name: 'developer', in: 'path', required: true, description: 'An email or a developer id', schema: { type: 'string' } },
          ],
          responses: { '200': json('Developer', 'The developer'), ...keyErrors, '404': error('No such developer') },
        },
      },
      '/api/v1/reports/funnel': {
        get: {
          summary: 'The funnel for a period (scope read): the JSON of drm report funnel --json',
          security: [{ apiKey: ['read'] }],
          parameters: [
            query('from', 'First day, YYYY-MM-DD', true),
            query('to', 'Day after the last, YYYY-MM-DD (excluded)', true),
            query('campaignId', 'Only this campaign'),
            query('source', 'Only this source'),
          ],
          responses: { '200': json('Funnel', 'The funnel'), '400': error('Bad or missing parameters'), ...keyErrors },
        },
      },
      '/api/v1/reports/roi': {
        get: {
          summary: 'Campaign ROI (scope read): the JSON of drm report roi --json',
          security: [{ apiKey: ['read'] }],
          parameters: [
            query('from', 'First day, YYYY-MM-DD'),
            query('to', 'Day after the last, YYYY-MM-DD (excluded)'),
            query('model', 'Attribution model: linear, first or last'),
            query('lookbackDays', 'Days before a conversion that count, 1–365'),
          ],
          responses: { '200': json('Roi', 'ROI per campaign'), '400': error('Bad parameters'), ...keyErrors },
        },
      },
    },
  };
  return cached;
}
