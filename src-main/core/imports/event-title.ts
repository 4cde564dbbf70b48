/**
 * A connpass import names its event by id (the file's name or the form) and
 * may carry a typed title; the event may already be stored under another
 * title (issue 11, defect 9). The stored one is kept unless the user asks to
 * update it, and either way the preview and the job's result say which.
 */
import { and, eq } from 'drizzle-orm';
import type { EventTitleNote } from '../../../src-shared/contract/imports';
import type { Db } from '../db/db';
import { resources } from '../db/schema';
import type { ChosenFile } from '../files/handles';
import { connpassEventId } from './formats/connpass';

/** Null when there is nothing to choose between: no stored title, no typed one, or the same one. */
export function eventTitleNote(
  eventId: string,
  storedTitle: string | null,
  typedTitle: string | undefined,
  update: boolean,
): EventTitleNote | null {
  const typed = typedTitle?.trim();
  if (!storedTitle || !typed || typed === storedTitle) return null;
  return { eventId, storedTitle, typedTitle: typed, kept: update ? 'typed' : 'stored' };
}

/** The title stored for the event with this connpass id, or null (unknown event, or stored without a title). */
export async function storedEventTitle(db: Db, tenant: string, eventId: string): Promise<string | null> {
  const [row] = await db
    .select({ title: resources.title })
    .from(resources)
    .where(and(eq(resources.tenantId, tenant), eq(resources.category, 'event'), eq(resources.externalId, eventId)))
    .limit(1);
  return row?.title ?? null;
}

export interface EventCheck {
  eventId?: string;
  eventTitle?: string;
  updateEventTitle?: boolean;
}

/** What `import:check-event` answers for a file and the form's event fields. */
export async function checkEvent(db: Db, tenant: string, file: ChosenFile, input: EventCheck) {
  const eventId = connpassEventId({ eventId: input.eventId, fileName: file.name }, file.path) ?? null;
  const storedTitle = eventId === null ? null : await storedEventTitle(db, tenant, eventId);
  const note = eventId === null ? null : eventTitleNote(eventId, storedTitle, input.eventTitle, input.updateEventTitle ?? false);
  return { eventId, storedTitle, note };
}
