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
 derived.roi_steps keeps, for conversions without a direct campaign (of
 * developers with analytics consent: what ROI counts), every model's credit
 * for every lookback up to 365 days per campaign and conversion day
 * (roi-steps.ts), so that ROI under another model or lookback is one sum
 * over a table sized by campaigns × days, with no scan of activities.
 * Lookbacks are counted in 24-hour days back from the conversion's instant,
 * both ends included (lookback.ts).
 *
 * Changed credit also goes into derived.campaign_daily here, as an exact
 * difference (old rows out, new rows in), so that a merge or an import does
 * not make that table recompute every day between the first and the last
 * conversion it touched.
 */
import type { Db } from '../db/db';
import { traceStep, tracedClient } from '../db/trace';
import { readSettings } from '../settings/read';
import { addToCampaignDaily, IS_MULTI_TOUCH } from './campaign-daily';
import type { DerivedChange, Span } from './change';
import { lookbackInterval, MAX_LOOKBACK_DAYS } from './lookback';
import { withHashJoins } from './hash-joins';
import { refreshRoiSteps } from './roi-steps';

export { IS_MULTI_TOUCH };

/** SQL: the id of the multi-touch row of (activity, campaign), a version-8 UUID. */
const MULTI_TOUCH_ID = (activity: string, campaign: string) =>
  `overlay(overlay(md5(${activity}::text || '|' || ${campaign}::text) placing '8' from 13 for 1) placing '8' from 17 for 1)::uuid`;

/** Up to this many activities, a refresh reads activity_campaigns by index probes instead of a join. */
const INDEX_PROBES = 20_000;

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

/** What a refresh of attribution changed. */
export interface Attributed {
  /** Instants of the activities whose attribution changed, which the counting steps after this one widen theirs by. */
  span: DerivedChange['span'];
  /** The campaigns whose campaign_daily rows it changed; undefined after 'all' (every campaign). */
  campaigns?: string[];
}

/**
 * Recomputes the multi-touch rows and ROI steps of the developers in
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
  // The anti-join is planned from activity_campaigns' statistics, which still count the multi-touch
  // rows deleted above: it is taken for one row, and a nested loop then rescanned attr_touch per
  // conversion (over two minutes at 1M for 55k developers; hash-joins.ts). Few developers keep the probes.
  await withHashJoins(db, !few, () =>
    client.query(
      `create temp table attr_conversion on commit drop as
       select a.activity_id, a.developer_id, a.occurred_at
         from ${mine} a
        where a.action = any($2::text[])
          and a.developer_id in (select developer_id from attr_touch)
          and not exists (select 1 from activity_campaigns ac where ac.tenant_id = $1 and ac.activity_id = a.activity_id)`,
      [tenant, converting.rows[0]!.actions],
    ),
  );
  await client.query('analyze attr_conversion');
  await client.query(
    `create temp table attr_ct on commit drop as
     select distinct c.activity_id as conversion_id, c.developer_id, c.occurred_at as converted_at, t.campaign_id, t.touched_at
       from attr_conversion c
       join attr_touch t on t.developer_id = c.developer_id
        and t.touched_at <= c.occurred_at and t.touched_at >= c.occurred_at - ${lookbackInterval(String(MAX_LOOKBACK_DAYS))}`,
  );
  // roi-steps.ts joins it with developers: without statistics the planner hashed every developer
  // (two or three reads of the table, 0.1–0.3 s of a merge of two people) instead of probing for its few.
  await client.query('analyze attr_ct');
  await refreshRoiSteps(db, tenant, settings.timeZone, all ? 'all' : change.developers);

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
