/**
 * The days the data covers, in the tenant's zone: the period a page opens on
 * when the default one would be empty (the bundled sample is a past fiscal
 * year; issue 11, section 3).
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/db';
import { activities } from '../db/schema';
import { readSettings } from '../settings/read';

/** [first day, day after the last) of every activity, or nulls when there is none. */
export async function activityRange(db: Db, tenant: string): Promise<{ from: string | null; to: string | null }> {
  const { timeZone } = await readSettings(db, tenant);
  // min and max come from the (tenant, occurred_at) index's two ends.
  const [row] = await db
    .select({
      from: sql<string | null>`to_char(min(${activities.occurredAt}) at time zone ${timeZone}, 'YYYY-MM-DD')`,
      to: sql<string | null>`to_char(max(${activities.occurredAt}) at time zone ${timeZone} + interval '1 day', 'YYYY-MM-DD')`,
    })
    .from(activities)
    .where(eq(activities.tenantId, tenant));
  return { from: row?.from ?? null, to: row?.to ?? null };
}
