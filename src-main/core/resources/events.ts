/**
 * Event figures (README, "Resources and events"): per event, over the
 * registrations, cancellations and attendances of developers with analytics
 * consent. An event is a resource of category event or webinar, or one a
 * connpass import wrote activities for. Each developer counts once per event,
 * by their last status: attended if they have any attendance; else cancelled
 * if their latest registration or cancellation is a cancellation (a tie goes
 * to the cancellation); else registered.
 *
 * Activities are read through idx_activities_tenant_res (the events' own) and
 * idx_activities_tenant_dev (each attendee's earlier attendances).
 */
import type { EventRow, EventsQuery } from '../../../src-shared/contract/resources';
import { MERGED_AWAY_SQL } from '../identity/merged-away';
import { readSettings } from '../settings/read';
import type { Db } from '../db/db';

/** SQL: resource `r` is an event by its category. */
const EVENT_CATEGORY = (r: string) => `${r}.category in ('event', 'webinar')`;
/** SQL: activity `a` is one a connpass import writes (it writes only these, for its events). */
const CONNPASS_EVENT_ACTIVITY = (a: string) => `${a}.action in ('register', 'cancel', 'attend', 'waitlist') and ${a}.source = 'connpass'`;

/**
 * SQL: the tenant's ($1) event resources (resource_id, title, group_key). A
 * connpass import writes only these actions, so its resources are found
 * through idx_activities_tenant_action in one hashed pass, rather than by
 * probing every other resource's activities for their source.
 */
export const EVENT_RESOURCES = `select r.resource_id, r.title, r.group_key from resources r
  where r.tenant_id = $1 and (${EVENT_CATEGORY('r')} or r.resource_id in (
    select a.resource_id from activities a where a.tenant_id = $1 and ${CONNPASS_EVENT_ACTIVITY('a')}))`;

/**
 * SQL: per developer of the events in relation `ev` (resource_id, …): first
 * attendance and last registration status. `$1` tenant.
 */
export const EVENT_PEOPLE = (ev: string) => `select a.resource_id, a.developer_id,
    min(a.occurred_at) filter (where a.action = 'attend') as attended_at,
    (array_agg(a.action order by a.occurred_at desc, a.action) filter (where a.action in ('register', 'cancel')))[1] as status
  from ${ev} e join activities a on a.tenant_id = $1 and a.resource_id = e.resource_id
  join developers d on d.developer_id = a.developer_id
 where a.action in ('register', 'cancel', 'attend') and d.consent_analytics and not ${MERGED_AWAY_SQL('d.developer_id')}
 group by a.resource_id, a.developer_id`;

interface Raw {
  resource_id: string;
  title: string | null;
  group_key: string | null;
  date: string | null;
  registered: string;
  cancelled: string;
  attended: string;
  repeat: string;
  repeat_in_group: string;
}

/**
 * Every event, or those dated in [from, to) and of one group, by date.
 * `only`: one event's id (a resource's page).
 */
