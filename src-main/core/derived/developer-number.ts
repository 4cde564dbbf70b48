/**
 * app.developer_number: each developer's bit position in funnel_bits.
 * A number is an identity, not a computed value: it is given once, to the
 * developers a refresh names that have none (every developer of the tenant
 * for 'all'), in id order after the tenant's highest, and kept for good —
 * so `stats rebuild` leaves every existing number, and the bits it writes
 * equal the ones the incremental refreshes left.
 */
import type { Db } from '../db/db';
import { analyzeGrown } from '../db/statistics';

/** Numbers the developers of `ids` ('all': of the tenant) that have none. */
export async function numberDevelopers(db: Db, tenant: string, ids: readonly string[] | 'all'): Promise<void> {
  // Two writers numbering at once would both take max + 1: one waits for the other's commit.
  await db.$client.query("select pg_advisory_xact_lock(hashtext('app.developer_number'), hashtext($1))", [tenant]);
  const { rowCount } = await db.$client.query(
    `insert into app.developer_number (tenant_id, developer_id, n)
     select $1, d.developer_id,
            coalesce((select max(x.n) from app.developer_number x where x.tenant_id = $1), -1)
              + row_number() over (order by d.developer_id)
       from developers d
      where d.tenant_id = $1 ${ids === 'all' ? '' : 'and d.developer_id = any($2::uuid[])'}
        and not exists (select 1 from app.developer_number x where x.developer_id = d.developer_id)`,
    ids === 'all' ? [tenant] : [tenant, ids],
  );
  // The funnel's refresh joins the numbers to the developers next: planned on statistics that miss a new tenant's
  // numbers, that join nested loops (45 s for 18,284 developers beside another tenant's).
  await analyzeGrown(db.$client, tenant, { 'app.developer_number': rowCount ?? 0 });
}
