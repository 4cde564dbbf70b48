/**
 * Unmerge: the rows a merge moved go back, exactly those, in one transaction.
 * It refuses when the world has moved on in a way that makes that unsafe: a
 * moved row that no longer belongs to the survivor (deleted, or merged on
 * elsewhere), or a survivor that has itself been merged away since.
 */
import { and, eq, inArray, ne, sql, type Column } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordUnmerge } from '../derived/merged-away';
import { refreshDerived } from '../derived/refresh';
import { COUNTING_UNCHANGED, snapshotCounted } from '../derived/counted';
import { CoreError } from '../errors';
import { isUniqueViolation } from '../db/pg-errors';
import { rebuildDeveloperStats } from '../stats/service';
import { activeMergesFrom, lockDevelopers, sortedTags, type MergeLogEvidence, type UnmergeLogEvidence } from './log';
import { actionOf } from '../identity/merged-away';
import { inTransaction } from '../db/transaction';
import { accounts, activities, developerIdentifiers, developerMergeLogs, developers } from '../db/schema';
import type { Db } from '../db/db';

/** `column = any($n::uuid[])`: one parameter however many rows a merge moved. */
const anyOf = (column: Column, ids: string[]) => sql`${column} = any(${sql.param(ids)}::uuid[])`;

/** What a merge moves, by the key its evidence lists the ids under; accounts also record when they changed. */
const MOVED = [
  { key: 'accounts', table: accounts, id: accounts.accountId, noun: 'account', touch: true },
  { key: 'identifiers', table: developerIdentifiers, id: developerIdentifiers.identifierId, noun: 'identifier', touch: false },
  { key: 'activities', table: activities, id: activities.activityId, noun: 'activity', touch: false },
] as const;

const sameTags = (a: string[] | null, b: string[] | null) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);

const m = alias(developerMergeLogs, 'm');

async function readMerge(tx: Db, tenant: string, mergeId: string) {
  const rows = await tx
    .select({
      intoDeveloperId: m.intoDeveloperId,
      fromDeveloperId: m.fromDeveloperId,
      action: sql<string>`${sql.raw(actionOf('m'))}`,
      // A merge's evidence is written by merge.ts as MergeLogEvidence; older rows may lack it.
      evidence: sql<MergeLogEvidence | null>`${m.evidence}`,
    })
    .from(m)
    .where(and(eq(m.mergeId, mergeId), eq(m.tenantId, tenant)))
    .for('update');
  const log = rows[0];
  if (!log) throw new CoreError('NOT_FOUND', `No merge ${mergeId}`);
  if (log.action !== 'merge')
    throw new CoreError('BAD_INPUT', `${mergeId} records a ${log.action}, not a merge; only merges can be undone`);
  if (!log.evidence?.moved)
    throw new CoreError('CONFLICT', `Merge ${mergeId} did not record what it moved, so it cannot be undone exactly`);
  const [undone] = await tx
    .select({ mergeId: developerMergeLogs.mergeId })
    .from(developerMergeLogs)
    .where(
      and(sql`${developerMergeLogs.evidence}->>'action' = 'unmerge'`, sql`${developerMergeLogs.evidence}->>'mergeId' = ${mergeId}::text`),
    );
  if (undone) {
    throw new CoreError('CONFLICT', `Merge ${mergeId} was already undone (by ${undone.mergeId})`, {
      undoneBy: undone.mergeId,
    });
  }
  return { intoId: log.intoDeveloperId, fromId: log.fromDeveloperId, evidence: log.evidence };
}

/**
 * Gives `fromId` back the primary email the merge took from it, unless another developer holds it
 * now. The tenant's unique key on the email finds that holder: a lookup by the email would read every
 * developer wherever citext's `=` is not LEAKPROOF, as under row-level security on an external
 * database that has not marked it (db/leakproof.ts; 150–290 ms at 119k developers, most of a small
 * pair's unmerge). The savepoint keeps the transaction usable to name the holder.
 */
async function restorePrimaryEmail(tx: Db, tenant: string, mergeId: string, fromId: string, email: string): Promise<void> {
  await tx.$client.query('savepoint restore_primary_email');
  try {
    await tx.update(developers).set({ primaryEmail: email }).where(eq(developers.developerId, fromId));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await tx.$client.query('rollback to savepoint restore_primary_email');
    const [holder] = await tx
      .select({ developerId: developers.developerId })
      .from(developers)
      .where(and(eq(developers.tenantId, tenant), eq(developers.primaryEmail, email), ne(developers.developerId, fromId)));
    throw new CoreError('CONFLICT', `Cannot undo merge ${mergeId}: ${email} is now the primary email of developer ${holder?.developerId}`);
  }
  await tx.$client.query('release savepoint restore_primary_email');
}

