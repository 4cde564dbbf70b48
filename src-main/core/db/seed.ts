/**
 * Rows every database needs, inserted idempotently at start-up: the default
 * tenant, the global funnel stages, and a tenant's default action → stage
 * map (only when the tenant is first created, so a user's edits survive).
 */
import { eq } from 'drizzle-orm';
import { FUNNEL_STAGES, type StageKey } from '../../../src-shared/funnel-stages';
import { CoreError } from '../errors';
import type { Db } from './db';
import { activityFunnelMap, funnelStages, tenants } from './schema';

export const DEFAULT_TENANT = 'default';

export const DEFAULT_ACTION_MAP: Record<string, StageKey> = {
  view: 'awareness',
  click: 'awareness',
  star: 'awareness',
  register: 'awareness',
  // connpass's 補欠: interest shown, no seat yet. Existing tenants keep their map; Settings lists it once seen.
  waitlist: 'awareness',
  attend: 'engagement',
  comment: 'engagement',
  join: 'engagement',
  download: 'engagement',
  signup: 'adoption',
  api_call: 'adoption',
  install: 'adoption',
  post: 'advocacy',
  talk: 'advocacy',
  contribute: 'advocacy',
  pr: 'advocacy',
};

/**
 * At a session's start, under its tenant: the global stages, and the default
 * tenant the first time (the desktop's only one). Any other tenant must
 * exist already (`drm tenants create`): a typo opens nothing.
 */
export async function seed(db: Db, tenant: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(funnelStages)
      .values([...FUNNEL_STAGES])
      .onConflictDoNothing();
    if (tenant === DEFAULT_TENANT) {
      await insertTenant(tx as unknown as Db, DEFAULT_TENANT, 'Default');
      return;
    }
    const found = await tx.select({ tenantId: tenants.tenantId }).from(tenants).where(eq(tenants.tenantId, tenant));
    if (found.length === 0) {
      throw new CoreError(
        'NOT_FOUND',
        `There is no tenant "${tenant}" in this database. Create it with \`drm tenants create ${tenant}\`.`,
        {
          tenant,
        },
      );
    }
  });
}

/**
 * A tenant's row and its default action → stage map, on a connection acting
 * for `tenant` (RLS checks both inserts). False when it existed already: the
 * map is only written with the row, so a user's edits survive.
 */
export async function insertTenant(db: Db, tenant: string, name: string): Promise<boolean> {
  const created = await db
    .insert(tenants)
    .values({ tenantId: tenant, name, plan: 'OSS' })
    .onConflictDoNothing()
    .returning({ tenantId: tenants.tenantId });
  if (created.length === 0) return false;
  await db
    .insert(activityFunnelMap)
    .values(Object.entries(DEFAULT_ACTION_MAP).map(([action, stageKey]) => ({ tenantId: tenant, action, stageKey })))
    .onConflictDoNothing();
  return true;
}
