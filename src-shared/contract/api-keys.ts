/**
 * API keys (issue 14 §3): what a script or a team's site presents to the
 * HTTP API under `/api/v1/`. A key is shown once, when it is created; the
 * app keeps only its SHA-256. Its public id (the part after `drm_`) stays
 * visible so that the list can say which key is which.
 */
import { z } from 'zod';
import { auditUser, emptyInput, uuid } from './common';

import { apiKeyScopes } from './values';

export { apiKeyScopes, type ApiKeyScope } from './values';

const scopeList = z
  .array(z.enum(apiKeyScopes))
  .min(1, 'give at least one scope (ingest, read, admin)')
  .transform((scopes) => apiKeyScopes.filter((s) => scopes.includes(s)));

/** How `api_keys.scope` holds the scopes: space-separated names, in the order of apiKeyScopes. */
export const storedScope = z
  .string()
  .transform((text) => text.split(/\s+/).filter(Boolean))
  .pipe(scopeList);

export const apiKeySummary = z.object({
  apiKeyId: z.string(),
  name: z.string(),
  /** `drm_<publicId>_…`: what the list shows of the key. */
  publicId: z.string(),
  scopes: z.array(z.enum(apiKeyScopes)),
  createdAt: z.string(),
  /** The id of the user who created it; null for keys created before the app recorded it. */
  createdBy: z.string().nullable(),
  /** That user's name and email, when the user is one of this workspace's. */
  createdByUser: auditUser.nullable(),
  lastUsedAt: z.string().nullable(),
  lastUsedFrom: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeySummary = z.infer<typeof apiKeySummary>;

export const apiKeyChannels = {
  'api-keys:create': {
    input: z
      .object({
        name: z.string().trim().min(1, 'give the key a name (who or what uses it)').max(200),
        scopes: scopeList,
      })
      .strict(),
    /** `key` is the secret: this answer is the only time it is ever shown. */
    output: apiKeySummary.extend({ key: z.string() }),
  },
  'api-keys:list': { input: emptyInput, output: z.array(apiKeySummary) },
  /** Takes effect at once: the next request with the key is refused. Revoking a revoked key keeps its first time. */
  'api-keys:revoke': { input: z.object({ apiKeyId: uuid }).strict(), output: apiKeySummary },
} as const;
