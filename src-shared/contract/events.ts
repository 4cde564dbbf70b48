/**
 * Events the core pushes to every shell, each with its payload's schema.
 * Events are named for what they report (`db:changed`, `import:progress`),
 * not for a verb: nobody calls them.
 */
import { z } from 'zod';
import { backupEvents } from './backup';
import { importEvents } from './imports';
import { notificationEventsPushed } from './notifications';
import { tableNames } from './tables';
import { teamEvents } from './team';

export const events = {
  /** The tables a write changed: queries reading one of them refetch. */
  'db:changed': z.object({ tables: z.array(z.enum(tableNames)) }),
  ...importEvents,
  ...backupEvents,
  ...notificationEventsPushed,
  ...teamEvents,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;
export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
