/**
 * derived.campaign_daily: attribution weights per campaign × day (tenant's
 * zone) × action × source, for developers with analytics consent and
 * anonymous activities. ROI, the campaign page and campaign_stats read it
 * instead of joining activities with activity_campaigns (DESIGN.md: ~90 ms vs
 * over a second at 1M activities).
 *
 * Kept current three ways, each leaving what a rebuild would:
 * - an import's new activities (`change.inserted`, with their direct
 *   campaign) are added, from the rows themselves: their days are never
 *   recomputed, which would read every activity of those days again;
 * - changed multi-touch credit is applied as an exact difference by the
 *   attribution step (attribution.ts), so refreshDerived hands this step the
 *   caller's span, not the one attribution widened it to;
 * - a change of which activities count (consent changed, activities moved
 *   between developers of different consent: merge, unmerge, consent edit)
 *   is applied as a difference over those developers' activities
 *   (counted.ts), before attribution;
 * - any other span has its whole days recomputed.
 * Settings changes and rebuilds (developers 'all') recompute everything.
 *
 * campaign_stats is then recomputed from it: for the campaigns a change of
 * counting and attribution's difference touched, when that is all that
 * changed; otherwise for every campaign of the tenant, one grouped pass over
 * a table sized by campaigns and days (new campaigns, budgets, a changed
 * conversion stage all come out right).
 */
import type { Db, SqlClient } from '../db/db';
import { tracedClient } from '../db/trace';
import { DERIVED_DEFER_MIN_ROWS, withIndexesDeferred } from '../imports/load/index-aware';
import { readSettings } from '../settings/read';
import { rebuildCampaignStats } from '../stats/service';
import type { DerivedChange } from './change';

/**
 * SQL: true when the activity_campaigns row aliased `alias` is multi-touch credit (see attribution.ts): a
 * version-8 id. Direct rows have version 4 or 7 (an import's take their activity's UUIDv7: activity-resolve.ts).
 */
export const IS_MULTI_TOUCH = (alias: string) => `substr(${alias}.activity_campaign_id::text, 15, 1) = '8'`;

/** `$1` tenant, `$2` zone; rows of activities `a` joined with activity_campaigns `ac`, counted ones only. */
const COUNTED = `left join developers d on d.developer_id = a.developer_id
        where a.tenant_id = $1 and (a.developer_id is null or d.consent_analytics)`;

/**
 * Adds a difference to campaign_daily. `delta` is SQL for a relation of
 * (activity_id, campaign_id, weight, n, multi): weight and n (+1 or −1 per
 * attribution row) are added to the activity's campaign, day, action and
 * source; `multi` says whether the weight is multi-touch credit. Rows left
 * with no activity are removed. `activities` may name a smaller relation of
 * the same columns holding every activity `delta` names (attribution's
 * activities of the refreshed developers): hashing it beats reading the table.
 * Only activities that count now are added, unless `countedOnly` is false: a
 * difference of counting itself (derived/counted.ts) has its signs already.
 */
export async function addToCampaignDaily(
  db: Db,
  tenant: string,
  zone: string,
  delta: string,
  activities = 'activities',
  { countedOnly = true }: { countedOnly?: boolean } = {},
): Promise<void> {
  const client = tracedClient(db);
  const { rowCount } = await client.query(
    `insert into derived.campaign_daily as cd (tenant_id, campaign_id, day, action, source, weight, activities, anonymous, multi_touch)
     select $1, x.campaign_id, (a.occurred_at at time zone $2)::date, a.action, a.source,
            sum(x.weight), sum(x.n),
            coalesce(sum(x.weight) filter (where a.developer_id is null), 0),
            coalesce(sum(x.weight) filter (where x.multi), 0)
       from (${delta}) x
       join ${activities} a on a.activity_id = x.activity_id
       ${countedOnly ? COUNTED : 'where a.tenant_id = $1'}
      group by 2, 3, 4, 5
     on conflict (tenant_id, campaign_id, day, action, source) do update set
       weight = cd.weight + excluded.weight,
       activities = cd.activities + excluded.activities,
       anonymous = cd.anonymous + excluded.anonymous,
       multi_touch = cd.multi_touch + excluded.multi_touch`,
    [tenant, zone],
  );
  if ((rowCount ?? 0) > 0) await client.query('delete from derived.campaign_daily where tenant_id = $1 and activities = 0', [tenant]);
}

