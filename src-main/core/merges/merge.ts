/**
 * Merge: one developer's accounts, identifiers and activities move to
 * another, in one transaction with both rows locked. The merged-away row is
 * kept (its own audit record cascades from it) and hidden by MERGED_AWAY_SQL.
 * The log's evidence records every moved id and every field changed, so that
 * an unmerge can put each row back exactly.
 */
import { refreshDerived } from '../derived/refresh';
import { activitiesSpan, developersActivitiesSpan } from '../developers/activity-span';
import { CoreError } from '../errors';
import { rebuildDeveloperStats } from '../stats/service';
import { activeMergesFrom, lockDevelopers, sortedTags, type Filled, type MergeLogEvidence } from './log';
import { pairEvidence } from './suggestions';
import { inTransaction } from '../db/transaction';
import type { Db } from '../db/db';

export interface MergeRequest {
  intoId: string;
  fromId: string;
  reason?: string;
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

export async function mergeDevelopers(db: Db, tenant: string, request: MergeRequest): Promise<string> {
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

    const t = [tenant, fromId, intoId];
    const accounts = await tx.$client.query<{ id: string }>(
      `update accounts set developer_id = $3, updated_at = now() where tenant_id = $1 and developer_id = $2
       returning account_id as id`,
      t,
    );
    const identifiers = await tx.$client.query<{ id: string }>(
      `update developer_identifiers set developer_id = $3 where tenant_id = $1 and developer_id = $2 returning identifier_id as id`,
      t,
    );
    const activities = await tx.$client.query<{ id: string }>(
      `update activities set developer_id = $3 where tenant_id = $1 and developer_id = $2 returning activity_id as id`,
      t,
    );

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
      await tx.$client.query('update developers set primary_email = null, updated_at = now() where developer_id = $1', [fromId]);
    }
    await tx.$client.query(
      `update developers set
         display_name = coalesce(display_name, $2), primary_email = coalesce(primary_email, $3::citext), org_id = coalesce(org_id, $4::uuid),
         consent_analytics = consent_analytics and $5, tags = $6, updated_at = now()
       where developer_id = $1`,
      [intoId, filled.displayName ?? null, filled.primaryEmail ?? null, filled.orgId ?? null, from.consentAnalytics, tagsAfter],
    );

    await rebuildDeveloperStats(tx, tenant, [intoId, fromId]);

    const evidence: MergeLogEvidence = {
      action: 'merge',
      ...(pair ? { score: pair.score, rules: pair.evidence } : {}),
      moved: { accounts: ids(accounts.rows), identifiers: ids(identifiers.rows), activities: ids(activities.rows) },
      tagsBefore,
      tagsAfter,
      filled,
      ...(filled.primaryEmail !== undefined ? { fromPrimaryEmail: filled.primaryEmail } : {}),
      ...(consentWithdrawn ? { consentWithdrawn } : {}),
      snapshot: { into: into.snapshot, from: from.snapshot },
    };
    const log = await tx.$client.query<{ merge_id: string }>(
      `insert into developer_merge_logs (tenant_id, into_developer_id, from_developer_id, reason, evidence)
       values ($1, $2, $3, $4, $5) returning merge_id`,
      [tenant, intoId, fromId, request.reason || null, JSON.stringify(evidence)],
    );
    // After the log: it is what makes `from` merged away for the derived tables too. The moved
    // activities change days; a withdrawn consent takes all of `into`'s out of the analytics.
    const span = consentWithdrawn
      ? await developersActivitiesSpan(tx, tenant, [intoId])
      : await activitiesSpan(tx, evidence.moved.activities);
    await refreshDerived(tx, tenant, { developers: [intoId, fromId], span });
    return log.rows[0]!.merge_id;
  });
}