export async function listEvents(db: Db, tenant: string, query: EventsQuery & { only?: string }): Promise<EventRow[]> {
  const { timeZone } = await readSettings(db, tenant);
  const { rows } = await db.$client.query<Raw>(
    `with ev_all as materialized (${EVENT_RESOURCES}),
     -- Every event's people, ranked per developer by first attendance (in all events, in the group):
     -- rank > 1 is an attendance after another event's, computed once instead of probed per attendee.
     people_all as materialized (
       select p.*, g.group_key,
              case when p.attended_at is not null then rank() over (partition by p.developer_id order by p.attended_at) end as nth,
              case when p.attended_at is not null then rank() over (partition by p.developer_id, g.group_key order by p.attended_at) end as nth_in_group
         from (${EVENT_PEOPLE('ev_all')}) p join ev_all g on g.resource_id = p.resource_id),
     ev as materialized (select * from ev_all where ($3::text is null or group_key = $3) and ($6::uuid is null or resource_id = $6)),
     people as materialized (select * from people_all where resource_id in (select resource_id from ev)),
     -- Materialized, with first attendances grouped once: inlined, the day was recomputed per attendee row.
     dated as materialized (
       select ev.*, (coalesce(f.first_attended,
                              (select max(a.occurred_at) from activities a where a.tenant_id = $1 and a.resource_id = ev.resource_id))
                     at time zone $2)::date as day
         from ev left join (select resource_id, min(attended_at) as first_attended from people group by resource_id) f
           on f.resource_id = ev.resource_id)
     select e.resource_id, e.title, e.group_key, to_char(e.day, 'YYYY-MM-DD') as date,
            count(p.developer_id) as registered,
            count(*) filter (where p.attended_at is null and p.status = 'cancel') as cancelled,
            count(p.attended_at) as attended,
            count(*) filter (where p.nth > 1) as repeat,
            count(*) filter (where p.nth_in_group > 1 and e.group_key is not null) as repeat_in_group
       from dated e left join people p on p.resource_id = e.resource_id
      where ($4::date is null or e.day >= $4::date) and ($5::date is null or e.day < $5::date)
      group by e.resource_id, e.title, e.group_key, e.day
      order by e.day nulls last, lower(e.title), e.resource_id`,
    [tenant, timeZone, query.groupKey ?? null, query.from ?? null, query.to ?? null, query.only ?? null],
  );
  return rows.map((r) => {
    const [registered, cancelled, attended] = [Number(r.registered), Number(r.cancelled), Number(r.attended)];
    const stayed = registered - cancelled;
    const noShows = stayed - attended;
    const repeat = Number(r.repeat);
    return {
      resourceId: r.resource_id,
      title: r.title,
      groupKey: r.group_key,
      date: r.date,
      registered,
      cancelled,
      attended,
      noShows,
      noShowRate: attended === 0 || stayed === 0 ? null : noShows / stayed,
      firstTime: attended - repeat,
      repeat,
      repeatInGroup: r.group_key === null ? null : Number(r.repeat_in_group),
    };
  });
}

/**
 * Whether the resource is an event (its page then shows event figures): by its
 * category, else by its own activities (idx_activities_tenant_res), not by every
 * event's as EVENT_RESOURCES finds them (0.2–0.9 s at 1M activities).
 */
export async function isEvent(db: Db, tenant: string, resourceId: string): Promise<boolean> {
  const { rows } = await db.$client.query(
    `select 1 from resources r
      where r.tenant_id = $1 and r.resource_id = $2
        and (${EVENT_CATEGORY('r')} or exists (
          select 1 from activities a where a.tenant_id = $1 and a.resource_id = $2 and ${CONNPASS_EVENT_ACTIVITY('a')}))`,
    [tenant, resourceId],
  );
  return rows.length > 0;
}

/**
 * The event's attendees per highest stage reached before attending and by 30
 * days after (inclusive), in stage order, stage null (none) last; and how
 * many went beyond their highest stage before.
 */
export async function attendeeStages(
  db: Db,
  tenant: string,
  resourceId: string,
): Promise<{ stages: { stage: string | null; before: number; after: number }[]; advanced: number }> {
  const { rows } = await db.$client.query<{ stage_key: string | null; before: string; after: string; advanced: string }>(
    `with ev as (select $2::uuid as resource_id),
     people as (${EVENT_PEOPLE('ev')}),
     stage_of as (select fm.action, fs.order_no from activity_funnel_map fm join funnel_stages fs on fs.stage_key = fm.stage_key
                   where fm.tenant_id = $1 and fs.order_no >= 1),
     -- Both from one read of each attendee's activities up to 30 days after (idx_activities_tenant_dev), not two.
     reach as (
       select p.developer_id, x.before, x.after
         from people p cross join lateral (
           select max(s.order_no) filter (where b.occurred_at < p.attended_at) as before, max(s.order_no) as after
             from activities b join stage_of s on s.action = b.action
            where b.tenant_id = $1 and b.developer_id = p.developer_id and b.occurred_at <= p.attended_at + interval '30 days') x
        where p.attended_at is not null),
     stages as (select stage_key, order_no from funnel_stages where order_no >= 1 union all select null, null)
     select st.stage_key,
            (select count(*) from reach r where r.before is not distinct from st.order_no) as before,
            (select count(*) from reach r where r.after is not distinct from st.order_no) as after,
            (select count(*) from reach r where r.after > coalesce(r.before, 0)) as advanced
       from stages st order by st.order_no nulls last`,
    [tenant, resourceId],
  );
  return {
    stages: rows.map((r) => ({ stage: r.stage_key, before: Number(r.before), after: Number(r.after) })),
    advanced: Number(rows[0]?.advanced ?? 0),
  };
}
