/**
 * When a change names most of a tenant's developers (a first import, a large
 * one), a step's incremental path — compare each named developer's rows
 * before and after — costs more than recomputing the tenant and keeping the
 * rows that come out the same. Steps that have both paths ask here.
 */
import { count, eq } from 'drizzle-orm';
import type { Db } from '../db/db';
import { developers } from '../db/schema';

/** Recompute everything when a change names at least this share of the tenant's developers… */
const WIDE_SHARE = 0.3;
/** …and at least this many (a merge or an edit never counts the developers). */
const WIDE_MIN = 1000;

/** Whether `listed` is enough of the tenant's developers to recompute them all. */
export async function namesMostOfTenant(db: Db, tenant: string, listed: readonly string[]): Promise<boolean> {
  if (listed.length < WIDE_MIN) return false;
  const [row] = await db.select({ n: count() }).from(developers).where(eq(developers.tenantId, tenant));
  return listed.length >= WIDE_SHARE * (row?.n ?? 0);
}
