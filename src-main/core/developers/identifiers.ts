/**
 * Unlinking a click id from a developer (issue 13 §2), and its undo. A link
 * (imports/load/click-links.ts) gave the developer the anonymous activities
 * that carried the id, each marked in its metadata (LINK_MARK); unlinking
 * deletes the identifier and gives back to anonymous exactly the marked ones
 * (never the rows that identified the person themselves, such as the
 * sign-up), in one transaction with the stats and derived refresh. The undo
 * puts the identifier row back as it was and gives it back the same
 * activities, if they are still anonymous.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { refreshDerived } from '../derived/refresh';
import type { Span } from '../derived/change';
import { CoreError } from '../errors';
import { LINK_MARK } from '../identity/click-link';
import { rebuildDeveloperStats } from '../stats/service';
import { inTransaction } from '../db/transaction';
import { activities, developerIdentifiers } from '../db/schema';
import type { Db } from '../db/db';

/** The kinds that can be unlinked: only a link made from an anonymous id moves activities back. */
export const UNLINKABLE_KINDS = ['click_id'] as const;

export interface UnlinkRequest {
  developerId: string;
  kind: (typeof UNLINKABLE_KINDS)[number];
  value: string;
}

/** What an unlink removed: the identifier row and the activities given back. */
export interface UnlinkSnapshot {
  identifier: typeof developerIdentifiers.$inferSelect;
  activityIds: string[];
}

const MARK = JSON.stringify(LINK_MARK);
const MARK_KEY = Object.keys(LINK_MARK)[0]!;

/** The refresh after activities of `developerId` moved, over their instants. */
async function refreshMoved(tx: Db, tenant: string, developerId: string, span: Span | null): Promise<void> {
  await rebuildDeveloperStats(tx, tenant, [developerId]);
  await refreshDerived(tx, tenant, { developers: [developerId], span });
}

export async function unlinkIdentifier(db: Db, tenant: string, request: UnlinkRequest): Promise<UnlinkSnapshot> {
  return inTransaction(db, async (tx) => {
    const [identifier] = await tx
      .delete(developerIdentifiers)
      .where(
        and(
          eq(developerIdentifiers.tenantId, tenant),
          eq(developerIdentifiers.developerId, request.developerId),
          eq(developerIdentifiers.kind, request.kind),
          eq(developerIdentifiers.valueNormalized, request.value),
        ),
      )
      .returning();
    if (!identifier) {
      throw new CoreError(
        'NOT_FOUND',
        `Developer ${request.developerId} has no ${request.kind} identifier ${JSON.stringify(request.value)}`,
        {
          developerId: request.developerId,
          kind: request.kind,
          value: request.value,
        },
      );
    }
    // Imports write an empty metadata as null: without the mark, an activity's metadata is what it was.
    const rows = await tx
      .update(activities)
      .set({ developerId: null, metadata: sql`nullif(${activities.metadata} - ${MARK_KEY}::text, '{}'::jsonb)` })
      .where(
        and(
          eq(activities.tenantId, tenant),
          eq(activities.developerId, request.developerId),
          eq(activities.anonId, request.value),
          isNull(activities.accountId),
          sql`${activities.metadata} @> ${MARK}::jsonb`,
        ),
      )
      .returning({ id: activities.activityId, occurredAt: activities.occurredAt });
    await refreshMoved(tx, tenant, request.developerId, spanOf(rows));
    return { identifier, activityIds: rows.map((r) => r.id) };
  });
}

/** The undo of an unlink: the identifier back, and the activities it gave back that are still anonymous. Returns how many came back. */
export async function relinkIdentifier(db: Db, tenant: string, snapshot: UnlinkSnapshot): Promise<number> {
  const { identifier } = snapshot;
  return inTransaction(db, async (tx) => {
    const inserted = await tx
      .insert(developerIdentifiers)
      .values(identifier)
      .onConflictDoNothing()
      .returning({ id: developerIdentifiers.identifierId });
    if (inserted.length === 0) {
      throw new CoreError(
        'CONFLICT',
        `The ${identifier.kind} ${JSON.stringify(identifier.valueNormalized)} was linked again since it was unlinked; nothing was undone`,
        { kind: identifier.kind, value: identifier.valueNormalized },
      );
    }
    const rows = await tx
      .update(activities)
      .set({ developerId: identifier.developerId, metadata: sql`coalesce(${activities.metadata}, '{}'::jsonb) || ${MARK}::jsonb` })
      .where(
        and(
          eq(activities.tenantId, tenant),
          inArray(activities.activityId, snapshot.activityIds),
          isNull(activities.developerId),
          isNull(activities.accountId),
          eq(activities.anonId, identifier.valueNormalized),
        ),
      )
      .returning({ id: activities.activityId, occurredAt: activities.occurredAt });
    await refreshMoved(tx, tenant, identifier.developerId, spanOf(rows));
    return rows.length;
  });
}

/** The half-open span of the moved rows' instants (null when none moved). */
function spanOf(rows: readonly { occurredAt: Date }[]): Span | null {
  if (rows.length === 0) return null;
  let from = Infinity;
  let to = -Infinity;
  for (const r of rows) {
    from = Math.min(from, r.occurredAt.getTime());
    to = Math.max(to, r.occurredAt.getTime());
  }
  return { from: new Date(from), to: new Date(to + 1) };
}
