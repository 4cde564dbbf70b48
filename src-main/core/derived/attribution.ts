/**
 * Multi-touch attribution (DESIGN.md, "Attribution"), kept current for the
 * developers a change names.
 *
 * Direct attribution is written by the import: the row's campaign, else its
 * resource's, else its utm_campaign's, weight 1. A conversion (an activity of
 * a developer whose action maps to the tenant's conversion stage) without a
 * direct campaign gets credit over the campaigns that developer touched
 * (activities attributed directly) in [converted_at − lookback, converted_at]:
 * linear (1/n over the distinct campaigns), first-touch or last-touch (weight
 * 1 to the earliest or latest touch; ties by campaign id). No touch, no credit.
 *
 * Both kinds live in the spec's activity_campaigns. A multi-touch row is told
 * apart by its id: a version-8 UUID ("custom", RFC 9562) derived from
 * (activity, campaign), where the import writes version 4 or 7. That keeps the
 * distinction in the spec's own tables (the derived schema can be dropped and
 * rebuilt), and makes a recomputed row identical to the one it replaces, ids
 * included, so an incremental refresh leaves exactly what a rebuild would.
 *
 * derived.conversion_touches keeps, for every conversion without a direct
 * campaign (of developers with analytics consent: what ROI counts), each
 * touch in the 365 days before it with what every model needs
 * to credit it for any lookback, so that ROI under another model or lookback
 * is one filtered sum, with no scan of activities. Lookbacks are counted in
 * 24-hour days back from the conversion's instant, both ends included.
 *
 * Changed credit also goes into derived.campaign_daily here, as an exact
 * difference (old rows out, new rows in), so that a merge or an import does
 * not make that table recompute every day between the first and the last
 * conversion it touched.
 */
import type { Db, SqlClient } from '../db/db';
import { traceStep, tracedClient } from '../db/trace';
import { readSettings } from '../settings/read';
import { addToCampaignDaily, IS_MULTI_TOUCH } from './campaign-daily';
import type { DerivedChange, Span } from './change';

export { IS_MULTI_TOUCH };

/** SQL: the id of the multi-touch row of (activity, campaign), a version-8 UUID. */
const MULTI_TOUCH_ID = (activity: string, campaign: string) =>
  `overlay(overlay(md5(${activity}::text || '|' || ${campaign}::text) placing '8' from 13 for 1) placing '8' from 17 for 1)::uuid`;

/** Up to this many activities, a refresh reads activity_campaigns by index probes instead of a join. */
const INDEX_PROBES = 20_000;

/** The longest lookback a query may ask for; conversion_touches keeps this much. */
export const MAX_LOOKBACK_DAYS = 365;

/** SQL: `days` (a SQL integer expression) as an interval of whole 24-hour days. */
export const lookbackInterval = (days: string) => `make_interval(hours => 24 * (${days}))`;

/**
 * SQL selecting (conversion_id, campaign_id, weight) of each conversion's
 * credit under `model`, from a relation `touches` with (conversion_id,
 * converted_at, campaign_id, touched_at), keeping touches within `lookback`
 * (a SQL integer expression, days). Weights of one conversion sum to 1.
 */
export function creditSql(model: 'linear' | 'first' | 'last', touches: string, lookback: string): string {
  const inWindow = `touched_at >= converted_at - ${lookbackInterval(lookback)}`;
  if (model === 'linear') {
    return `select conversion_id, campaign_id, 1::numeric / count(*) over (partition by conversion_id) as weight
              from (select distinct conversion_id, campaign_id from ${touches} where ${inWindow}) d`;
  }
  const order = model === 'first' ? 'touched_at asc' : 'touched_at desc';
  return `select distinct on (conversion_id) conversion_id, campaign_id, 1::numeric as weight
            from ${touches} where ${inWindow}
           order by conversion_id, ${order}, campaign_id`;
}

/** A lookback longer than any: where a first touch that nothing precedes stops needing one. */
export const OPEN_END = MAX_LOOKBACK_DAYS + 1;

