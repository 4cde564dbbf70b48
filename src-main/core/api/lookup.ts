/**
 * The two lookups of the HTTP API that cannot know the tenant beforehand: a
 * presented API key (by its hash) and a public form key. Under row-level
 * security the session's connections see only their own tenant, so these go
 * through migration 0009's SECURITY DEFINER functions (tenants/lookups.ts),
 * which answer one key's row with its tenant and nothing else; the caller
 * then compares that tenant with the one it serves.
 */
import type { Db } from '../db/db';
import { ingestForms } from '../db/schema-app';
import { apiKeyByHash, ingestFormByKey, type ApiKeyLookup, type IngestFormLookup } from '../tenants/lookups';
import { and, eq } from 'drizzle-orm';

/** The key whose stored SHA-256 is `hash`, in whichever tenant holds it. */
export function findApiKeyByHash(db: Db, hash: string): Promise<ApiKeyLookup | undefined> {
  return apiKeyByHash(db, hash);
}

export type FormByKey = IngestFormLookup & { name: string };

/**
 * The form with this key, when it belongs to `tenant` (the one the server
 * serves): its tenant comes from the definer function, its name from the
 * tenant's own rows.
 */
export async function findFormByKey(db: Db, formKey: string, tenant: string): Promise<FormByKey | undefined> {
  const form = await ingestFormByKey(db, formKey);
  if (!form || form.tenantId !== tenant) return undefined;
  const [row] = await db
    .select({ name: ingestForms.name })
    .from(ingestForms)
    .where(and(eq(ingestForms.tenantId, tenant), eq(ingestForms.formKey, formKey)));
  return row && { ...form, name: row.name };
}
