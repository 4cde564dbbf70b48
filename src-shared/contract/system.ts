/** The Status page and `drm status`: which PostgreSQL, where, and what it holds; and whether it holds anything yet. */
import { z } from 'zod';
import { emptyInput } from './common';

export const databaseLocation = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('embedded'), dataDir: z.string(), port: z.number().int() }),
  z.object({ kind: z.literal('external'), url: z.string() }),
]);
export type DatabaseLocation = z.infer<typeof databaseLocation>;

export const systemStatus = z.object({
  postgres: z.object({
    version: z.string(),
    versionNum: z.number().int(),
    location: databaseLocation,
  }),
  tables: z.array(z.string()),
  rows: z.record(z.string(), z.number().int()),
  migrations: z.array(z.object({ name: z.string(), runAt: z.string() })),
  extensions: z.array(z.object({ name: z.string(), version: z.string() })),
});
export type SystemStatus = z.infer<typeof systemStatus>;

/**
 * Whether anything has been imported: what the Overview's empty state and the
 * sample-data offer decide on. Two `exists` probes, where the status's exact
 * row counts read every table (seconds at 10M activities).
 */
export const dataPresence = z.object({ developers: z.boolean(), activities: z.boolean() });
export type DataPresence = z.infer<typeof dataPresence>;

export const systemChannels = {
  'system:get-status': { input: emptyInput, output: systemStatus },
  'system:get-data-presence': { input: emptyInput, output: dataPresence },
} as const;
