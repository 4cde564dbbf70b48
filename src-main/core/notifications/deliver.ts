/**
 * Sends what is due. A delivery is claimed first (its next attempt pushed a
 * lease ahead, `skip locked`), so two processes on one database never send
 * the same notification at once, and no transaction stays open while a
 * request waits on a receiver. A failure that may pass is retried after 1
 * minute, 5, 30 and 2 hours (each ±20 %, so that many senders do not retry
 * in step); then, or at once for a failure that will not pass (a 4xx other
 * than 408/429, a bad SMTP login), the notification is failed with the
 * reason. The clock and the jitter are parameters, for tests.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db/db';
import { notifications } from '../db/schema';
import { notificationChannels, notificationDeliveries } from '../db/schema-app';
import type { StoredPayload } from './notify';
import { readSmtp } from './smtp';
import { postJson, SendFailure, sendEmail, slackRequest, webhookRequest } from './transports';

export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000] as const;
/** How long a claimed delivery is left alone: longer than any one attempt can take. */
const LEASE_MS = 5 * 60_000;
const BATCH = 20;

export interface SendClock {
  now(): Date;
  /** In [0, 1): the jitter's draw. */
  random(): number;
}

export const systemClock: SendClock = { now: () => new Date(), random: Math.random };

/** The wait before the next attempt after `attempts` failed ones, or null when it is time to give up. */
function retryDelay(attempts: number, random: number): number | null {
  const base = RETRY_DELAYS_MS[attempts - 1];
  return base === undefined ? null : Math.round(base * (0.8 + 0.4 * random));
}

interface Claimed {
  notification_id: string;
  channel_id: string | null;
  attempts: number;
}

/** Claims due deliveries of `tenant` (or the one named), counting the attempt. */
async function claim(db: Db, tenant: string, now: Date, only?: string): Promise<Claimed[]> {
  const { rows } = await db.$client.query<Claimed>(
    `update app.notification_deliveries d
        set attempts = d.attempts + 1, last_attempt_at = $2, next_attempt_at = $2::timestamptz + $3 * interval '1 millisecond'
      where d.notification_id in (
        select notification_id from app.notification_deliveries
         where tenant_id = $1 and next_attempt_at is not null
           and (case when $5::uuid is null then next_attempt_at <= $2 else notification_id = $5::uuid end)
         order by next_attempt_at
         limit $4
         for update skip locked)
      returning d.notification_id, d.channel_id, d.attempts`,
    [tenant, now, LEASE_MS, BATCH, only ?? null],
  );
  return rows;
}

/** One attempt at one notification: resolves when sent, throws a SendFailure otherwise. */
async function attempt(db: Db, tenant: string, claimed: Claimed, payload: StoredPayload, now: Date): Promise<void> {
  if (claimed.channel_id === null) throw new SendFailure('The channel was deleted before this could be sent', false);
  const [channel] = await db
    .select()
    .from(notificationChannels)
    .where(and(eq(notificationChannels.tenantId, tenant), eq(notificationChannels.channelId, claimed.channel_id)));
  if (!channel) throw new SendFailure('The channel was deleted before this could be sent', false);
  if (channel.kind === 'slack') return postJson(slackRequest(channel.target, payload));
  if (channel.kind === 'webhook') {
    if (!channel.secret) throw new SendFailure('The webhook has no signing secret: edit the channel and set one', false);
    return postJson(webhookRequest(channel.target, channel.secret, claimed.notification_id, payload, now));
  }
  return sendEmail(await readSmtp(db, tenant), channel.target, payload);
}

async function record(db: Db, notificationId: string, outcome: { sentAt: Date } | { error: string; retryAt: Date | null }) {
  if ('sentAt' in outcome) {
    await db
      .update(notifications)
      .set({ status: 'sent', sentAt: outcome.sentAt, errorMessage: null })
      .where(eq(notifications.notificationId, notificationId));
    await db.update(notificationDeliveries).set({ nextAttemptAt: null }).where(eq(notificationDeliveries.notificationId, notificationId));
    return;
  }
  await db
    .update(notifications)
    .set({ status: outcome.retryAt ? 'queued' : 'failed', errorMessage: outcome.error })
    .where(eq(notifications.notificationId, notificationId));
  await db
    .update(notificationDeliveries)
    .set({ nextAttemptAt: outcome.retryAt })
    .where(eq(notificationDeliveries.notificationId, notificationId));
}

async function deliver(
  db: Db,
  tenant: string,
  claimed: Claimed,
  clock: SendClock,
  retry: boolean,
): Promise<'sent' | 'failed' | 'retrying'> {
  const now = clock.now();
  const [row] = await db
    .select({ payload: notifications.payload })
    .from(notifications)
    .where(and(eq(notifications.tenantId, tenant), eq(notifications.notificationId, claimed.notification_id)));
  try {
    if (!row) throw new SendFailure('The notification is gone', false);
    await attempt(db, tenant, claimed, row.payload as StoredPayload, now);
    await record(db, claimed.notification_id, { sentAt: clock.now() });
    return 'sent';
  } catch (error) {
    const failure = error instanceof SendFailure ? error : new SendFailure((error as Error).message, true);
    const delay = retry && failure.retry ? retryDelay(claimed.attempts, clock.random()) : null;
    const retryAt = delay === null ? null : new Date(now.getTime() + delay);
    await record(db, claimed.notification_id, { error: failure.message, retryAt });
    return retryAt ? 'retrying' : 'failed';
  }
}

interface SendSummary {
  sent: number;
  failed: number;
  retrying: number;
}

/** Sends every delivery of `tenant` due at the clock's now, a batch at a time. */
export async function sendDue(db: Db, tenant: string, clock: SendClock = systemClock): Promise<SendSummary> {
  const summary: SendSummary = { sent: 0, failed: 0, retrying: 0 };
  for (;;) {
    const batch = await claim(db, tenant, clock.now());
    if (batch.length === 0) return summary;
    for (const claimed of batch) summary[await deliver(db, tenant, claimed, clock, true)] += 1;
  }
}

/** Sends one notification now, once: "Send test" shows its outcome at once rather than retrying out of sight. */
export async function sendNow(db: Db, tenant: string, notificationId: string, clock: SendClock = systemClock): Promise<void> {
  const [claimed] = await claim(db, tenant, clock.now(), notificationId);
  if (claimed) await deliver(db, tenant, claimed, clock, false);
}
