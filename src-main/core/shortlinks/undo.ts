/**
 * Deleting a short link, with undo: the row is kept as it was for ten
 * minutes, and restore puts the same row back, id, key and creation time
 * included. Nothing references a link's row, so nothing else moves.
 */
import { and, eq } from 'drizzle-orm';
import { CoreError } from '../errors';
import type { Db } from '../db/db';
import { isUniqueViolation } from '../db/pg-errors';
import { campaigns, resources, shortlinks } from '../db/schema';
import { createUndoStore, type UndoStore } from '../undo-store';
import { keyConflict, keyTakenIgnoringCase, type ShortlinkRow } from './service';

export type ShortlinkUndoStore = UndoStore<ShortlinkRow>;
export const createShortlinkUndoStore = (now?: () => number): ShortlinkUndoStore => createUndoStore<ShortlinkRow>(now);

export async function deleteShortlink(db: Db, store: ShortlinkUndoStore, tenant: string, shortlinkId: string) {
  const [row] = await db
    .delete(shortlinks)
    .where(and(eq(shortlinks.tenantId, tenant), eq(shortlinks.shortlinkId, shortlinkId)))
    .returning();
  if (!row) throw new CoreError('NOT_FOUND', `No short link ${shortlinkId}; it may have been deleted already`, { shortlinkId });
  return { undoToken: store.put(row), key: row.key };
}

/** Whether the tenant still has the campaign or resource a deleted link named (each delete unlinks its links). */
async function stillThere(db: Db, tenant: string, row: ShortlinkRow) {
  const [campaign] = row.campaignId
    ? await db
        .select({ id: campaigns.campaignId })
        .from(campaigns)
        .where(and(eq(campaigns.tenantId, tenant), eq(campaigns.campaignId, row.campaignId)))
    : [];
  const [resource] = row.resourceId
    ? await db
        .select({ id: resources.resourceId })
        .from(resources)
        .where(and(eq(resources.tenantId, tenant), eq(resources.resourceId, row.resourceId)))
    : [];
  return { campaignId: campaign?.id ?? null, resourceId: resource?.id ?? null };
}

/** Puts a deleted link back; returns its id. */
export async function restoreShortlink(db: Db, store: ShortlinkUndoStore, tenant: string, token: string): Promise<string> {
  const row = store.get(token);
  if (!row || row.tenantId !== tenant) {
    throw new CoreError('NOT_FOUND', 'Nothing to undo: the undo expired (after 10 minutes), was already used, or the app was restarted', {
      undoToken: token,
    });
  }
  // Another link may have taken the key meanwhile (in any case): the same token works again once that one is renamed.
  const taken = await keyTakenIgnoringCase(db, tenant, row.key);
  if (taken !== undefined) throw keyConflict(row.key, taken);
  try {
    await db.insert(shortlinks).values({ ...row, ...(await stillThere(db, tenant, row)) });
  } catch (error) {
    if (isUniqueViolation(error)) throw keyConflict(row.key, row.key);
    throw error;
  }
  store.drop(token);
  return row.shortlinkId;
}
