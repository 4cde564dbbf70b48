/**
 * The profile's editable fields: tags, the analytics consent and the display
 * name. Other fields come from imports and merges. The derived tables follow
 * in the same transaction: the search row always, and, when the consent
 * changes, every day of the developer's activities (they leave or join the
 * analytics).
 */
import { refreshDerived } from '../derived/refresh';
import { CoreError } from '../errors';
import { inTransaction } from '../db/transaction';
import { developersActivitiesSpan } from './activity-span';
import type { Db } from '../db/db';

export interface DeveloperUpdate {
  developerId: string;
  tags?: string[];
  consentAnalytics?: boolean;
  displayName?: string;
}

/** Applies the given fields; false when there was nothing to change. NOT_FOUND for an unknown developer. */
export async function updateDeveloper(db: Db, tenant: string, update: DeveloperUpdate): Promise<boolean> {
  const values: unknown[] = [tenant, update.developerId];
  const sets: string[] = [];
  if (update.tags !== undefined) {
    // Duplicates go, the user's order stays; no tags is stored as null, like an import does.
    const tags = [...new Set(update.tags)];
    sets.push(`tags = $${values.push(tags.length > 0 ? tags : null)}::text[]`);
  }
  if (update.consentAnalytics !== undefined) sets.push(`consent_analytics = $${values.push(update.consentAnalytics)}`);
  if (update.displayName !== undefined) sets.push(`display_name = $${values.push(update.displayName === '' ? null : update.displayName)}`);
  return inTransaction(db, async (tx) => {
    const before = await tx.$client.query<{ consent_analytics: boolean }>(
      'select consent_analytics from developers where tenant_id = $1 and developer_id = $2 for update',
      [tenant, update.developerId],
    );
    const row = before.rows[0];
    if (!row) throw new CoreError('NOT_FOUND', `No developer ${update.developerId}`, { developerId: update.developerId });
    if (sets.length === 0) return false;
    await tx.$client.query(
      `update developers set ${sets.join(', ')}, updated_at = now() where tenant_id = $1 and developer_id = $2`,
      values,
    );
    const consentChanged = update.consentAnalytics !== undefined && update.consentAnalytics !== row.consent_analytics;
    await refreshDerived(tx, tenant, {
      developers: [update.developerId],
      span: consentChanged ? await developersActivitiesSpan(tx, tenant, [update.developerId]) : null,
    });
    return true;
  });
}
