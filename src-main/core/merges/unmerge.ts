/**
 * Unmerge: the rows a merge moved go back, exactly those, in one transaction.
 * It refuses when the world has moved on in a way that makes that unsafe: a
 * moved row that no longer belongs to the survivor (deleted, or merged on
 * elsewhere), or a survivor that has itself been merged away since.
 */
import { refreshDerived } from '../derived/refresh';
import { activitiesSpan, developersActivitiesSpan } from '../developers/activity-span';
import { CoreError } from '../errors';
import { rebuildDeveloperStats } from '../stats/service';
import { activeMergesFrom, lockDevelopers, sortedTags, type MergeLogEvidence, type UnmergeLogEvidence } from './log';
import { actionOf } from '../identity/merged-away';
import { inTransaction } from '../db/transaction';
import type { Db } from '../db/db';

const MOVED = [
  { key: 'accounts', table: 'accounts', id: 'account_id', noun: 'account' },
  { key: 'identifiers', table: 'developer_identifiers', id: 'identifier_id', noun: 'identifier' },
  { key: 'activities', table: 'activities', id: 'activity_id', noun: 'activity' },
] as const;

const sameTags = (a: string[] | null, b: string[] | null) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

async function readMerge(tx: Db, tenant: string, mergeId: string) {
  const { rows } = await tx.$client.query<{
    into_developer_id: string;
    from_developer_id: string;
    action: string;
    evidence: MergeLogEvidence | null;
  }>(
    `select m.into_developer_id, m.from_developer_id, ${actionOf('m')} as action, m.evidence
       from developer_merge_logs m where m.merge_id = $1 and m.tenant_id = $2 for update`,
    [mergeId, tenant],
  );
  const log = rows[0];
  if (!log) throw new CoreError('NOT_FOUND', `No merge ${mergeId}`);
  if (log.action !== 'merge')
    throw new CoreError('BAD_INPUT', `${mergeId} records a ${log.action}, not a merge; only merges can be undone`);
  if (!log.evidence?.moved)
    throw new CoreError('CONFLICT', `Merge ${mergeId} did not record what it moved, so it cannot be undone exactly`);
  const undone = await tx.$client.query<{ merge_id: string }>(
    `select merge_id from developer_merge_logs where evidence->>'action' = 'unmerge' and evidence->>'mergeId' = $1`,
    [mergeId],
  );
  if (undone.rows[0]) {
    throw new CoreError('CONFLICT', `Merge ${mergeId} was already undone (by ${undone.rows[0].merge_id})`, {
      undoneBy: undone.rows[0].merge_id,
    });
  }
  return { intoId: log.into_developer_id, fromId: log.from_developer_id, evidence: log.evidence };
}

