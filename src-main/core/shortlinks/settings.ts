/**
 * The short-link settings in `system_settings` (one row per tenant, made on
 * the first save): the domain short URLs use, and the base URL (the public
 * address of the app or of its redirect server).
 */
import { eq, sql } from 'drizzle-orm';
import type { ShortlinkSettings } from '../../../src-shared/contract/shortlinks';
import type { Db } from '../db/db';
import { systemSettings } from '../db/schema';
import { CoreError } from '../errors';
import { normaliseDomain, targetProblem } from '../../../src-shared/shortlinks';

export async function readShortlinkSettings(db: Db, tenant: string): Promise<ShortlinkSettings> {
  const [row] = await db
    .select({ domain: systemSettings.shortlinkDomain, baseUrl: systemSettings.baseUrl })
    .from(systemSettings)
    .where(eq(systemSettings.tenantId, tenant));
  return { domain: row?.domain ?? null, baseUrl: row?.baseUrl ?? null };
}

export interface SettingsUpdate {
  domain?: string | null;
  baseUrl?: string | null;
}

/** Saves the values given ('' or null clears one); refuses a domain that is no host name and a base URL that is not http(s). */
export async function updateShortlinkSettings(db: Db, tenant: string, update: SettingsUpdate): Promise<ShortlinkSettings> {
  const set: { shortlinkDomain?: string | null; baseUrl?: string | null } = {};
  if (update.domain !== undefined) {
    if (!update.domain) set.shortlinkDomain = null;
    else {
      const parsed = normaliseDomain(update.domain);
      if ('problem' in parsed) throw new CoreError('BAD_INPUT', parsed.problem, { field: 'domain' });
      set.shortlinkDomain = parsed.domain;
    }
  }
  if (update.baseUrl !== undefined) {
    if (!update.baseUrl) set.baseUrl = null;
    else {
      const problem = targetProblem(update.baseUrl);
      if (problem)
        throw new CoreError('BAD_INPUT', problem.replace('A short link', 'The base URL').replace('The target URL', 'The base URL'), {
          field: 'baseUrl',
        });
      set.baseUrl = new URL(update.baseUrl).href;
    }
  }
  if (Object.keys(set).length > 0) {
    await db
      .insert(systemSettings)
      .values({ tenantId: tenant, ...set })
      .onConflictDoUpdate({ target: systemSettings.tenantId, set: { ...set, updatedAt: sql`now()` } });
  }
  return readShortlinkSettings(db, tenant);
}
