/**
 * The sources the funnel can be filtered by: every source with counted
 * activities (developers with analytics consent or anonymous), from the
 * day × action × source table rather than a scan of activities.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db/db';
import { activityDaily } from '../db/schema-app';

export async function listSources(db: Db, tenant: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ source: activityDaily.source })
    .from(activityDaily)
    .where(eq(activityDaily.tenantId, tenant))
    .orderBy(activityDaily.source);
  return rows.map((r) => r.source);
}
