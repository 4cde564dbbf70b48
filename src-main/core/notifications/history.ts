/** The `notifications` rows of a tenant, newest first, with their delivery state: Settings → Notifications' history. */
import { and, desc, eq } from 'drizzle-orm';
import type { NotificationEntry } from '../../../src-shared/contract/notifications';
import type { Db } from '../db/db';
import { notifications } from '../db/schema';
import { notificationChannels, notificationDeliveries } from '../db/schema-app';
import { CoreError } from '../errors';
import type { StoredPayload } from './notify';

const COLUMNS = {
  notificationId: notifications.notificationId,
  channel: notifications.channel,
  target: notifications.target,
  payload: notifications.payload,
  status: notifications.status,
  errorMessage: notifications.errorMessage,
  createdAt: notifications.createdAt,
  sentAt: notifications.sentAt,
  attempts: notificationDeliveries.attempts,
  nextAttemptAt: notificationDeliveries.nextAttemptAt,
  channelName: notificationChannels.name,
};

type Row = { [K in keyof typeof COLUMNS]: (typeof COLUMNS)[K]['_']['data'] | null };

function toEntry(row: Row): NotificationEntry {
  const payload = (row.payload ?? {}) as Partial<StoredPayload>;
  return {
    notificationId: row.notificationId!,
    channel: row.channel!,
    channelName: row.channelName,
    target: row.target,
    event: payload.event ?? 'unknown',
    title: payload.title ?? '',
    status: row.status === 'sent' || row.status === 'failed' ? row.status : 'queued',
    errorMessage: row.errorMessage,
    attempts: row.attempts ?? 0,
    nextAttemptAt: row.nextAttemptAt?.toISOString() ?? null,
    createdAt: row.createdAt!.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
  };
}

function historyQuery(db: Db, tenant: string) {
  return db
    .select(COLUMNS)
    .from(notifications)
    .leftJoin(notificationDeliveries, eq(notificationDeliveries.notificationId, notifications.notificationId))
    .leftJoin(notificationChannels, eq(notificationChannels.channelId, notificationDeliveries.channelId))
    .where(eq(notifications.tenantId, tenant))
    .$dynamic();
}

export async function listHistory(db: Db, tenant: string, limit: number): Promise<NotificationEntry[]> {
  const rows = await historyQuery(db, tenant).orderBy(desc(notifications.createdAt), notifications.notificationId).limit(limit);
  return rows.map(toEntry);
}

export async function historyEntry(db: Db, tenant: string, notificationId: string): Promise<NotificationEntry> {
  const [row] = await historyQuery(db, tenant).where(
    and(eq(notifications.tenantId, tenant), eq(notifications.notificationId, notificationId)),
  );
  if (!row) throw new CoreError('NOT_FOUND', `No notification ${notificationId}`);
  return toEntry(row);
}
