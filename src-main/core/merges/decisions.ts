/**
 * Decisions about a suggested pair that are not a merge: dismiss (for good)
 * and snooze (until a date). They are developer_merge_logs rows like merges,
 * so the audit trail holds every identity decision and no table is added;
 * into/from hold the pair ordered by id, which is how suggestions look them up.
 */
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { MergeHistoryEntry } from '../../../src-shared/contract/merges';
import { CoreError } from '../errors';
import type { PairDecisionEvidence } from './log';
import { actionOf } from '../identity/merged-away';
import { developerMergeLogs, developers, users } from '../db/schema';
import { auditUserOf, joinUser, WHO_COLUMNS } from '../audit/who';
import type { Db } from '../db/db';

async function orderedPair(db: Db, tenant: string, a: string, b: string): Promise<[string, string]> {
  if (a === b) throw new CoreError('BAD_INPUT', `A pair needs two different developers, got ${a} twice`);
  const rows = await db
    .select({ developerId: developers.developerId })
    .from(developers)
    .where(and(eq(developers.tenantId, tenant), inArray(developers.developerId, [a, b])))
    .orderBy(developers.developerId);
  const found = new Set(rows.map((r) => r.developerId));
  const missing = [a, b].filter((id) => !found.has(id));
  if (missing.length > 0) throw new CoreError('NOT_FOUND', `No developer ${missing.join(' or ')}`, { missing });
  return [rows[0]!.developerId, rows[1]!.developerId];
}

/** `by` (here and in snoozePair): who decided, recorded in `merged_by` as for a merge. */
export async function dismissPair(db: Db, tenant: string, a: string, b: string, by: string | null = null): Promise<void> {
  const [low, high] = await orderedPair(db, tenant, a, b);
  const evidence: PairDecisionEvidence = { action: 'dismiss' };
  // Dismissing twice records it once.
  const [dismissed] = await db
    .select({ mergeId: developerMergeLogs.mergeId })
    .from(developerMergeLogs)
    .where(
      and(
        eq(developerMergeLogs.tenantId, tenant),
        eq(developerMergeLogs.intoDeveloperId, low),
        eq(developerMergeLogs.fromDeveloperId, high),
        sql`${developerMergeLogs.evidence}->>'action' = 'dismiss'`,
      ),
    )
    .limit(1);
  if (dismissed) return;
  await db.insert(developerMergeLogs).values({ tenantId: tenant, intoDeveloperId: low, fromDeveloperId: high, evidence, mergedBy: by });
}

export async function snoozePair(db: Db, tenant: string, a: string, b: string, days: number, by: string | null = null): Promise<string> {
  const [low, high] = await orderedPair(db, tenant, a, b);
  const until = new Date(Date.now() + days * 86_400_000).toISOString();
  const evidence: PairDecisionEvidence = { action: 'snooze', until };
  await db.insert(developerMergeLogs).values({ tenantId: tenant, intoDeveloperId: low, fromDeveloperId: high, evidence, mergedBy: by });
  return until;
}

const m = alias(developerMergeLogs, 'm');
const into = alias(developers, 'di');
const from = alias(developers, 'df');
/** Which kind of decision a log `m` records (merge, unmerge, dismiss, snooze). */
const ACTION = sql.raw(actionOf('m'));

/** Merges and unmerges touching a developer, newest first; a merge says which unmerge undid it. */
export async function mergeHistory(db: Db, tenant: string, developerId: string): Promise<MergeHistoryEntry[]> {
  const [exists] = await db
    .select({ developerId: developers.developerId })
    .from(developers)
    .where(and(eq(developers.tenantId, tenant), eq(developers.developerId, developerId)));
  if (!exists) throw new CoreError('NOT_FOUND', `No developer ${developerId}`);
  const rows = await db
    .select({
      mergeId: m.mergeId,
      action: sql<MergeHistoryEntry['action']>`${ACTION}`,
      intoDeveloperId: m.intoDeveloperId,
      fromDeveloperId: m.fromDeveloperId,
      intoName: into.displayName,
      fromName: from.displayName,
      reason: m.reason,
      mergedAt: sql<string>`to_char(${m.mergedAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`,
      undoneBy: sql<string | null>`(select u.merge_id::text from ${developerMergeLogs} u
              where ${ACTION} = 'merge' and u.evidence->>'action' = 'unmerge' and u.evidence->>'mergeId' = ${m.mergeId}::text
              limit 1)`,
      ...WHO_COLUMNS,
    })
    .from(m)
    .innerJoin(into, eq(into.developerId, m.intoDeveloperId))
    .innerJoin(from, eq(from.developerId, m.fromDeveloperId))
    .leftJoin(users, joinUser(m.mergedBy, m.tenantId))
    .where(
      and(
        eq(m.tenantId, tenant),
        or(eq(m.intoDeveloperId, developerId), eq(m.fromDeveloperId, developerId)),
        sql`${ACTION} in ('merge', 'unmerge')`,
      ),
    )
    .orderBy(desc(m.mergedAt), desc(m.mergeId));
  return rows.map(({ whoId, whoName, whoEmail, ...entry }) => ({ ...entry, mergedBy: auditUserOf({ whoId, whoName, whoEmail }) }));
}