/** `by`: the user recorded as having undone the merge (the unmerge entry's `merged_by`). */
export async function unmergeDevelopers(db: Db, tenant: string, mergeId: string, by: string | null = null): Promise<string> {
  return inTransaction(db, async (tx) => {
    const { intoId, fromId, evidence } = await readMerge(tx, tenant, mergeId);
    const locked = await lockDevelopers(tx, tenant, [intoId, fromId]);
    const into = locked.get(intoId)!;
    const from = locked.get(fromId)!;

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
      const still = await tx.$count(table, and(anyOf(id, moved), eq(table.developerId, intoId)));
      const missing = moved.length - still;
      if (missing > 0) gone.push(`${missing} of ${moved.length} moved ${noun === 'activity' ? 'activities' : `${noun}s`}`);
    }
    if (gone.length > 0) {
      throw new CoreError(
        'CONFLICT',
        `Cannot undo merge ${mergeId}: ${gone.join(', ')} no longer belong to developer ${intoId} (deleted or moved since)`,
      );
    }
    // The moved activities go back to `from`'s consent, `into`'s own get a withdrawn consent back:
    // only then can an activity change counting.
    const counted =
      into.consentAnalytics === from.consentAnalytics && !evidence.consentWithdrawn
        ? COUNTING_UNCHANGED
        : await snapshotCounted(tx, tenant, [intoId, fromId]);
    for (const { key, table, id, touch } of MOVED) {
      const moved = evidence.moved[key];
      if (moved.length === 0) continue;
      await tx
        .update(table)
        .set({ developerId: fromId, ...(touch ? { updatedAt: sql`now()` } : {}) })
        .where(and(anyOf(id, moved), eq(table.developerId, intoId)));
    }

    // Fields the merge filled go back to null, unless someone has set them since.
    const { filled } = evidence;
    const intoRow = eq(developers.developerId, intoId);
    if (filled.displayName !== undefined) {
      await tx
        .update(developers)
        .set({ displayName: null })
        .where(and(intoRow, eq(developers.displayName, filled.displayName)));
    }
    if (filled.orgId !== undefined) {
      await tx
        .update(developers)
        .set({ orgId: null })
        .where(and(intoRow, eq(developers.orgId, filled.orgId)));
    }
    if (filled.primaryEmail !== undefined) {
      await tx
        .update(developers)
        .set({ primaryEmail: null })
        .where(and(intoRow, eq(developers.primaryEmail, filled.primaryEmail)));
    }
    if (evidence.fromPrimaryEmail !== undefined) await restorePrimaryEmail(tx, tenant, mergeId, fromId, evidence.fromPrimaryEmail);
    if (evidence.consentWithdrawn) {
      await tx.update(developers).set({ consentAnalytics: true }).where(intoRow);
    }
    // Tags untouched since the merge return exactly; edited ones keep the edits and lose only what came from `from`.
    const fromOnly = new Set(evidence.tagsBefore.from.filter((tag) => !evidence.tagsBefore.into.includes(tag)));
    if (fromOnly.size > 0) {
      const snapshotTags = (evidence.snapshot.into.tags ?? null) as string[] | null;
      const kept = sortedTags((into.tags ?? []).filter((tag) => !fromOnly.has(tag)));
      const tags = sameTags(into.tags, evidence.tagsAfter) ? snapshotTags : kept.length > 0 ? kept : null;
      await tx.update(developers).set({ tags }).where(intoRow);
    }
    await tx
      .update(developers)
      .set({ updatedAt: sql`now()` })
      .where(inArray(developers.developerId, [intoId, fromId]));

    await rebuildDeveloperStats(tx, tenant, [intoId, fromId]);

    const log: UnmergeLogEvidence = { action: 'unmerge', mergeId };
    const [logged] = await tx
      .insert(developerMergeLogs)
      .values({ tenantId: tenant, intoDeveloperId: fromId, fromDeveloperId: intoId, evidence: log, mergedBy: by })
      .returning({ mergeId: developerMergeLogs.mergeId });
    await recordUnmerge(tx, mergeId);
    // After the log and its derived row: `from` is visible again from here on.
    await refreshDerived(tx, tenant, { developers: [intoId, fromId], span: null, counted });
    return logged!.mergeId;
  });
}
