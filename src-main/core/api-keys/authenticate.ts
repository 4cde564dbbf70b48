/**
 * Who a presented API key is: looked up by its hash on every request, so a
 * revoke takes effect at the next one (nothing about a key's validity is
 * cached). Its last use is written at most about once a minute per key: the
 * process remembers when it last wrote, and the upsert's condition keeps
 * several processes from writing more often either.
 */
import { sql } from 'drizzle-orm';
import { storedScope, type ApiKeyScope } from '../../../src-shared/contract/api-keys';
import { findApiKeyByHash } from '../api/lookup';
import type { Db } from '../db/db';
import { apiKeyUses } from '../db/schema-app';
import { hashKey, looksLikeKey } from './secret';

const USE_INTERVAL_MS = 60_000;

export interface KeyHolder {
  apiKeyId: string;
  tenantId: string;
  scopes: ApiKeyScope[];
}

export type Authentication = { ok: true; holder: KeyHolder } | { ok: false; reason: 'malformed' | 'unknown' | 'revoked' };

export interface KeyAuthenticator {
  authenticate(db: Db, presented: string, from: string | null): Promise<Authentication>;
}

export function createKeyAuthenticator(): KeyAuthenticator {
  const lastWritten = new Map<string, number>();

  async function recordUse(db: Db, holder: KeyHolder, from: string | null): Promise<void> {
    const now = Date.now();
    if (now - (lastWritten.get(holder.apiKeyId) ?? 0) < USE_INTERVAL_MS) return;
    lastWritten.set(holder.apiKeyId, now);
    await db
      .insert(apiKeyUses)
      .values({ apiKeyId: holder.apiKeyId, tenantId: holder.tenantId, lastUsedAt: sql`now()`, lastUsedFrom: from })
      .onConflictDoUpdate({
        target: apiKeyUses.apiKeyId,
        set: { lastUsedAt: sql`now()`, lastUsedFrom: from },
        setWhere: sql`${apiKeyUses.lastUsedAt} < now() - interval '1 minute'`,
      });
  }

  return {
    async authenticate(db, presented, from) {
      if (!looksLikeKey(presented)) return { ok: false, reason: 'malformed' };
      const hash = hashKey(presented);
      const row = await findApiKeyByHash(db, hash);
      // Matched by equality on the stored hash: a SHA-256 of 256 random bits leaks nothing by its timing.
      if (!row) return { ok: false, reason: 'unknown' };
      if (row.revokedAt !== null) return { ok: false, reason: 'revoked' };
      const holder: KeyHolder = {
        apiKeyId: row.apiKeyId,
        tenantId: row.tenantId,
        scopes: storedScope.safeParse(row.scope ?? '').data ?? [],
      };
      await recordUse(db, holder, from);
      return { ok: true, holder };
    },
  };
}

/** `admin` holds every scope. */
export const hasScope = (holder: KeyHolder, scope: ApiKeyScope) => holder.scopes.includes(scope) || holder.scopes.includes('admin');
