/**
 * derived.roi_steps: multi-touch credit under every model for every lookback,
 * per (model, campaign, conversion day), as step functions of the lookback
 * kept at their breakpoints (db/schema-app/derived.ts). Credit rules, as
 * creditSql (attribution.ts) applies them to one lookback L, for a touch
 * `age` days old (24-hour days rounded up; in the window for L ≥ age):
 * - last: the latest touch (ties: the smallest campaign id) gets 1 for L ≥ its age;
 * - first: a touch gets 1 for age ≤ L < the age of the touch ranked just
 *   before it (by instant, then campaign id descending), so +1 at its age and
 *   −1 there;
 * - linear: with n(L) the campaigns whose latest touch is within L, each gets
 *   1/n(L) from its latest touch's age on: +1/n at that age, then
 *   1/n(t) − 1/n(previous t) at every later breakpoint t of the conversion.
 * Deltas are exact `numeric` (the same 1::numeric / n creditSql divides), kept
 * canonical (per breakpoint, zero deltas and rows left out, `cum` their
 * running sum with trailing zeros trimmed), so adding and subtracting
 * developers' contributions leaves exactly what a rebuild writes.
 *
 * A refresh for some developers subtracts what their stored inputs
 * (derived.roi_inputs, as last written) contributed and adds what their
 * activities contribute now: its cost is what those developers own. When
 * nothing of theirs is stored (a first import, a rebuild), the rows are built
 * in Node instead (roi-steps-build.ts), the SQL below their reference.
 */
import type { Db, SqlClient } from '../db/db';
import { traceStep, tracedClient } from '../db/trace';
import { ageSql, lookbackInterval, MAX_LOOKBACK_DAYS } from './lookback';
import { writeStepRows } from './roi-steps-build';

/**
 * SQL: the deltas of pairs `p` (sign, conv, converted_at, campaign_id, touched_at), `zone` (a parameter)
 * the tenant's zone; columns (model, campaign_id, day, age, delta).
 *
 * What it costs is the pairs' rows, so each step does the least per row: first and last deltas are
 * ±1, summed as integers; a linear breakpoint's share (1/n) and step (1/n − 1/previous n) are
 * divided once per breakpoint, not once per campaign at it; the age is ageSql's.
 */
export function deltasSql(pairs: string, zone: string): string {
  return `with p as (
      select sign, conv, campaign_id, touched_at, (converted_at at time zone ${zone})::date as day,
             ${ageSql('converted_at', 'touched_at')} as age
        from ${pairs} pairs),
    ranked as (
      -- One sort: the touch ranked just before in time is the next row, and the last touch is the
      -- final row of the latest instant's ties (the smallest campaign id).
      select p.*, lead(age) over w as first_until,
             touched_at = first_value(touched_at) over w and touched_at is distinct from lead(touched_at) over w as is_last
        from p window w as (partition by sign, conv order by touched_at desc, campaign_id desc)),
    latest as (select sign, conv, day, campaign_id, min(age) as a from p group by 1, 2, 3, 4),
    -- Per breakpoint t of a conversion: n campaigns within t, k of them entering at t.
    breaks as materialized (
      select sign, conv, t, 1::numeric / n as share, case when n > k then 1::numeric / n - 1::numeric / (n - k) end as step
        from (select sign, conv, a as t, count(*)::int as k, (sum(count(*)) over (partition by sign, conv order by a))::int as n
                from latest group by sign, conv, a) x),
    units as (
      select model, campaign_id, day, age, sum(k) as k
        from (select sign as k, 'first' as model, campaign_id, day, age from ranked
              union all
              select -sign, 'first', campaign_id, day, first_until from ranked where first_until <= ${MAX_LOOKBACK_DAYS}
              union all
              select sign, 'last', campaign_id, day, age from ranked where is_last) u
       group by model, campaign_id, day, age
      having sum(k) <> 0),
    shares as (
      -- A campaign gets the share at its own breakpoint, then the step at every later one.
      select l.campaign_id, l.day, b.t,
             case when b.t > l.a then case when l.sign > 0 then b.step else -b.step end
                  when l.sign > 0 then b.share else -b.share end as delta
        from latest l join breaks b on b.sign = l.sign and b.conv = l.conv and b.t >= l.a)
    select model, campaign_id, day, age::smallint as age, k::numeric as delta from units
    union all
    select 'linear', campaign_id, day, t::smallint, sum(delta) from shares group by campaign_id, day, t having sum(delta) <> 0`;
}

