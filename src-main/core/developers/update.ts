/**
 * The profile's editable fields: tags, the analytics consent and the display
 * name. Other fields come from imports and merges. The derived tables follow
 * in the same transaction: the search row always, and, when the consent
 * changes, every day of the developer's activities (they leave or join the
 * analytics).
 */
import { and, eq, sql } from 'drizzle-orm';
import { refreshDerived } from '../derived/refresh';
import { CoreError } from '../errors';
import { inTransaction } from '../db/transaction';
import { developersActivitiesSpan } from './activity-span';
import { developers } from '../db/schema';
import type { Db } from '../db/db';

export interface DeveloperUpdate {
  developerId: string;
  tags?: string[];
  consentAnalytics?: boolean;
  displayName?: string;
}

/** Applies the given fields; false when there was nothing to change. NOT_FOUND for an unknown developer. */
export async function updateDeveloper(db: Db, tenant: string, update: DeveloperUpdate): Promise<boolean> {
  const set: Partial<typeof developers.$inferInsert> = {};
  if (update.tags !== undefined) {
    // Duplicates go, the user's order stays; no tags is stored as null, like an import does.
    const tags = [...new Set(update.tags)];
    set.tags = tags.length > 0 ? tags : null;
  }
  if (update.consentAnalytics !== undefined) set.consentAnalytics = update.consentAnalytics;
  if (update.displayName !== undefined) set.displayName = update.displayName === '' ? null : update.displayName;
  const thisDeveloper = and(eq(developers.tenantId, tenant), eq(developers.developerId, update.developerId));
  return inTransaction(db, async (tx) => {
    const [row] = await tx.select({ consentAnalytics: developers.consentAnalytics }).from(developers).where(thisDeveloper).for('update');
    if (!row) throw new CoreError('NOT_FOUND', `No developer ${update.developerId}`, { developerId: update.developerId });
    if (Object.keys(set).length === 0) return false;
    await tx
      .update(developers)
      .set({ ...set, updatedAt: sql`now()` })
      .where(thisDeveloper);
    const consentChanged = update.consentAnalytics !== undefined && update.consentAnalytics !== row.consentAnalytics;
    await refreshDerived(tx, tenant, {
      developers: [update.developerId],
      span: consentChanged ? await developersActivitiesSpan(tx, tenant, [update.developerId]) : null,
    });
    return true;
  });
}
