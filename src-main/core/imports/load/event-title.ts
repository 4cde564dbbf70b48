/**
 * Inside an activity import's transaction, once the staged resources are
 * matched to stored ones: an event the import names with another title than
 * the stored one keeps the stored title unless asked to update it (issue 11,
 * defect 9); a stored event without a title takes the typed one.
 */
import type { EventTitleNote } from '../../../../src-shared/contract/imports';
import type { SqlClient } from '../../db/db';
import { eventTitleNote } from '../event-title';

/** Which title the import's event keeps, applied; null when the titles agree or one is missing. */
export async function settleEventTitle(client: SqlClient, update: boolean): Promise<EventTitleNote | null> {
  const { rows } = await client.query<{ event_id: string; stored: string | null; typed: string }>(
    `select r.external_id as event_id, r.title as stored, sr.title as typed
       from stage_resource sr join resources r on r.resource_id = sr.resource_id
      where r.category = 'event' and r.external_id is not null and sr.title is not null and r.title is distinct from sr.title
      order by r.external_id limit 1`,
  );
  const [event] = rows;
  if (!event) return null;
  if (event.stored === null || update) {
    await client.query(
      `update resources r set title = sr.title, updated_at = now()
         from stage_resource sr
        where r.resource_id = sr.resource_id and r.category = 'event' and sr.title is not null and r.title is distinct from sr.title`,
    );
  }
  return eventTitleNote(event.event_id, event.stored, event.typed, update);
}
