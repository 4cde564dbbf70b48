/**
 * The one contract between the renderer and the core.
 *
 * Every channel the renderer may call is listed here once, with a zod schema
 * for its input and one for its output; every event the core pushes is listed
 * in `events`. The core implements `Api`, the preload exposes exactly these
 * names, the HTTP shell serves exactly these names, and the renderer imports
 * only the inferred types. Nothing else crosses the boundary.
 */
import { z } from 'zod';

// ── Shared shapes ────────────────────────────────────────────────────────────

export const apiErrorCodes = [
  'BAD_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAVAILABLE',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

/** How an error crosses the boundary: data, never a stack trace. */
export interface ApiError {
  code: ApiErrorCode;
  message: string;
  details?: unknown;
}

/** The envelope every channel answers with, over IPC and HTTP alike. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

const emptyInput = z.object({}).strict();

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

// ── Channels ─────────────────────────────────────────────────────────────────

export const channels = {
  'system:status': { input: emptyInput, output: systemStatus },
} as const;

export type ChannelName = keyof typeof channels;
export type ChannelInput<K extends ChannelName> = z.input<(typeof channels)[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<(typeof channels)[K]['output']>;

/** What the renderer calls; the core implements the same shape. */
export type Api = {
  [K in ChannelName]: (input: ChannelInput<K>) => Promise<ChannelOutput<K>>;
};

export const channelNames = Object.keys(channels) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

// ── Events pushed from the core ──────────────────────────────────────────────

export const events = {
  'db:changed': z.object({ tables: z.array(z.string()) }),
  'import:progress': z.object({
    jobId: z.string(),
    rowsRead: z.number().int(),
    bytesRead: z.number().int(),
    totalBytes: z.number().int(),
  }),
} as const;

export type EventName = keyof typeof events;
export type EventPayload<K extends EventName> = z.output<(typeof events)[K]>;
export const eventNames = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.hasOwn(events, name);
}

/** What the preload puts on `window.api`, and what the HTTP client mimics. */
export interface Bridge {
  invoke<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ApiResult<ChannelOutput<K>>>;
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
  /** Electron only: the file-system path of a dropped file. */
  getPathForFile?: (file: File) => string;
}
