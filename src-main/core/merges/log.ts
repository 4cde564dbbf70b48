/**
 * The shapes kept in developer_merge_logs.evidence, and the locked read of
 * the developers a decision is about. A merge's evidence holds everything an
 * unmerge needs to put the rows back exactly.
 */
import type { MergeEvidence } from '../../../src-shared/contract/merges';
import { getTableColumns, inArray, sql } from 'drizzle-orm';
import { CoreError } from '../errors';
import { developers } from '../db/schema';
import { ACTIVE_MERGES_FROM_SQL } from '../identity/merged-away';
import type { Db } from '../db/db';

/** A developer row as a merge reads it, locked. */
type LockedDeveloper = typeof developers.$inferSelect & {
  /** The whole row as jsonb, kept with the merge. */
  snapshot: Record<string, unknown>;
};

/** Fields of `into` a merge filled from `from` because they were null: field → the value put in. */
export interface Filled {
  displayName?: string;
  primaryEmail?: string;
  orgId?: string;
}

export interface MergeLogEvidence {
  action: 'merge';
  score?: number;
  rules?: MergeEvidence[];
  moved: { accounts: string[]; identifiers: string[]; activities: string[] };
  /** Each side's tags, sorted and distinct. */
  tagsBefore: { into: string[]; from: string[] };
  /** `into`'s tags as the merge wrote them. */
  tagsAfter: string[] | null;
  filled: Filled;
  /** `from`'s primary email, cleared because it moved to `into` (the email is unique per tenant). */
  fromPrimaryEmail?: string;
  /** `into` had consented and `from` had not: the merged person has not. */
  consentWithdrawn?: boolean;
  snapshot: { into: Record<string, unknown>; from: Record<string, unknown> };
}

export interface UnmergeLogEvidence {
  action: 'unmerge';
  mergeId: string;
}

export interface PairDecisionEvidence {
  action: 'dismiss' | 'snooze';
  until?: string;
}

/**
 * Locks the developers (in id order, so two merges never deadlock) and
 * returns them by id; refuses unknown ids and other tenants' developers.
 */
export async function lockDevelopers(tx: Db, tenant: string, ids: string[]): Promise<Map<string, LockedDeveloper>> {
  const rows = await tx
    .select({ ...getTableColumns(developers), snapshot: sql<Record<string, unknown>>`to_jsonb(${developers})` })
    .from(developers)
    .where(inArray(developers.developerId, ids))
    .orderBy(developers.developerId)
    .for('update');
  const byId = new Map(rows.map((r) => [r.developerId, r]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) throw new CoreError('NOT_FOUND', `No developer ${missing.join(' or ')}`, { missing });
  const tenants = new Set(rows.map((r) => r.tenantId));
  if (tenants.size > 1) throw new CoreError('BAD_INPUT', `Developers ${ids.join(' and ')} belong to different tenants`);
  // Another tenant's developer is, from here, one that does not exist.
  if (!tenants.has(tenant)) throw new CoreError('NOT_FOUND', `No developer ${ids.join(' or ')}`, { missing: ids });
  return byId;
}

/** For each of `ids` that is merged away: into whom, by which merge. */
export async function activeMergesFrom(tx: Db, ids: string[]): Promise<Map<string, { into: string; mergeId: string }>> {
  const { rows } = await tx.$client.query<{ from_developer_id: string; into_developer_id: string; merge_id: string }>(
    ACTIVE_MERGES_FROM_SQL('$1'),
    [ids],
  );
  return new Map(rows.map((r) => [r.from_developer_id, { into: r.into_developer_id, mergeId: r.merge_id }]));
}

export const sortedTags = (tags: Iterable<string>): string[] => [...new Set(tags)].sort();
