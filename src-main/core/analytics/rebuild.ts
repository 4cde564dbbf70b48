/**
 * `stats:rebuild` (`drm stats rebuild`): developer_stats, attribution,
 * campaign_daily, campaign_stats and every derived structure recomputed from
 * the spec's tables, in one transaction, so that a reader sees either the
 * old numbers or the new ones. After any sequence of imports, merges and
 * edits it must change nothing: every write path keeps the same structures
 * current incrementally.
 */
import { rebuildDerived } from '../derived/refresh';
import { inTransaction } from '../db/transaction';
import { rebuildCampaignStats, rebuildDeveloperStats } from '../stats/service';
import type { Db } from '../db/db';

/** What a rebuild rewrites, for db:changed. */
export const REBUILT_TABLES = [
  'developer_stats',
  'campaign_stats',
  'activity_campaigns',
  'conversion_touches',
  'campaign_daily',
  'activity_daily',
  'developer_funnel',
  'developer_funnel_dim',
  'developer_search',
];

export async function rebuildStats(db: Db, tenant: string): Promise<{ durationMs: number }> {
  const started = performance.now();
  await inTransaction(db, async (tx) => {
    // Whole-tenant grouping and sorting: in memory, as the import does (local to this transaction).
    await tx.$client.query("set local work_mem = '128MB'");
    // developer_stats first: the developer search rows copy its totals.
    await rebuildDeveloperStats(tx, tenant);
    await rebuildDerived(tx, tenant);
    // campaign_stats follows campaign_daily, which rebuildDerived has just rewritten.
    await rebuildCampaignStats(tx, tenant);
  });
  return { durationMs: Math.round(performance.now() - started) };
}
