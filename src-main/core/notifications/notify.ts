/**
 * The one way an event becomes notifications: `notify` writes one
 * `notifications` row (queued) and one delivery row per channel that wants
 * the event, on the `Db` it is given. Given a caller's transaction, the rows
 * commit or roll back with the caller's work, so nothing is ever sent for
 * work that did not happen. Sending is the sender loop's (deliver.ts).
 */
import type { NotificationEvent } from '../../../src-shared/contract/values';
import type { Db } from '../db/db';
import { notifications } from '../db/schema';
import { notificationDeliveries } from '../db/schema-app';
import type { CoreEvents } from '../events';
import { channelsFor, type ChannelRow } from './channels';
import { parseUrl } from '../../../src-shared/url';

/** What happened, in words for people (title, text) and as data for machines (a webhook's `data`). */
export interface NotifyEvent {
  event: NotificationEvent | 'test';
  title: string;
  /** Plain text, lines separated by \n; Slack and email show it as it is. */
  text: string;
  data: Record<string, unknown>;
}

/** The payload column: the event as sent, and the channel's name when it was sent. */
export interface StoredPayload extends NotifyEvent {
  channelName: string;
}

/**
 * Where a notification went, for the history: a Slack or webhook URL's path
 * and query often are its key, so only the scheme and host are kept.
 */
function shownTarget(row: Pick<ChannelRow, 'kind' | 'target'>): string {
  if (row.kind === 'email') return row.target;
  const url = parseUrl(row.target);
  return url === null ? '…' : `${url.protocol}//${url.host}/…`;
}

/**
 * Queues `event` for every enabled channel of `tenant` that subscribes to it
 * (or for `only`, whatever it subscribes to: a test, or an event built for
 * one channel). Returns the new notifications' ids.
 */
export async function notify(db: Db, tenant: string, event: NotifyEvent, only?: ChannelRow): Promise<string[]> {
  // A test is no subscription: it goes to `only` alone.
  const targets = only ? [only] : event.event === 'test' ? [] : await channelsFor(db, tenant, event.event);
  if (targets.length === 0) return [];
  const rows = await db
    .insert(notifications)
    .values(
      targets.map((channel) => ({
        tenantId: tenant,
        channel: channel.kind,
        target: shownTarget(channel),
        payload: { ...event, channelName: channel.name } satisfies StoredPayload,
        status: 'queued',
      })),
    )
    .returning({ notificationId: notifications.notificationId });
  await db.insert(notificationDeliveries).values(
    rows.map((row, i) => ({
      notificationId: row.notificationId,
      tenantId: tenant,
      channelId: targets[i]!.channelId,
      nextAttemptAt: new Date(),
    })),
  );
  return rows.map((r) => r.notificationId);
}

/** Tells the shells (the desktop shows an OS notification): call once the work it reports is committed. */
export function announce(events: CoreEvents, event: NotifyEvent): void {
  events.emit('notification:raised', { event: event.event, title: event.title, body: event.text.split('\n')[0] ?? '' });
}