/**
 * derived.conversion_touches from `attr_ct` (this refresh's touches), for
 * developers with analytics consent, with each model's credit rule as
 * columns. A touch `age` days old (rounded up: 24 h and 1 ms is 2 days) is in
 * every lookback L ≥ age, exactly as creditSql counts 24-hour days back.
 * - last: the latest touch (ties by campaign id) wins for L ≥ age;
 * - first: a touch wins for age ≤ L < the age of the touch ranked just before
 *   it (by time, then campaign id): within L, nothing earlier is;
 * - linear: each campaign's latest touch holds the sorted ages of all of
 *   them, so n within L is width_bucket(L, thresholds).
 */
async function writeTouches(client: SqlClient, tenant: string, incoming: number): Promise<void> {
  // One sort per campaign for campaign_latest, then one per conversion, latest touch first (w), for
  // the rest: the touch ranked just before in time is the next row; the last touch is the final
  // row of the latest instant's ties; and ages come in ascending order for thresholds.
  await withTouchIndexesDeferred(client, incoming, () =>
    client.query(
      `insert into derived.conversion_touches
         (tenant_id, conversion_id, developer_id, converted_at, campaign_id, touched_at, age, first_until, is_last, thresholds)
       select $1, conversion_id, developer_id, converted_at, campaign_id, touched_at, age,
              coalesce(lead(age) over w, $2) as first_until,
              touched_at = first_value(touched_at) over w and touched_at is distinct from lead(touched_at) over w as is_last,
              case when campaign_latest
                   then (array_agg(age) filter (where campaign_latest) over (w rows between unbounded preceding and unbounded following))::smallint[]
              end as thresholds
         from (select ct.*, ceil(extract(epoch from ct.converted_at - ct.touched_at) / 86400)::int as age,
                      row_number() over (partition by ct.conversion_id, ct.campaign_id order by ct.touched_at desc) = 1 as campaign_latest
                 from attr_ct ct join developers d on d.developer_id = ct.developer_id and d.consent_analytics) a
       window w as (partition by conversion_id order by touched_at desc, campaign_id desc)
        order by conversion_id`,
      [tenant, OPEN_END],
    ),
  );
}

/** SQL: `name` as a quoted identifier. */
const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Touches below this go through conversion_touches' indexes: rebuilding them would cost more. */
const TOUCHES_BULK_MIN = 50_000;

/**
 * Runs `write` with conversion_touches' indexes and primary key dropped, and
 * builds them again by sorting afterwards, when `incoming` rows are many and
 * at least a quarter of the table (as the importer does for activities,
 * imports/load/index-aware.ts): maintaining three B-trees row by row is most of
 * the cost of a large write (580k touches: ~10 s through them, ~1 s
 * without plus ~1.2 s to rebuild them). Inside the
 * caller's transaction: a failure rolls the DDL back with the rest, readers
 * wait for the commit. Nothing references the table's keys, and the rows
 * written are distinct, so re-adding the key cannot fail where the insert
 * would not have.
 */
async function withTouchIndexesDeferred(client: SqlClient, incoming: number, write: () => Promise<unknown>): Promise<void> {
  const table = 'derived.conversion_touches';
  if (incoming < TOUCHES_BULK_MIN) {
    await write();
    return;
  }
  const { rows } = await client.query<{ mine: boolean; existing: number }>(
    `select pg_get_userbyid(c.relowner) = current_user as mine, greatest(c.reltuples, 0)::float8 as existing
       from pg_class c where c.oid = $1::regclass`,
    [table],
  );
  const r = rows[0];
  if (!r?.mine || incoming * 4 < r.existing) {
    await write();
    return;
  }
  const keys = await client.query<{ name: string; def: string }>(
    `select conname as name, pg_get_constraintdef(oid) as def from pg_constraint where conrelid = $1::regclass and contype = 'p'`,
    [table],
  );
  const indexes = await client.query<{ name: string; def: string }>(
    `select c.relname as name, pg_get_indexdef(i.indexrelid) as def
       from pg_index i join pg_class c on c.oid = i.indexrelid
      where i.indrelid = $1::regclass and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)`,
    [table],
  );
  for (const k of keys.rows) await client.query(`alter table ${table} drop constraint ${quoteIdent(k.name)}`);
  for (const index of indexes.rows) await client.query(`drop index derived.${quoteIdent(index.name)}`);
  await write();
  // Sorting for the builds happens in memory; local to this transaction.
  await client.query("set local maintenance_work_mem = '256MB'");
  for (const k of keys.rows) await client.query(`alter table ${table} add constraint ${quoteIdent(k.name)} ${k.def}`);
  for (const index of indexes.rows) await client.query(index.def);
}

