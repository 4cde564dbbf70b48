/**
 * Spans of activities for refreshDerived: writers that move activities
 * between developers, or change whose activities count in analytics
 * (consent), tell the derived per-day structures which instants to redo.
 */
import type { Span } from '../derived/change';
import type { Db } from '../db/db';

async function spanOf(db: Db, where: string, values: unknown[]): Promise<Span | null> {
  const { rows } = await db.$client.query<{ from: Date | null; to: Date | null }>(
    `select min(occurred_at) as from, max(occurred_at) + interval '1 millisecond' as to from activities where ${where}`,
    values,
  );
  const r = rows[0];
  return r?.from && r.to ? { from: r.from, to: r.to } : null;
}

/** [first, last + 1 ms) of these activities, or null for none. */
export function activitiesSpan(db: Db, activityIds: readonly string[]): Promise<Span | null> {
  if (activityIds.length === 0) return Promise.resolve(null);
  return spanOf(db, 'activity_id = any($1::uuid[])', [activityIds]);
}

/** [first, last + 1 ms) of every activity of these developers, or null for none. */
export function developersActivitiesSpan(db: Db, tenant: string, developerIds: readonly string[]): Promise<Span | null> {
  return spanOf(db, 'tenant_id = $1 and developer_id = any($2::uuid[])', [tenant, developerIds]);
}
