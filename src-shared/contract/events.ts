/**
 * Events the core pushes to every shell, each with its payload's schema.
 * Events keep nouns for names (`db:changed`): they report, they do not ask.
 */
import { z } from 'zod';
import { backupEvents } from './backup';
import { importEvents } from './imports';

export const events = {
  'db:changed': z.object({ tables: z.array(z.string()) }),
  ...importEvents,
  ...backupEvents,
} as const;

export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;
export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}
