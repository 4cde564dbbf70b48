/**
 * Merge: one developer's accounts, identifiers and activities move to
 * another, in one transaction with both rows locked. The merged-away row is
 * kept (its own audit record cascades from it) and hidden by MERGED_AWAY_SQL.
 * The log's evidence records every moved id and every field changed, so that
 * an unmerge can put each row back exactly.
 */
import { and, eq, sql } from 'drizzle-orm';
import { recordMerge } from '../derived/merged-away';
import { refreshDerived } from '../derived/refresh';
import { COUNTING_UNCHANGED, snapshotCounted } from '../derived/counted';
import { CoreError } from '../errors';
import { rebuildDeveloperStats } from '../stats/service';
import { activeMergesFrom, lockDevelopers, sortedTags, type Filled, type MergeLogEvidence } from './log';
import { pairEvidence } from './suggestions';
import { inTransaction } from '../db/transaction';
import { accounts, activities, developerIdentifiers, developerMergeLogs, developers } from '../db/schema';
import type { Db } from '../db/db';

export interface MergeRequest {
  intoId: string;
  fromId: string;
  reason?: string;
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

/** `by`: the user recorded as having merged (`merged_by`); null when nobody is known. */
export async function mergeDevelopers(db: Db, tenant: string, request: MergeRequest, by: string | null = null): Promise<string> {
  const { intoId, fromId } = request;
  if (intoId === fromId) throw new CoreError('BAD_INPUT', `Cannot merge developer ${intoId} into itself`);
  return inTransaction(db, async (tx) => {
    const locked = await lockDevelopers(tx, tenant, [intoId, fromId]);
    const into = locked.get(intoId)!;
    const from = locked.get(fromId)!;

    const away = await activeMergesFrom(tx, [intoId, fromId]);
    const fromAway = away.get(fromId);
    if (fromAway) {
      throw new CoreError('CONFLICT', `Developer ${fromId} was already merged into ${fromAway.into} (merge ${fromAway.mergeId})`, {
        developerId: fromId,
        mergedInto: fromAway.into,
        mergeId: fromAway.mergeId,
      });
    }
    const intoAway = away.get(intoId);
    if (intoAway) {
      throw new CoreError(
        'CONFLICT',
        `Developer ${intoId} was merged into ${intoAway.into} (merge ${intoAway.mergeId}); merge into that one instead`,
        {
          developerId: intoId,
          mergedInto: intoAway.into,
          mergeId: intoAway.mergeId,
        },
      );
    }

    // What the rules say about this pair, recorded before anything moves.
    const pair = await pairEvidence(tx, tenant, intoId, fromId);
    // The merged record has consent only if both had it: with the same consent, no activity changes counting.
    const counted =
      into.consentAnalytics === from.consentAnalytics ? COUNTING_UNCHANGED : await snapshotCounted(tx, tenant, [intoId, fromId]);

    const movedAccounts = await tx
      .update(accounts)
      .set({ developerId: intoId, updatedAt: sql`now()` })
      .where(and(eq(accounts.tenantId, tenant), eq(accounts.developerId, fromId)))
      .returning({ id: accounts.accountId });
    const movedIdentifiers = await tx
      .update(developerIdentifiers)
      .set({ developerId: intoId })
      .where(and(eq(developerIdentifiers.tenantId, tenant), eq(developerIdentifiers.developerId, fromId)))
      .returning({ id: developerIdentifiers.identifierId });
    const movedActivities = await tx
      .update(activities)
      .set({ developerId: intoId })
      .where(and(eq(activities.tenantId, tenant), eq(activities.developerId, fromId)))
      .returning({ id: activities.activityId });

    const filled: Filled = {};
    if (into.displayName === null && from.displayName !== null) filled.displayName = from.displayName;
    if (into.primaryEmail === null && from.primaryEmail !== null) filled.primaryEmail = from.primaryEmail;
    if (into.orgId === null && from.orgId !== null) filled.orgId = from.orgId;
    // Analytics consent is the person's: if either record withheld it, the merged one does.
    const consentWithdrawn = into.consentAnalytics && !from.consentAnalytics;
    const tagsBefore = { into: sortedTags(into.tags ?? []), from: sortedTags(from.tags ?? []) };
    // Only a tag `into` lacks changes its list; otherwise its tags stay exactly as they were.
    const fromOnly = tagsBefore.from.filter((tag) => !tagsBefore.into.includes(tag));
    const tagsAfter = fromOnly.length > 0 ? sortedTags([...tagsBefore.into, ...fromOnly]) : into.tags;

    if (filled.primaryEmail !== undefined) {
      // Primary emails are unique per tenant: it leaves `from` before it reaches `into`.
      await tx
        .update(developers)
        .set({ primaryEmail: null, updatedAt: sql`now()` })
        .where(eq(developers.developerId, fromId));
    }
    await tx
      .update(developers)
      .set({
        displayName: sql`coalesce(${developers.displayName}, ${filled.displayName ?? null})`,
        primaryEmail: sql`coalesce(${developers.primaryEmail}, ${filled.primaryEmail ?? null}::citext)`,
        orgId: sql`coalesce(${developers.orgId}, ${filled.orgId ?? null}::uuid)`,
        consentAnalytics: sql`${developers.consentAnalytics} and ${from.consentAnalytics}`,
        tags: tagsAfter,
        updatedAt: sql`now()`,
      })
      .where(eq(developers.developerId, intoId));

    await rebuildDeveloperStats(tx, tenant, [intoId, fromId]);

    const evidence: MergeLogEvidence = {
      action: 'merge',
      ...(pair ? { score: pair.score, rules: pair.evidence } : {}),
      moved: { accounts: ids(movedAccounts), identifiers: ids(movedIdentifiers), activities: ids(movedActivities) },
      tagsBefore,
      tagsAfter,
      filled,
      ...(filled.primaryEmail !== undefined ? { fromPrimaryEmail: filled.primaryEmail } : {}),
      ...(consentWithdrawn ? { consentWithdrawn } : {}),
      snapshot: { into: into.snapshot, from: from.snapshot },
    };
    const [log] = await tx
      .insert(developerMergeLogs)
      .values({
        tenantId: tenant,
        intoDeveloperId: intoId,
        fromDeveloperId: fromId,
        reason: request.reason || null,
        evidence,
        mergedBy: by,
      })
      .returning({ mergeId: developerMergeLogs.mergeId });
    await recordMerge(tx, tenant, { from: fromId, into: intoId, mergeId: log!.mergeId });
    // After the log and its derived row: they are what makes `from` merged away for the derived tables too. The per-day
    // counts change by the activities whose counting the consent rule changed, nothing else.
    await refreshDerived(tx, tenant, { developers: [intoId, fromId], span: null, counted });
    return log!.mergeId;
  });
}