/** Recomputes the rows of whole days (all of them for 'all') from activity_campaigns and activities. */
async function recomputeDays(client: SqlClient, tenant: string, zone: string, span: Exclude<DerivedChange['span'], null>): Promise<void> {
  const insert = (where: string) =>
    `insert into derived.campaign_daily (tenant_id, campaign_id, day, action, source, weight, activities, anonymous, multi_touch)
     select $1, ac.campaign_id, (a.occurred_at at time zone $2)::date, a.action, a.source,
            sum(ac.weight), count(*),
            coalesce(sum(ac.weight) filter (where a.developer_id is null), 0),
            coalesce(sum(ac.weight) filter (where ${IS_MULTI_TOUCH('ac')}), 0)
       from activities a
       join activity_campaigns ac on ac.tenant_id = $1 and ac.activity_id = a.activity_id
       ${COUNTED} ${where}
      group by 2, 3, 4, 5`;
  if (span === 'all') {
    await client.query('delete from derived.campaign_daily where tenant_id = $1', [tenant]);
    await client.query(insert(''), [tenant, zone]);
    return;
  }
  // Whole days of the tenant's zone: [first day's midnight, the day after the last's midnight).
  const { rows } = await client.query<{ first: string; last: string; start: Date; end: Date }>(
    `select to_char(d.first, 'YYYY-MM-DD') as first, to_char(d.last, 'YYYY-MM-DD') as last,
            d.first::timestamp at time zone $1 as start, (d.last + 1)::timestamp at time zone $1 as "end"
       from (select ($2::timestamptz at time zone $1)::date as first,
                    (($3::timestamptz - interval '1 millisecond') at time zone $1)::date as last) d`,
    [zone, span.from, span.to],
  );
  const days = rows[0]!;
  await client.query('delete from derived.campaign_daily where tenant_id = $1 and day between $2 and $3', [tenant, days.first, days.last]);
  await client.query(insert('and a.occurred_at >= $3 and a.occurred_at < $4'), [tenant, zone, days.start, days.end]);
}

/**
 * Adds an import's new activities with a direct campaign (`inserted`, as the
 * import wrote them: the row's campaign, weight 1; their multi-touch credit
 * came with attribution). The relation already carries each row's instant,
 * action and source, so this reads no activities: one pass over the new rows,
 * grouped, however large the file (recomputing its days instead read every
 * activity of those days again, ~5 s for a 1M-row file). Grouped first, so
 * that many rows against few stored (a first import) go in with the table's
 * foreign keys dropped and validated after by one join each (index-aware.ts):
 * checked per row, the tenant's and the campaign's cost 1.6 s of 2.7 s for
 * 101k rows at 200k identity rows. The primary key stays for the upsert, unless
 * the tenant has no row yet.
 */
async function addInserted(client: SqlClient, tenant: string, zone: string, inserted: string): Promise<void> {
  await client.query('drop table if exists pg_temp.cd_inserted');
  const { rowCount } = await client.query(
    `create temp table cd_inserted on commit drop as
     select i.campaign_id, (i.occurred_at at time zone $1)::date as day, i.action, i.source,
            sum(1.0) as weight, count(*) as activities, coalesce(sum(1.0) filter (where i.developer_id is null), 0) as anonymous
       from ${inserted} i
       left join developers d on d.developer_id = i.developer_id
      where i.campaign_id is not null and (i.developer_id is null or d.consent_analytics)
      group by 1, 2, 3, 4`,
    [zone],
  );
  // The tenant's first rows (a first import): nothing to add to, so a plain insert, and the primary key built after it too.
  const first = (
    await client.query<{ none: boolean }>('select not exists (select 1 from derived.campaign_daily where tenant_id = $1) as none', [tenant])
  ).rows[0]!.none;
  const insert = `insert into derived.campaign_daily as cd (tenant_id, campaign_id, day, action, source, weight, activities, anonymous, multi_touch)
     select $1, campaign_id, day, action, source, weight, activities, anonymous, 0 from cd_inserted`;
  await withIndexesDeferred(
    client,
    'derived.campaign_daily',
    rowCount ?? 0,
    () =>
      client.query(
        first
          ? insert
          : `${insert}
             on conflict (tenant_id, campaign_id, day, action, source) do update set
               weight = cd.weight + excluded.weight,
               activities = cd.activities + excluded.activities,
               anonymous = cd.anonymous + excluded.anonymous`,
        [tenant],
      ),
    { minRows: DERIVED_DEFER_MIN_ROWS, primaryKey: first },
  );
}

/**
 * `campaigns`: when given, the only campaigns whose campaign_daily rows
 * changed before this step (a change of counting and attribution's
 * difference, see refresh.ts); campaign_stats is then recomputed for them
 * alone, instead of grouping all of campaign_daily.
 */
export async function refreshCampaignDaily(db: Db, tenant: string, change: DerivedChange, campaigns?: readonly string[]): Promise<void> {
  const client = tracedClient(db);
  const { span, inserted } = change;
  if (campaigns !== undefined && span === null && !inserted && change.developers !== 'all') {
    if (campaigns.length > 0) await rebuildCampaignStats(db, tenant, campaigns);
    return;
  }
  if (change.developers === 'all' || span === 'all') {
    await recomputeDays(client, tenant, (await readSettings(db, tenant)).timeZone, 'all');
  } else if (inserted) {
    await addInserted(client, tenant, (await readSettings(db, tenant)).timeZone, inserted);
  } else if (span !== null) {
    await recomputeDays(client, tenant, (await readSettings(db, tenant)).timeZone, span);
  }
  await rebuildCampaignStats(db, tenant);
}