/** SQL: pairs of the stored inputs of the developers in $2 (or every developer of tenant $1 when $2 is null), sign −1. */
const OLD_PAIRS = `(select -1 as sign, md5(i.developer_id::text || '/' || c.n)::uuid as conv, c.at as converted_at, t.campaign_id, t.at as touched_at
     from derived.roi_inputs i
     cross join lateral unnest(i.conversions) with ordinality c(at, n)
     join lateral unnest(i.touch_campaigns, i.touch_times) t(campaign_id, at)
       on t.at <= c.at and t.at >= c.at - ${lookbackInterval(String(MAX_LOOKBACK_DAYS))}
    where i.tenant_id = $2 and i.developer_id = any($3::uuid[]))`;

/** SQL: pairs of attribution's `attr_ct` (this refresh's conversions × touches), consenting developers only, sign +1. */
const NEW_PAIRS = `(select 1 as sign, ct.conversion_id as conv, ct.converted_at, ct.campaign_id, ct.touched_at
     from attr_ct ct join developers d on d.developer_id = ct.developer_id and d.consent_analytics)`;

/** SQL: the per-breakpoint deltas (age, d) of the step arrays `ages`, `cum` (cum is their running sum). */
const deltasOf = (ages: string, cum: string) =>
  `select u.age, u.c - coalesce(lag(u.c) over (order by u.i), 0) as d from unnest(${ages}, ${cum}) with ordinality u(age, c, i)`;

/** SQL: the canonical (ages, cum) of deltas (age, d) in `deltas`: summed per age, zeros left out. */
const canonical = (deltas: string) =>
  `select coalesce(array_agg(age order by age), '{}'), coalesce(array_agg(trim_scale(c) order by age), '{}')
     from (select age, sum(d) over (order by age) as c from (select age, sum(d) as d from (${deltas}) x group by age having sum(d) <> 0) y) z`;

/**
 * SQL: the rows (model, campaign_id, day, ages, cum) that `deltas` (model, campaign_id, day, age,
 * delta; summed per breakpoint) add up to: per row its breakpoints in order and the running sums.
 * Sorted by day first and the model bytewise: with a few campaigns and models leading, the sort
 * compared through to the model's collation on most rows (at 1M, 2 s of a 4 s statement).
 */
export const stepRowsSql = (deltas: string) =>
  `select model, campaign_id, day, array_agg(age order by age) as ages, array_agg(trim_scale(c) order by age) as cum
     from (select r.day, r.campaign_id, r.model collate "C" as model, r.age,
                  sum(r.delta) over (partition by r.day, r.campaign_id, r.model collate "C" order by r.age) as c
             from ${deltas} r) x
    group by day, campaign_id, model`;

/**
 * Brings roi_steps and roi_inputs up to date for `developers` ('all': the
 * tenant's every developer), inside attribution's refresh: `attr_ct` holds
 * those developers' conversions without a direct campaign × their direct
 * touches of the 365 days before (conversion_id, developer_id, converted_at,
 * campaign_id, touched_at).
 */