/**
 * SQL summing, per campaign_id, the credit `model` gives within a lookback of
 * `lookback` days (an int SQL expression), over conversion_touches rows `ct`.
 */
export function touchCreditSql(model: 'linear' | 'first' | 'last', lookback: string): { weight: string; where: string } {
  if (model === 'first') return { weight: '1', where: `ct.age <= ${lookback} and ct.first_until > ${lookback}` };
  if (model === 'last') return { weight: '1', where: `ct.is_last and ct.age <= ${lookback}` };
  return {
    weight: `1::numeric / width_bucket(${lookback}, ct.thresholds::int[])`,
    where: `ct.thresholds is not null and ct.age <= ${lookback}`,
  };
}

/** What a refresh of attribution changed. */
export interface Attributed {
  /** Instants of the activities whose attribution changed, which the counting steps after this one widen theirs by. */
  span: DerivedChange['span'];
  /** The campaigns whose campaign_daily rows it changed; undefined after 'all' (every campaign). */
  campaigns?: string[];
}

/**
 * Recomputes the multi-touch rows and conversion touches of the developers in
 * `change` ('all': every developer).
 */
export async function refreshAttribution(db: Db, tenant: string, change: DerivedChange): Promise<Attributed> {
  const all = change.developers === 'all';
  if (!all && change.developers.length === 0) return { span: null, campaigns: [] };
  const started = performance.now();
  try {
    return await attribute(db, tenant, change, all);
  } finally {
    traceStep(`derived: attribution (${all ? 'all' : change.developers.length} developers)`, started);
  }
}

