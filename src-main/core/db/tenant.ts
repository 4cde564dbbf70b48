/**
 * The one place that puts a connection under a tenant (README "Tenants and
 * row-level security"). Migration 0009 lets every table with `tenant_id`
 * answer only rows of `current_setting('app.tenant_id')`, for the role
 * `drm_app` (not the owner, no BYPASSRLS).
 *
 * Every app connection starts with both as startup options (`-c role=drm_app
 * -c app.tenant_id=T`): each statement on it, in a transaction or not, runs
 * under the tenant, at no cost per statement (no extra round trip per
 * checkout or per transaction), and `RESET ROLE` / `RESET ALL` go back to
 * these values, not to the login role. A pool therefore belongs to one
 * tenant; switching tenant opens a new session (and pool), as a restore
 * does. `withTenant` covers the one case of a transaction that acts for
 * another tenant (creating one).
 */
import { CoreError } from '../errors';
import type { Db } from './db';
import { inTransaction } from './transaction';
import { parseUrl } from '../../../src-shared/url';

/** The role the app's statements run as (created by migration 0009). */
export const APP_DB_ROLE = 'drm_app';

/** Lowercase letters, digits, `-` and `_`, 1–63 characters, starting with a letter or digit: safe in startup options and URLs. */
export const TENANT_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export function checkTenantId(tenant: string): string {
  if (!TENANT_ID.test(tenant)) {
    throw new CoreError(
      'BAD_INPUT',
      `"${tenant}" is not a valid tenant id: use 1–63 lowercase letters, digits, "-" or "_", starting with a letter or digit.`,
      { tenant },
    );
  }
  return tenant;
}

/**
 * libpq startup options of an app connection of `tenant`, after `base`
 * (e.g. `-c jit=off`). The tenant id is checked first: nothing else may reach
 * the options string.
 */
export function tenantConnectionOptions(tenant: string, base = ''): string {
  checkTenantId(tenant);
  return `${base} -c role=${APP_DB_ROLE} -c app.tenant_id=${tenant}`.trim();
}

/**
 * The connection string and startup options of an app connection of
 * `tenant` on `url`. pg lets a URL's own `?options=` replace the options it
 * is given, which would drop the role and the tenant: they are moved in
 * front of ours (a later `-c` wins).
 */
export function appConnection(url: string, tenant: string, base = ''): { connectionString: string; options: string } {
  let connectionString = url;
  // Not a URL (a libpq keyword string): pg reads it as is; it cannot carry options that override ours.
  const parsed = parseUrl(url);
  const own = parsed?.searchParams.get('options') ?? '';
  if (parsed !== null && own !== '') {
    parsed.searchParams.delete('options');
    connectionString = parsed.toString();
  }
  return { connectionString, options: tenantConnectionOptions(tenant, `${own} ${base}`.trim()) };
}

/** Runs `body` in a transaction whose statements act for `tenant` (set_config(…, true): until it ends). */
export async function withTenant<T>(db: Db, tenant: string, body: (tx: Db) => Promise<T>): Promise<T> {
  checkTenantId(tenant);
  return inTransaction(db, async (tx) => {
    await tx.$client.query("select set_config('app.tenant_id', $1, true)", [tenant]);
    return body(tx);
  });
}
