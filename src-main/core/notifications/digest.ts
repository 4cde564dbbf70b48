/**
 * The weekly digest: on Monday at 09:00 in the tenant's time zone, the week
 * before it — developers new that week, how many reached each stage, and
 * the campaigns that cost least per conversion (the Overview's own
 * functions). When it is due comes from the last digest row (its `weekOf`),
 * not from state kept elsewhere: a machine that was off on Monday sends it
 * when it next runs, once.
 */
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { funnelReport } from '../analytics/funnel';
import { topCampaigns } from '../analytics/overview';
import { roiReport } from '../campaigns/roi';
import type { Db } from '../db/db';
import { developers, notifications } from '../db/schema';
import { readSettings } from '../settings/read';
import { channelsFor } from './channels';
import { notify, type NotifyEvent } from './notify';

const SEND_HOUR = 9;

interface Slot {
  /** Monday 09:00 local, as an instant. */
  at: Date;
  /** The week reported, as local days [from, to). */
  from: string;
  to: string;
}

/** The latest digest slot at or before `now` in `zone`. */
async function currentSlot(db: Db, zone: string, now: Date): Promise<Slot> {
  const { rows } = await db.$client.query<{ at: Date; from: string; to: string }>(
    `with local as (select date_trunc('week', $1::timestamptz at time zone $2) + $3 * interval '1 hour' as monday),
          slot as (select case when (monday at time zone $2) <= $1::timestamptz then monday else monday - interval '7 days' end as local_at from local)
     select local_at at time zone $2 as at,
            to_char(local_at - interval '7 days', 'YYYY-MM-DD') as "from",
            to_char(local_at, 'YYYY-MM-DD') as "to"
       from slot`,
    [now, zone, SEND_HOUR],
  );
  return rows[0]!;
}

async function lastDigestWeek(db: Db, tenant: string): Promise<string | null> {
  const [row] = await db
    .select({ week: sql<string | null>`max(${notifications.payload}->'data'->>'weekOf')` })
    .from(notifications)
    .where(and(eq(notifications.tenantId, tenant), sql`${notifications.payload}->>'event' = 'digest.weekly'`));
  return row?.week ?? null;
}

async function digestMessage(db: Db, tenant: string, slot: Slot): Promise<NotifyEvent> {
  const period = { from: slot.from, to: slot.to };
  const weekStart = new Date(slot.at.getTime() - 7 * 24 * 60 * 60 * 1000);
  const [newDevelopers, funnel, roi] = await Promise.all([
    db.$count(developers, and(eq(developers.tenantId, tenant), gte(developers.createdAt, weekStart), lt(developers.createdAt, slot.at))),
    funnelReport(db, tenant, period),
    roiReport(db, tenant, period),
  ]);
  const stages = funnel.stages.map((s) => ({ key: s.key, title: s.title, reached: s.reached }));
  const campaigns = topCampaigns(roi.campaigns).map((c) => ({
    campaign: c.campaign,
    conversions: c.conversions,
    costPerConversion: c.costPerConversion,
  }));
  const lines = [
    `New developers: ${newDevelopers}`,
    `Reached in the week: ${stages.map((s) => `${s.title} ${s.reached}`).join(', ') || 'no stages'}`,
    campaigns.length > 0
      ? `Top campaigns (cost per conversion, ${roi.currencyReporting}): ${campaigns.map((c) => `${c.campaign} ${Math.round(c.costPerConversion ?? 0)}`).join(', ')}`
      : 'Top campaigns: none with a known cost and conversions',
  ];
  return {
    event: 'digest.weekly',
    title: `Weekly digest: ${slot.from} – ${slot.to}`,
    text: lines.join('\n'),
    data: { weekOf: slot.to, from: slot.from, to: slot.to, newDevelopers, stages, topCampaigns: campaigns },
  };
}

/** Queues the digest when its slot has come and no digest for it was queued; returns whether it did. */
export async function queueDigestIfDue(db: Db, tenant: string, now: Date): Promise<boolean> {
  // No channel, no work.
  if ((await channelsFor(db, tenant, 'digest.weekly')).length === 0) return false;
  const { timeZone } = await readSettings(db, tenant);
  const slot = await currentSlot(db, timeZone, now);
  const last = await lastDigestWeek(db, tenant);
  if (last !== null && last >= slot.to) return false;
  const ids = await notify(db, tenant, await digestMessage(db, tenant, slot));
  return ids.length > 0;
}