async function attribute(db: Db, tenant: string, change: DerivedChange, all: boolean): Promise<Attributed> {
  // Each statement timed under DRM_IMPORT_TRACE=1, as the import's own are.
  const client = tracedClient(db);
  const settings = await readSettings(db, tenant);
  const t = [tenant];

  // A second refresh in the same transaction starts clean.
  await client.query(
    'drop table if exists pg_temp.attr_mine, pg_temp.attr_old, pg_temp.attr_touch, pg_temp.attr_conversion, pg_temp.attr_ct, pg_temp.attr_new, pg_temp.attr_diff',
  );
  /** The developers' activities (activity_id, developer_id, action, occurred_at, source), read once through idx_activities_tenant_dev. */
  let mine = '(select activity_id, developer_id, action, occurred_at from activities where tenant_id = $1 and developer_id is not null)';
  /** SQL: the rows of activity_campaigns `ac` of those activities. */
  let attributed = `ac.tenant_id = $1 and ac.activity_id = a.activity_id`;
  let few = false;
  if (!all) {
    const { rowCount } = await client.query(
      `create temp table attr_mine on commit drop as
       select activity_id, developer_id, action, occurred_at, source from activities where tenant_id = $1 and developer_id = any($2::uuid[])`,
      [tenant, change.developers as string[]],
    );
    await client.query('analyze attr_mine');
    mine = 'attr_mine';
    // A few developers (a merge, a small file): probe activity_campaigns' (tenant, activity) index
    // rather than let a join read the whole table.
    few = (rowCount ?? 0) <= INDEX_PROBES;
    if (few) {
      attributed = `ac.tenant_id = $1 and ac.activity_id = any(array(select activity_id from attr_mine)) and ac.activity_id = a.activity_id`;
    }
  }

  await client.query('create temp table attr_old (activity_id uuid, campaign_id uuid, weight numeric) on commit drop');
  // Every multi-touch row goes; what remains of these activities' rows is direct.
  await client.query(
    all
      ? `delete from activity_campaigns ac where ac.tenant_id = $1 and ${IS_MULTI_TOUCH('ac')}`
      : `with gone as (delete from activity_campaigns ac using attr_mine a
                        where ${attributed} and ${IS_MULTI_TOUCH('ac')}
                        returning ac.activity_id, ac.campaign_id, ac.weight)
         insert into attr_old select * from gone`,
    t,
  );
  if (all) {
    await client.query('delete from derived.conversion_touches where tenant_id = $1', t);
  } else {
    // By developer, and by conversion (a merge may have moved it from a developer not named).
    await client.query('delete from derived.conversion_touches where tenant_id = $1 and developer_id = any($2::uuid[])', [
      tenant,
      change.developers,
    ]);
    await client.query('delete from derived.conversion_touches where conversion_id = any(array(select activity_id from attr_mine))');
  }

  // Touches: activities of these developers attributed directly to a campaign.
  await client.query(
    `create temp table attr_touch on commit drop as
     select a.developer_id, ac.campaign_id, a.occurred_at as touched_at
       from ${mine} a join activity_campaigns ac on ${attributed}`,
    t,
  );
  // An index lets a few conversions find their touches; for many, a hash join on developer reads
  // attr_touch once in order (a merge join through the index read it at random: 1.5 s at 1M).
  if (few) await client.query('create index on attr_touch (developer_id, touched_at)');
  await client.query('analyze attr_touch');
  // Conversions without a direct campaign, of developers who touched any.
  const converting = await client.query<{ actions: string[] }>(
    'select array(select action from activity_funnel_map where tenant_id = $1 and stage_key = $2) as actions',
    [tenant, settings.conversionStage],
  );
  await client.query(
    `create temp table attr_conversion on commit drop as
     select a.activity_id, a.developer_id, a.occurred_at
       from ${mine} a
      where a.action = any($2::text[])
        and a.developer_id in (select developer_id from attr_touch)
        and not exists (select 1 from activity_campaigns ac where ac.tenant_id = $1 and ac.activity_id = a.activity_id)`,
    [tenant, converting.rows[0]!.actions],
  );
  await client.query('analyze attr_conversion');
  const touches = await client.query(
    `create temp table attr_ct on commit drop as
     select distinct c.activity_id as conversion_id, c.developer_id, c.occurred_at as converted_at, t.campaign_id, t.touched_at
       from attr_conversion c
       join attr_touch t on t.developer_id = c.developer_id
        and t.touched_at <= c.occurred_at and t.touched_at >= c.occurred_at - ${lookbackInterval(String(MAX_LOOKBACK_DAYS))}`,
  );
  await writeTouches(client, tenant, touches.rowCount ?? 0);

  // The tenant's model over the tenant's lookback, written as multi-touch rows.
  await client.query(`create temp table attr_new on commit drop as ${creditSql(settings.attributionModel, 'attr_ct', '$1::int')}`, [
    settings.lookbackDays,
  ]);
  await client.query(
    `insert into activity_campaigns (activity_campaign_id, tenant_id, activity_id, campaign_id, weight)
     select ${MULTI_TOUCH_ID('conversion_id', 'campaign_id')}, $1, conversion_id, campaign_id, weight from attr_new`,
    [tenant],
  );
  if (all) return { span: 'all' };

  // What changed, as a difference: campaign_daily takes it exactly, without recomputing days.
  await client.query(
    `create temp table attr_diff on commit drop as
     select coalesce(o.activity_id, n.conversion_id) as activity_id, coalesce(o.campaign_id, n.campaign_id) as campaign_id,
            coalesce(n.weight, 0) - coalesce(o.weight, 0) as weight,
            (n.conversion_id is not null)::int - (o.activity_id is not null)::int as n, true as multi
       from attr_old o full join attr_new n on n.conversion_id = o.activity_id and n.campaign_id = o.campaign_id
      where o.weight is distinct from n.weight`,
  );
  await client.query('analyze attr_diff');
  // Every activity of attr_diff is one of attr_mine's: read them there, not in activities.
  await addToCampaignDaily(
    db,
    tenant,
    settings.timeZone,
    'select * from attr_diff',
    '(select activity_id, $1::text as tenant_id, developer_id, action, occurred_at, source from attr_mine)',
  );
  const { rows } = await client.query<{ from: Date | null; to: Date | null; campaigns: string[] }>(
    `select min(a.occurred_at) as "from", max(a.occurred_at) as "to",
            array(select distinct campaign_id from attr_diff) as campaigns
       from attr_mine a where a.activity_id in (select activity_id from attr_diff)`,
  );
  const changed = rows[0];
  if (!changed?.from || !changed.to) return { span: null, campaigns: [] };
  const span: Span = { from: changed.from, to: new Date(changed.to.getTime() + 1) };
  return { span, campaigns: changed.campaigns };
}
