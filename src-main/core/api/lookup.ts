/**
 * The two lookups of the HTTP API that cannot know the tenant beforehand: a
 * presented API key (by its hash) and a public form key. They are the only
 * queries of the app that read across tenants; under row-level security they
 * become SECURITY DEFINER functions (issue 14 §1), so keep them here, small,
 * and returning only what the caller needs to pick the tenant.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/db';
import { apiKeys } from '../db/schema';
import { ingestForms } from '../db/schema-app';

export interface KeyByHash {
  apiKeyId: string;
  tenantId: string;
  hashedKey: string;
  scope: string | null;
  revokedAt: Date | null;
}

export async function findApiKeyByHash(db: Db, hash: string): Promise<KeyByHash | undefined> {
  const [row] = await db
    .select({
      apiKeyId: apiKeys.apiKeyId,
      tenantId: apiKeys.tenantId,
      hashedKey: apiKeys.hashedKey,
      scope: apiKeys.scope,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.hashedKey, hash))
    .limit(1);
  return row;
}

export type FormByKey = typeof ingestForms.$inferSelect;

export async function findFormByKey(db: Db, formKey: string): Promise<FormByKey | undefined> {
  const [row] = await db.select().from(ingestForms).where(eq(ingestForms.formKey, formKey)).limit(1);
  return row;
}
