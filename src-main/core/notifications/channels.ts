/**
 * app.notification_channels: where a tenant's notifications go. The secret
 * is written here and read only by the sender (deliver.ts): every row that
 * leaves this module for a client goes through `toChannel`, which keeps
 * only whether one is set.
 */
import { and, arrayContains, asc, eq } from 'drizzle-orm';
import type { NotificationChannel, saveChannelInput } from '../../../src-shared/contract/notifications';
import { DEFAULT_MERGE_THRESHOLD, notificationEvents, type NotificationEvent } from '../../../src-shared/contract/values';
import type { z } from 'zod';
import type { Db } from '../db/db';
import { notificationChannels } from '../db/schema-app';
import { CoreError } from '../errors';
import { createUndoStore, type UndoStore } from '../undo-store';

export type ChannelRow = typeof notificationChannels.$inferSelect;

/** The `options` jsonb: owned here. */
interface ChannelOptions {
  mergeThreshold?: number;
}

export function channelOptions(row: Pick<ChannelRow, 'options'>): Required<ChannelOptions> {
  const options = (row.options ?? {}) as ChannelOptions;
  return { mergeThreshold: typeof options.mergeThreshold === 'number' ? options.mergeThreshold : DEFAULT_MERGE_THRESHOLD };
}

/** The events a row lists that this version knows (a newer version's names are kept in the row but not shown). */
const knownEvents = (events: readonly string[]): NotificationEvent[] => notificationEvents.filter((e) => events.includes(e));

function toChannel(row: ChannelRow): NotificationChannel {
  return {
    channelId: row.channelId,
    kind: row.kind,
    name: row.name,
    target: row.target,
    hasSecret: row.secret !== null && row.secret !== '',
    events: knownEvents(row.events),
    mergeThreshold: channelOptions(row).mergeThreshold,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function listChannels(db: Db, tenant: string): Promise<NotificationChannel[]> {
  const rows = await db
    .select()
    .from(notificationChannels)
    .where(eq(notificationChannels.tenantId, tenant))
    .orderBy(asc(notificationChannels.name), asc(notificationChannels.channelId));
  return rows.map(toChannel);
}

/** The enabled channels of `tenant` that subscribe to `event`. */
export async function channelsFor(db: Db, tenant: string, event: NotificationEvent): Promise<ChannelRow[]> {
  return db
    .select()
    .from(notificationChannels)
    .where(
      and(
        eq(notificationChannels.tenantId, tenant),
        eq(notificationChannels.enabled, true),
        arrayContains(notificationChannels.events, [event]),
      ),
    )
    .orderBy(asc(notificationChannels.name), asc(notificationChannels.channelId));
}

export async function channelRow(db: Db, tenant: string, channelId: string): Promise<ChannelRow> {
  const [row] = await db
    .select()
    .from(notificationChannels)
    .where(and(eq(notificationChannels.tenantId, tenant), eq(notificationChannels.channelId, channelId)));
  if (!row) throw new CoreError('NOT_FOUND', `No notification channel ${channelId}; it may have been deleted. Reload the list.`);
  return row;
}

export async function saveChannel(db: Db, tenant: string, input: z.output<typeof saveChannelInput>): Promise<NotificationChannel> {
  const fields = {
    kind: input.kind,
    name: input.name,
    target: input.target,
    events: [...new Set(input.events)],
    enabled: input.enabled,
  };
  if (input.channelId === undefined) {
    if (input.kind === 'webhook' && input.secret === undefined) {
      throw new CoreError(
        'BAD_INPUT',
        'secret: a generic webhook needs a signing secret (at least 16 characters); use "Generate" to make one',
      );
    }
    const options: ChannelOptions = { mergeThreshold: input.mergeThreshold ?? DEFAULT_MERGE_THRESHOLD };
    const [row] = await db
      .insert(notificationChannels)
      .values({ tenantId: tenant, ...fields, secret: input.secret ?? null, options })
      .returning();
    return toChannel(row!);
  }
  const current = await channelRow(db, tenant, input.channelId);
  if (current.kind !== input.kind && input.kind === 'webhook' && input.secret === undefined) {
    throw new CoreError('BAD_INPUT', 'secret: a generic webhook needs a signing secret (at least 16 characters)');
  }
  const options: ChannelOptions = {
    ...(current.options as ChannelOptions),
    mergeThreshold: input.mergeThreshold ?? channelOptions(current).mergeThreshold,
  };
  const [row] = await db
    .update(notificationChannels)
    .set({
      ...fields,
      // Only a webhook keeps a secret; a change of kind drops it.
      secret: input.kind === 'webhook' ? (input.secret ?? current.secret) : null,
      options,
      updatedAt: new Date(),
    })
    .where(and(eq(notificationChannels.tenantId, tenant), eq(notificationChannels.channelId, input.channelId)))
    .returning();
  return toChannel(row!);
}

type ChannelUndoStore = UndoStore<ChannelRow>;
export const createChannelUndoStore = (): ChannelUndoStore => createUndoStore<ChannelRow>();

/** Deletes the channel; its history stays (deliveries lose the link), and what was still to be sent is given up. */
export async function deleteChannel(db: Db, undo: ChannelUndoStore, tenant: string, channelId: string) {
  const row = await channelRow(db, tenant, channelId);
  await db
    .delete(notificationChannels)
    .where(and(eq(notificationChannels.tenantId, tenant), eq(notificationChannels.channelId, channelId)));
  return { undoToken: undo.put(row), name: row.name };
}

export async function restoreChannel(db: Db, undo: ChannelUndoStore, tenant: string, token: string): Promise<NotificationChannel> {
  const row = undo.get(token);
  if (!row || row.tenantId !== tenant) {
    throw new CoreError('NOT_FOUND', 'This delete can no longer be undone (undo is kept for ten minutes, until the app restarts)');
  }
  const [restored] = await db.insert(notificationChannels).values(row).onConflictDoNothing().returning();
  undo.drop(token);
  if (!restored) throw new CoreError('CONFLICT', `The channel ${row.name} exists again already`);
  return toChannel(restored);
}
