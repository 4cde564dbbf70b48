/**
 * When a change names most of a tenant's developers (a first import, a large
 * one), a step's incremental path — compare each named developer's rows
 * before and after — costs more than recomputing the tenant and keeping the
 * rows that come out the same. Steps that have both paths ask here.
 */
import type { SqlClient } from '../db/db';

/** Recompute everything when a change names at least this share of the tenant's developers… */
const WIDE_SHARE = 0.3;
/** …and at least this many (a merge or an edit never counts the developers). */
const WIDE_MIN = 1000;

/** Whether `listed` is enough of the tenant's developers to recompute them all. */
export async function namesMostOfTenant(client: SqlClient, tenant: string, listed: readonly string[]): Promise<boolean> {
  if (listed.length < WIDE_MIN) return false;
  const { rows } = await client.query<{ n: number }>('select count(*)::int as n from developers where tenant_id = $1', [tenant]);
  return listed.length >= WIDE_SHARE * rows[0]!.n;
}
