/**
 * A resource's page: its activities by action over time, the developers
 * behind them (analytics consent, as every analytics number), their stage
 * mix, the campaigns the activities are attributed to, and — by category —
 * event figures or content conversions (README, "Resources and events").
 * Every read goes through idx_activities_tenant_res, then by developer.
 */
import type { ResourceReport } from '../../../src-shared/contract/resources';
import type { ResourceBucket } from '../../../src-shared/contract/values';
import { BUCKET_SQL } from '../analytics/trend';
import { MERGED_AWAY_SQL } from '../identity/merged-away';
import { readSettings } from '../settings/read';
import type { Db } from '../db/db';
import { attendeeStages, isEvent, listEvents } from './events';
import { getResource } from './service';

const CONTENT = new Set(['blog', 'video', 'repo']);

/** SQL: the resource's ($2) activities `a` of counted developers `d`. */
const COUNTED = `activities a join developers d on d.developer_id = a.developer_id
  where a.tenant_id = $1 and a.resource_id = $2 and d.consent_analytics and not ${MERGED_AWAY_SQL('d.developer_id')}`;

async function timeline(db: Db, tenant: string, resourceId: string, zone: string, bucket: ResourceBucket) {
  const { rows } = await db.$client.query<{ period: string; action: string; n: string }>(
    `select to_char(${BUCKET_SQL[bucket]('(a.occurred_at at time zone $3)::date')}, 'YYYY-MM-DD') as period, a.action, count(*) as n
       from activities a where a.tenant_id = $1 and a.resource_id = $2 group by 1, 2 order by 1, 2`,
    [tenant, resourceId, zone],
  );
  return rows.map((r) => ({ period: r.period, action: r.action, activities: Number(r.n) }));
}

async function people(db: Db, tenant: string, resourceId: string) {
  const t = [tenant, resourceId];
  const [actions, totals, mix, campaigns] = await Promise.all([
    db.$client.query<{ action: string; n: string; developers: string }>(
      `select a.action, count(*) as n, count(distinct a.developer_id) filter (where d.consent_analytics and not ${MERGED_AWAY_SQL('d.developer_id')}) as developers
         from activities a left join developers d on d.developer_id = a.developer_id
        where a.tenant_id = $1 and a.resource_id = $2 group by a.action order by count(*) desc, a.action`,
      t,
    ),
    db.$client.query<{ developers: string; anonymous: string }>(
      `select (select count(distinct a.developer_id) from ${COUNTED}) as developers,
              (select count(*) from activities a where a.tenant_id = $1 and a.resource_id = $2 and a.developer_id is null) as anonymous`,
      t,
    ),
    db.$client.query<{ stage_key: string | null; n: string }>(
      `select fs.stage_key, count(*) as n
         from derived.developer_search ds left join funnel_stages fs on fs.order_no = ds.highest_stage
        where ds.tenant_id = $1 and ds.developer_id in (select a.developer_id from ${COUNTED})
        group by fs.stage_key, fs.order_no order by fs.order_no nulls last`,
      t,
    ),
    db.$client.query<{ campaign_id: string; name: string; n: string; weight: string }>(
      // The resource's activities probe activity_campaigns' (tenant, activity) key. As a join, the planner
      // misjudged a resource's share and read the whole table, probing activities for each row (2 s at 1M).
      `select c.campaign_id, c.name, count(*) as n, sum(ac.weight)::float8 as weight
         from activity_campaigns ac join campaigns c on c.campaign_id = ac.campaign_id
        where ac.tenant_id = $1
          and ac.activity_id = any(array(select a.activity_id from activities a where a.tenant_id = $1 and a.resource_id = $2))
        group by c.campaign_id, c.name order by sum(ac.weight) desc, c.name`,
      t,
    ),
  ]);
  return {
    actions: actions.rows.map((r) => ({ action: r.action, activities: Number(r.n), developers: Number(r.developers) })),
    developers: Number(totals.rows[0]!.developers),
    anonymousActivities: Number(totals.rows[0]!.anonymous),
    stageMix: mix.rows.map((r) => ({ stage: r.stage_key, developers: Number(r.n) })),
    campaigns: campaigns.rows.map((r) => ({ campaignId: r.campaign_id, name: r.name, activities: Number(r.n), weight: Number(r.weight) })),
  };
}

/**
 * Content: each counted developer's first touch of the resource; a
 * conversion is an activity mapped to the conversion stage within 30 days
 * after it (both ends included) by a developer with none before it.
 */
async function content(db: Db, tenant: string, resourceId: string, conversionStage: string): Promise<ResourceReport['content']> {
  const { rows } = await db.$client.query<{ developers: string; conversions: string; before: string }>(
    `with first as (select a.developer_id, min(a.occurred_at) as at from ${COUNTED} group by a.developer_id),
     converting as (select action from activity_funnel_map where tenant_id = $1 and stage_key = $3),
     judged as (
       select f.developer_id,
              exists (select 1 from activities b where b.tenant_id = $1 and b.developer_id = f.developer_id
                         and b.action in (select action from converting) and b.occurred_at < f.at) as before,
              exists (select 1 from activities b where b.tenant_id = $1 and b.developer_id = f.developer_id
                         and b.action in (select action from converting)
                         and b.occurred_at >= f.at and b.occurred_at <= f.at + interval '30 days') as within
         from first f)
     select count(*) as developers, count(*) filter (where within and not before) as conversions, count(*) filter (where before) as before
       from judged`,
    [tenant, resourceId, conversionStage],
  );
  const r = rows[0]!;
  return { developers: Number(r.developers), conversionStage, conversions: Number(r.conversions), convertedBefore: Number(r.before) };
}

export async function resourceReport(db: Db, tenant: string, resourceId: string, bucket: ResourceBucket): Promise<ResourceReport> {
  const resource = await getResource(db, tenant, resourceId); // NOT_FOUND first
  const settings = await readSettings(db, tenant);
  const [points, who, event] = await Promise.all([
    timeline(db, tenant, resourceId, settings.timeZone, bucket),
    people(db, tenant, resourceId),
    isEvent(db, tenant, resourceId),
  ]);
  let eventPart: ResourceReport['event'] = null;
  if (event) {
    // Each listEvents ranks every event's attendances (about a second at 1M), and a row does not depend
    // on the filter: an event in a series takes its figures from the series' row instead of a second pass.
    const series = resource.groupKey === null ? [] : await listEvents(db, tenant, { groupKey: resource.groupKey });
    const figures = series.find((e) => e.resourceId === resourceId) ?? (await listEvents(db, tenant, { only: resourceId }))[0];
    const stages = await attendeeStages(db, tenant, resourceId);
    eventPart = { figures: figures!, ...stages, series };
  }
  const contentPart = CONTENT.has(resource.category) ? await content(db, tenant, resourceId, settings.conversionStage) : null;
  return { resource, bucket, timeline: points, ...who, event: eventPart, content: contentPart };
}
