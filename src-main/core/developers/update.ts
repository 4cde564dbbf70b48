/**
 * The profile's editable fields: tags, the analytics consent and the display
 * name. Other fields come from imports and merges.
 */
import type { Pool } from 'pg';
import { CoreError } from '../errors';

export interface DeveloperUpdate {
  developerId: string;
  tags?: string[];
  consentAnalytics?: boolean;
  displayName?: string;
}

/** Applies the given fields; false when there was nothing to change. NOT_FOUND for an unknown developer. */
export async function updateDeveloper(pool: Pool, tenant: string, update: DeveloperUpdate): Promise<boolean> {
  const values: unknown[] = [tenant, update.developerId];
  const sets: string[] = [];
  if (update.tags !== undefined) {
    // Duplicates go, the user's order stays; no tags is stored as null, like an import does.
    const tags = [...new Set(update.tags)];
    sets.push(`tags = $${values.push(tags.length > 0 ? tags : null)}::text[]`);
  }
  if (update.consentAnalytics !== undefined) sets.push(`consent_analytics = $${values.push(update.consentAnalytics)}`);
  if (update.displayName !== undefined) sets.push(`display_name = $${values.push(update.displayName === '' ? null : update.displayName)}`);
  const result =
    sets.length > 0
      ? await pool.query(`update developers set ${sets.join(', ')}, updated_at = now() where tenant_id = $1 and developer_id = $2`, values)
      : await pool.query('select 1 from developers where tenant_id = $1 and developer_id = $2', values);
  if (result.rowCount === 0) throw new CoreError('NOT_FOUND', `No developer ${update.developerId}`, { developerId: update.developerId });
  return sets.length > 0;
}
