/**
 * The lookups that must cross tenants before one is known, over migration
 * 0009's SECURITY DEFINER functions: a request's API key, a public form's key,
 * a sign-in's email. Each answers the row(s) of one key with its tenant, which
 * the caller then opens a session on; nothing else of another tenant is read.
 */
import type { Db } from '../db/db';

export interface ApiKeyLookup {
  apiKeyId: string;
  tenantId: string;
  scope: string | null;
  revokedAt: Date | null;
}

export interface IngestFormLookup {
  formKey: string;
  tenantId: string;
  allowedOrigins: string[];
  honeypotField: string | null;
  action: string;
  campaignId: string | null;
  enabled: boolean;
}

export interface UserLookup {
  userId: string;
  tenantId: string;
  passwordHash: string | null;
  disabled: boolean;
}

/** The key whose `hashed_key` is `hash` (SHA-256 hex), in whichever tenant holds it. */
export async function apiKeyByHash(db: Db, hash: string): Promise<ApiKeyLookup | undefined> {
  const { rows } = await db.$client.query<{ api_key_id: string; tenant_id: string; scope: string | null; revoked_at: Date | null }>(
    'select * from app.api_key_by_hash($1)',
    [hash],
  );
  const r = rows[0];
  return r && { apiKeyId: r.api_key_id, tenantId: r.tenant_id, scope: r.scope, revokedAt: r.revoked_at };
}

export async function ingestFormByKey(db: Db, key: string): Promise<IngestFormLookup | undefined> {
  const { rows } = await db.$client.query<{
    form_key: string;
    tenant_id: string;
    allowed_origins: string[];
    honeypot_field: string | null;
    action: string;
    campaign_id: string | null;
    enabled: boolean;
  }>('select * from app.ingest_form_by_key($1)', [key]);
  const r = rows[0];
  return (
    r && {
      formKey: r.form_key,
      tenantId: r.tenant_id,
      allowedOrigins: r.allowed_origins,
      honeypotField: r.honeypot_field,
      action: r.action,
      campaignId: r.campaign_id,
      enabled: r.enabled,
    }
  );
}

/** Every account with this email (case-insensitive), one per tenant that has it, by tenant id. */
export async function usersByEmail(db: Db, email: string): Promise<UserLookup[]> {
  const { rows } = await db.$client.query<{ user_id: string; tenant_id: string; password_hash: string | null; disabled: boolean }>(
    'select * from app.users_by_email($1)',
    [email],
  );
  return rows.map((r) => ({ userId: r.user_id, tenantId: r.tenant_id, passwordHash: r.password_hash, disabled: r.disabled }));
}
