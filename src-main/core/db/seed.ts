/**
 * Rows every database needs, inserted idempotently at start-up: the default
 * tenant, the global funnel stages, and the tenant's default action → stage
 * map (only when the tenant is first created, so a user's edits survive).
 */
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { FUNNEL_STAGES, type StageKey } from '../../../src-shared/funnel-stages';
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

export async function seed(db: NodePgDatabase<Record<string, unknown>>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(funnelStages)
      .values([...FUNNEL_STAGES])
      .onConflictDoNothing();
    const created = await tx
      .insert(tenants)
      .values({ tenantId: DEFAULT_TENANT, name: 'Default', plan: 'OSS' })
      .onConflictDoNothing()
      .returning({ tenantId: tenants.tenantId });
    if (created.length > 0) {
      await tx
        .insert(activityFunnelMap)
        .values(Object.entries(DEFAULT_ACTION_MAP).map(([action, stageKey]) => ({ tenantId: DEFAULT_TENANT, action, stageKey })))
        .onConflictDoNothing();
    }
  });
}
