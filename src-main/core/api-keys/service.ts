/**
 * API keys of a tenant: create (the only time the key text exists outside
 * the caller), list, revoke. `created_by` is who created the key (the
 * handler's actor: README "Who did what"); keys of older versions have none.
 */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { storedScope, type ApiKeyScope, type ApiKeySummary } from '../../../src-shared/contract/api-keys';
import type { Db } from '../db/db';
import { apiKeys, users } from '../db/schema';
import { auditUserOf, joinUser, WHO_COLUMNS } from '../audit/who';
import { apiKeyUses } from '../db/schema-app';
import { CoreError } from '../errors';
import { newKey, publicIdOf } from './secret';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

function selectKeys(db: Db, tenant: string, apiKeyId?: string) {
  return db
    .select({ key: apiKeys, lastUsedAt: apiKeyUses.lastUsedAt, lastUsedFrom: apiKeyUses.lastUsedFrom, ...WHO_COLUMNS })
    .from(apiKeys)
    .leftJoin(apiKeyUses, eq(apiKeyUses.apiKeyId, apiKeys.apiKeyId))
    .leftJoin(users, joinUser(apiKeys.createdBy, apiKeys.tenantId))
    .where(and(eq(apiKeys.tenantId, tenant), apiKeyId === undefined ? undefined : eq(apiKeys.apiKeyId, apiKeyId)));
}

type Selected = Awaited<ReturnType<typeof selectKeys>>[number];

function summary({ key, lastUsedAt, lastUsedFrom, ...who }: Selected): ApiKeySummary {
  return {
    apiKeyId: key.apiKeyId,
    name: key.name,
    publicId: publicIdOf(key.apiKeyId),
    // A row written by something else with an unknown scope grants nothing rather than failing the list.
    scopes: storedScope.safeParse(key.scope ?? '').data ?? [],
    createdAt: key.createdAt.toISOString(),
    createdBy: key.createdBy,
    createdByUser: auditUserOf(who),
    lastUsedAt: iso(lastUsedAt),
    lastUsedFrom,
    revokedAt: iso(key.revokedAt),
  };
}

export async function listApiKeys(db: Db, tenant: string): Promise<ApiKeySummary[]> {
  const rows = await selectKeys(db, tenant).orderBy(desc(apiKeys.createdAt), apiKeys.apiKeyId);
  return rows.map(summary);
}

export async function getApiKey(db: Db, tenant: string, apiKeyId: string): Promise<ApiKeySummary> {
  const [row] = await selectKeys(db, tenant, apiKeyId);
  if (!row) throw new CoreError('NOT_FOUND', `No API key ${apiKeyId}: it may have been deleted with its workspace`);
  return summary(row);
}

export async function createApiKey(
  db: Db,
  tenant: string,
  fields: { name: string; scopes: ApiKeyScope[]; createdBy?: string | null },
): Promise<ApiKeySummary & { key: string }> {
  const made = newKey();
  await db.insert(apiKeys).values({
    apiKeyId: made.apiKeyId,
    tenantId: tenant,
    name: fields.name,
    hashedKey: made.hashedKey,
    scope: fields.scopes.join(' '),
    createdBy: fields.createdBy ?? null,
  });
  return { ...(await getApiKey(db, tenant, made.apiKeyId)), key: made.key };
}

/**
 * Who created a key of the session's tenant (null: nobody recorded, or not
 * one of its keys): an ingest through the key is recorded as that user's.
 */
export async function keyCreator(db: Db, apiKeyId: string): Promise<string | null> {
  const [row] = await db.select({ createdBy: apiKeys.createdBy }).from(apiKeys).where(eq(apiKeys.apiKeyId, apiKeyId));
  return row?.createdBy ?? null;
}

export async function revokeApiKey(db: Db, tenant: string, apiKeyId: string): Promise<ApiKeySummary> {
  await db
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.tenantId, tenant), eq(apiKeys.apiKeyId, apiKeyId), isNull(apiKeys.revokedAt)));
  return getApiKey(db, tenant, apiKeyId);
}
