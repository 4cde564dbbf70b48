/** The Status page and `drm status`: which PostgreSQL, where, and what it holds. */
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

export const systemChannels = {
  'system:get-status': { input: emptyInput, output: systemStatus },
} as const;