export async function refreshRoiSteps(db: Db, tenant: string, zone: string, developers: readonly string[] | 'all'): Promise<void> {
  const client = tracedClient(db);
  // Whether some of these developers' contributions are stored: only then is anything subtracted.
  let stored = false;
  if (developers !== 'all') {
    // Most refreshes (a list of developers, a profile edit) involve no conversion with a touch.
    const { rows } = await client.query<{ touched: boolean; stored: boolean }>(
      `select exists (select 1 from attr_ct) as touched, exists (select 1 from derived.roi_inputs where developer_id = any($1::uuid[])) as stored`,
      [developers],
    );
    if (!rows[0]!.touched && !rows[0]!.stored) return;
    stored = rows[0]!.stored;
  }
  await client.query('drop table if exists pg_temp.roi_delta');
  if (developers === 'all') {
    await client.query('delete from derived.roi_steps where tenant_id = $1', [tenant]);
    await client.query('delete from derived.roi_inputs where tenant_id = $1', [tenant]);
  }
  // Nothing to subtract (a rebuild, or developers new to ROI such as a first import's): the rows are
  // built in Node from the pairs (roi-steps-build.ts), and none can cancel out, as each model's credit
  // is never negative. Otherwise the old pairs' deltas and the new ones', summed per breakpoint.
  let rows = 'roi_new';
  if (stored) {
    await client.query(`create temp table roi_delta on commit drop as ${deltasSql(`(${NEW_PAIRS} union all ${OLD_PAIRS})`, '$1')}`, [
      zone,
      tenant,
      developers,
    ]);
    rows = `(${stepRowsSql('roi_delta')})`;
  } else {
    await client.query('drop table if exists pg_temp.roi_new');
    await client.query('create temp table roi_new (model text, campaign_id uuid, day date, ages smallint[], cum numeric[]) on commit drop');
    // COPY streams go through the connection itself (a traced client takes text statements only).
    const started = performance.now();
    const written = await writeStepRows(db.$client, NEW_PAIRS, zone, 'roi_new');
    traceStep(`derived: roi steps built (${written} rows)`, started);
  }
  // A row's deltas are canonical (summed per breakpoint, no zeros): a new row takes them as they are;
  // an existing one adds them when written (the upsert re-reads a row another transaction changed
  // meanwhile), so concurrent refreshes add up instead of overwriting.
  // A deleted campaign's rows went with it (cascade): its part of the stored inputs is dropped.
  await client.query(
    `insert into derived.roi_steps as s (tenant_id, model, campaign_id, day, ages, cum)
     select $1, r.model, r.campaign_id, r.day, r.ages, r.cum
       from ${rows} r
      where exists (select 1 from campaigns c where c.campaign_id = r.campaign_id)
     on conflict (tenant_id, model, campaign_id, day) do update
       set (ages, cum) = (${canonical(`${deltasOf('s.ages', 's.cum')} union all ${deltasOf('excluded.ages', 'excluded.cum')}`)})`,
    [tenant],
  );
  // Rows whose contributions cancelled out.
  if (stored) {
    await client.query(
      `delete from derived.roi_steps s using (select distinct model, campaign_id, day from roi_delta) d
        where s.tenant_id = $1 and s.model = d.model and s.campaign_id = d.campaign_id and s.day = d.day and cardinality(s.ages) = 0`,
      [tenant],
    );
  }
  await writeInputs(client, tenant, developers, stored);
}

/**
 * Replaces the developers' roi_inputs with what attr_ct holds for them now. `stored`: some of them
 * have rows (else there is nothing to delete: at 1M, a first import's probe of 122k ids cost 0.17 s).
 */
async function writeInputs(client: SqlClient, tenant: string, developers: readonly string[] | 'all', stored: boolean): Promise<void> {
  if (developers !== 'all' && stored) {
    await client.query('delete from derived.roi_inputs where developer_id = any($1::uuid[])', [developers]);
  }
  await client.query(
    `insert into derived.roi_inputs (developer_id, tenant_id, conversions, touch_campaigns, touch_times)
     select c.developer_id, $1, c.conversions, t.campaigns, t.times
       from (select developer_id, array_agg(converted_at order by converted_at) as conversions
               from (select distinct ct.developer_id, ct.conversion_id, ct.converted_at from attr_ct ct
                       join developers d on d.developer_id = ct.developer_id and d.consent_analytics) x
              group by developer_id) c
       join (select developer_id, array_agg(campaign_id order by touched_at, campaign_id) as campaigns,
                    array_agg(touched_at order by touched_at, campaign_id) as times
               from (select distinct ct.developer_id, ct.campaign_id, ct.touched_at from attr_ct ct
                       join developers d on d.developer_id = ct.developer_id and d.consent_analytics) x
              group by developer_id) t using (developer_id)`,
    [tenant],
  );
}

/**
 * SQL summing, per campaign_id, the multi-touch credit of model $3 within a
 * lookback of $2 days over roi_steps rows of tenant $1 whose day is in
 * [$4, $5) (either null: open), for campaign $6 (null: every campaign).
 */
export const ROI_CREDIT_SQL = `select campaign_id, sum(cum[width_bucket($2::smallint, ages)]) as weight
   from derived.roi_steps
  where tenant_id = $1 and model = $3 and ($4::date is null or day >= $4::date) and ($5::date is null or day < $5::date)
    and ($6::uuid is null or campaign_id = $6::uuid) and width_bucket($2::smallint, ages) > 0
  group by campaign_id`;