export async function unmergeDevelopers(db: Db, tenant: string, mergeId: string): Promise<string> {
  return inTransaction(db, async (tx) => {
    const { intoId, fromId, evidence } = await readMerge(tx, tenant, mergeId);
    const locked = await lockDevelopers(tx, tenant, [intoId, fromId]);
    const into = locked.get(intoId)!;

    const intoAway = (await activeMergesFrom(tx, [intoId])).get(intoId);
    if (intoAway) {
      throw new CoreError(
        'CONFLICT',
        `Cannot undo merge ${mergeId}: developer ${intoId} has since been merged into ${intoAway.into}; undo merge ${intoAway.mergeId} first`,
        { blockedBy: intoAway.mergeId },
      );
    }

    // Every moved row must still be the survivor's; anything else means someone changed it since.
    const gone: string[] = [];
    for (const { key, table, id, noun } of MOVED) {
      const moved = evidence.moved[key];
      if (moved.length === 0) continue;
      const { rows } = await tx.$client.query<{ n: string }>(
        `select count(*) as n from ${table} where ${id} = any($1::uuid[]) and developer_id = $2`,
        [moved, intoId],
      );
      const missing = moved.length - Number(rows[0]!.n);
      if (missing > 0) gone.push(`${missing} of ${moved.length} moved ${noun === 'activity' ? 'activities' : `${noun}s`}`);
    }
    if (gone.length > 0) {
      throw new CoreError(
        'CONFLICT',
        `Cannot undo merge ${mergeId}: ${gone.join(', ')} no longer belong to developer ${intoId} (deleted or moved since)`,
      );
    }
    for (const { key, table, id } of MOVED) {
      const moved = evidence.moved[key];
      if (moved.length === 0) continue;
      const touch = table === 'accounts' ? ', updated_at = now()' : '';
      await tx.$client.query(`update ${table} set developer_id = $2${touch} where ${id} = any($1::uuid[]) and developer_id = $3`, [
        moved,
        fromId,
        intoId,
      ]);
    }

    // Fields the merge filled go back to null, unless someone has set them since.
    const { filled } = evidence;
    if (filled.displayName !== undefined) {
      await tx.$client.query('update developers set display_name = null where developer_id = $1 and display_name = $2', [
        intoId,
        filled.displayName,
      ]);
    }
    if (filled.orgId !== undefined) {
      await tx.$client.query('update developers set org_id = null where developer_id = $1 and org_id = $2', [intoId, filled.orgId]);
    }
    if (filled.primaryEmail !== undefined) {
      await tx.$client.query('update developers set primary_email = null where developer_id = $1 and primary_email = $2', [
        intoId,
        filled.primaryEmail,
      ]);
    }
    if (evidence.fromPrimaryEmail !== undefined) {
      const holder = await tx.$client.query<{ developer_id: string }>(
        'select developer_id from developers where tenant_id = $1 and primary_email = $2 and developer_id <> $3',
        [tenant, evidence.fromPrimaryEmail, fromId],
      );
      if (holder.rows[0]) {
        throw new CoreError(
          'CONFLICT',
          `Cannot undo merge ${mergeId}: ${evidence.fromPrimaryEmail} is now the primary email of developer ${holder.rows[0].developer_id}`,
        );
      }
      await tx.$client.query('update developers set primary_email = $2 where developer_id = $1', [fromId, evidence.fromPrimaryEmail]);
    }
    if (evidence.consentWithdrawn) {
      await tx.$client.query('update developers set consent_analytics = true where developer_id = $1', [intoId]);
    }
    // Tags untouched since the merge return exactly; edited ones keep the edits and lose only what came from `from`.
    const fromOnly = new Set(evidence.tagsBefore.from.filter((tag) => !evidence.tagsBefore.into.includes(tag)));
    if (fromOnly.size > 0) {
      const snapshotTags = (evidence.snapshot.into.tags ?? null) as string[] | null;
      const kept = sortedTags((into.tags ?? []).filter((tag) => !fromOnly.has(tag)));
      const tags = sameTags(into.tags, evidence.tagsAfter) ? snapshotTags : kept.length > 0 ? kept : null;
      await tx.$client.query('update developers set tags = $2 where developer_id = $1', [intoId, tags]);
    }
    await tx.$client.query('update developers set updated_at = now() where developer_id = any($1::uuid[])', [[intoId, fromId]]);

    await rebuildDeveloperStats(tx, tenant, [intoId, fromId]);

    const log: UnmergeLogEvidence = { action: 'unmerge', mergeId };
    const { rows } = await tx.$client.query<{ merge_id: string }>(
      `insert into developer_merge_logs (tenant_id, into_developer_id, from_developer_id, evidence)
       values ($1, $2, $3, $4) returning merge_id`,
      [tenant, fromId, intoId, JSON.stringify(log)],
    );
    // After the log: `from` is visible again from here on. A restored consent brings all of `into`'s back.
    const span = evidence.consentWithdrawn
      ? await developersActivitiesSpan(tx, tenant, [intoId, fromId])
      : await activitiesSpan(tx, evidence.moved.activities);
    await refreshDerived(tx, tenant, { developers: [intoId, fromId], span });
    return rows[0]!.merge_id;
  });
}
