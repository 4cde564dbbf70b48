/**
 * derived.merged_away (db/schema-app/derived.ts): who is merged into whom.
 * Merge and unmerge keep it beside their log row, in their transaction; a
 * rebuild recomputes it from the log first, as every other derived step asks
 * it who is merged away (identity/merged-away.ts).
 */
import { eq } from 'drizzle-orm';
import type { Db, SqlClient } from '../db/db';
import { mergedAway } from '../db/schema-app/derived';
import { ACTIVE_MERGE } from '../identity/merged-away';

/** `from` is merged into `into` by the merge `mergeId` (its log row is written). */
export async function recordMerge(tx: Db, tenant: string, merge: { from: string; into: string; mergeId: string }): Promise<void> {
  await tx.insert(mergedAway).values({ developerId: merge.from, tenantId: tenant, intoDeveloperId: merge.into, mergeId: merge.mergeId });
}

/** The merge `mergeId` is undone (its unmerge's log row is written). */
export async function recordUnmerge(tx: Db, mergeId: string): Promise<void> {
  await tx.delete(mergedAway).where(eq(mergedAway.mergeId, mergeId));
}

/** The tenant's rows from the merge log: every merge no unmerge names, the latest per developer. */
export async function rebuildMergedAway(client: SqlClient, tenant: string): Promise<void> {
  await client.query('delete from derived.merged_away where tenant_id = $1', [tenant]);
  await client.query(
    `insert into derived.merged_away (developer_id, tenant_id, into_developer_id, merge_id)
     select distinct on (m.from_developer_id) m.from_developer_id, m.tenant_id, m.into_developer_id, m.merge_id
       from developer_merge_logs m
      where m.tenant_id = $1 and ${ACTIVE_MERGE}
      order by m.from_developer_id, m.merged_at desc, m.merge_id`,
    [tenant],
  );
}
