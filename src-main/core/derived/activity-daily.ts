/**
 * derived.activity_daily: activities per day (tenant's zone) × action ×
 * source, counted apart for developers with analytics consent and for
 * anonymous rows (no developer, an anon id). What the trend, the overview's
 * activity count, the funnel's anonymous count and the source list read: a
 * table sized by days, not by activities (DESIGN.md: a weekly trend over a
 * year in ~10 ms instead of seconds). Actions stay actions here; the stage
 * is joined at query time, so editing the action map needs no rebuild of it.
 *
 * An import (`inserted`) adds its new rows' counts: activities are only ever
 * added there and their developers' consent does not change, so the sums are
 * exactly what a rebuild would count. Merges, unmerges and consent edits
 * change only which activities count: refreshDerived applies that as a
 * difference over the developers' own activities first (counted.ts), and they
 * pass no span. Any other span recomputes the whole days it touches from
 * activities (through idx_activities_tenant_time), and 'all' the tenant's
 * every day. Days whose counts are both zero have no row, in every path.
 */
import { readSettings } from '../settings/read';
import type { DerivedChange } from './change';
import type { Db } from '../db/db';

const TABLE = 'derived.activity_daily';

/**
 * Grouped counts of `rows` (aliased `a`: developer_id, anon_id, action,
 * occurred_at, source) as (tenant, day, action, source, activities,
 * anonymous); `$1` is the tenant, `$2` the zone.
 */
const countsSql = (rows: string, where = '') => `
  select $1, (a.occurred_at at time zone $2)::date as day, a.action, a.source,
         count(*) filter (where d.consent_analytics) as activities,
         count(*) filter (where a.developer_id is null and a.anon_id is not null) as anonymous
    from ${rows} a
    left join developers d on d.developer_id = a.developer_id
   where true ${where}
   group by 2, 3, 4
  having count(*) filter (where d.consent_analytics or (a.developer_id is null and a.anon_id is not null)) > 0`;

export async function refreshActivityDaily(db: Db, tenant: string, change: DerivedChange): Promise<void> {
  if (change.span === null && change.inserted === undefined) return;
  const { timeZone } = await readSettings(db, tenant);
  const insert = `insert into ${TABLE} (tenant_id, day, action, source, activities, anonymous)`;

  if (change.inserted !== undefined && change.span !== 'all') {
    await db.$client.query(
      `${insert} ${countsSql(change.inserted)}
       on conflict (tenant_id, day, action, source) do update set
         activities = ${TABLE}.activities + excluded.activities,
         anonymous = ${TABLE}.anonymous + excluded.anonymous`,
      [tenant, timeZone],
    );
    return;
  }
  if (change.span === 'all') {
    await db.$client.query(`delete from ${TABLE} where tenant_id = $1`, [tenant]);
    await db.$client.query(`${insert} ${countsSql('activities', 'and a.tenant_id = $1')}`, [tenant, timeZone]);
    return;
  }
  if (change.span === null) return;
  // Whole days of the tenant's zone: from the first day's midnight to the midnight after the last day.
  const days = `with span as (select ($3::timestamptz at time zone $2)::date as first,
                                     (($4::timestamptz - interval '1 microsecond') at time zone $2)::date as last)`;
  const bounds = [tenant, timeZone, change.span.from, change.span.to];
  await db.$client.query(
    `${days} delete from ${TABLE} t using span where t.tenant_id = $1 and t.day between span.first and span.last`,
    bounds,
  );
  await db.$client.query(
    `${days} ${insert} ${countsSql(
      'activities',
      `and a.tenant_id = $1
       and a.occurred_at >= ((select first from span)::timestamp at time zone $2)
       and a.occurred_at < (((select last from span) + 1)::timestamp at time zone $2)`,
    )}`,
    bounds,
  );
}
