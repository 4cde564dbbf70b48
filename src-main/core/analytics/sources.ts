/**
 * The sources the funnel can be filtered by: every source with counted
 * activities (developers with analytics consent or anonymous), from the
 * day × action × source table rather than a scan of activities.
 */
import type { Db } from '../db/db';

export async function listSources(db: Db, tenant: string): Promise<string[]> {
  const { rows } = await db.$client.query<{ source: string }>(
    'select distinct source from derived.activity_daily where tenant_id = $1 order by source',
    [tenant],
  );
  return rows.map((r) => r.source);
}
