/**
 * `stats:rebuild` (`drm stats rebuild`): developer_stats, attribution,
 * campaign_daily, campaign_stats and every derived structure recomputed from
 * the spec's tables, in one transaction, so that a reader sees either the
 * old numbers or the new ones. After any sequence of imports, merges and
 * edits it must change nothing: every write path keeps the same structures
 * current incrementally.
 */
import { traceBackend } from '../db/trace';
import { inTransaction } from '../db/transaction';
import { rebuildDerived } from '../derived/refresh';
import { DERIVED_TABLE_NAMES } from '../derived/tables';
import type { TableName } from '../../../src-shared/contract/tables';
import { rebuildCampaignStats, rebuildDeveloperStats } from '../stats/service';
import type { Db } from '../db/db';

/** What a rebuild rewrites, for db:changed. */
export const REBUILT_TABLES: readonly TableName[] = ['developer_stats', ...DERIVED_TABLE_NAMES];

export async function rebuildStats(db: Db, tenant: string): Promise<{ durationMs: number }> {
  const started = performance.now();
  await inTransaction(db, async (tx) => {
    // Whole-tenant grouping and sorting: in memory, as the import does (local to this transaction).
    await tx.$client.query("set local work_mem = '128MB'");
    // Under DRM_IMPORT_TRACE=1 each statement's line also gives this connection's server CPU, as the import's do.
    traceBackend((tx.$client as unknown as { processID: number }).processID);
    try {
      // developer_stats first: the developer search rows copy its totals.
      await rebuildDeveloperStats(tx, tenant);
      await rebuildDerived(tx, tenant);
      // campaign_stats follows campaign_daily, which rebuildDerived has just rewritten.
      await rebuildCampaignStats(tx, tenant);
    } finally {
      traceBackend(undefined);
    }
  });
  return { durationMs: Math.round(performance.now() - started) };
}
