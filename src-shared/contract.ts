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
import { analyticsChannels } from './contract-analytics';
import { backupChannels, backupEvents } from './contract-backup';
import { developerChannels } from './contract-developers';
import { mergeChannels } from './contract-merges';
import { organizationChannels } from './contract-organizations';

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

// ── CSV import ───────────────────────────────────────────────────────────────

export const importTypes = ['activities', 'developers', 'campaigns', 'budgets', 'connpass', 'github-stars', 'slack-members'] as const;
export const importType = z.enum(importTypes);
export type ImportType = z.infer<typeof importType>;

export const importStatuses = ['queued', 'running', 'succeeded', 'rejected', 'failed', 'cancelled'] as const;
export type ImportStatus = (typeof importStatuses)[number];

const shortText = z.string().trim().max(500);

export const importOptions = z
  .object({
    source: shortText.min(1).optional(),
    /** IANA time zone for timestamps without one. */
    timezone: shortText.min(1).optional(),
    campaign: shortText.min(1).optional(),
    eventTitle: shortText.min(1).optional(),
    eventId: shortText.min(1).optional(),
    eventDate: shortText.min(1).optional(),
    occurredAt: shortText.min(1).optional(),
  })
  .strict();
export type ImportOptionsInput = z.input<typeof importOptions>;

const fileRef = {
  /** Absolute path on the machine running the core (Electron: the dropped file; browser: an upload). */
  filePath: z.string().min(1).max(4096),
  /** The name the user sees, when it differs from the path's. */
  fileName: z.string().max(1000).optional(),
};

export const importField = z.object({ name: z.string(), required: z.boolean() });
export const importFormats = z.array(z.object({ type: importType, fields: z.array(importField), template: z.boolean() }));

export const importPreview = z.object({
  filePath: z.string(),
  fileName: z.string(),
  size: z.number().int(),
  encoding: z.string(),
  delimiter: z.string(),
  type: importType.nullable(),
  headers: z.array(z.string()),
  rows: z.array(z.array(z.string())),
  /** field → header */
  mapping: z.record(z.string(), z.string()),
});

export const importRowError = z.object({ line: z.number().int(), column: z.string(), reason: z.string(), value: z.string() });

export const importCounts = z.object({
  activities: z.number().int(),
  developers: z.number().int(),
  accounts: z.number().int(),
  identifiers: z.number().int(),
  organizations: z.number().int(),
  resources: z.number().int(),
  campaigns: z.number().int(),
  budgets: z.number().int(),
});

export const importJob = z.object({
  jobId: z.string(),
  status: z.enum(importStatuses),
  type: importType,
  fileName: z.string(),
  encoding: z.string(),
  dryRun: z.boolean(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  totalBytes: z.number().int(),
  rowsRead: z.number().int(),
  rejected: z.number().int(),
  skipped: z.number().int(),
  duplicates: z.number().int(),
  inserted: importCounts,
  /** Every bad row's problems (capped at errorsCap; errorCount is the true total). */
  errors: z.array(importRowError),
  errorCount: z.number().int(),
  /** Why a failed job failed, or the cancel. */
  message: z.string().nullable(),
});
export type ImportJob = z.infer<typeof importJob>;

export const importJobSummary = importJob.omit({ errors: true });

// ── Channels ─────────────────────────────────────────────────────────────────

export const channels = {
  'system:status': { input: emptyInput, output: systemStatus },
  'import:formats': { input: emptyInput, output: importFormats },
  'import:preview': { input: z.object(fileRef).strict(), output: importPreview },
  'import:start': {
    input: z
      .object({
        ...fileRef,
        type: importType,
        mapping: z.record(z.string(), z.string()).optional(),
        options: importOptions.optional(),
        dryRun: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ jobId: z.string() }),
  },
  'import:cancel': { input: z.object({ jobId: z.string().uuid() }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'import:jobs': { input: emptyInput, output: z.array(importJobSummary) },
  'import:job': { input: z.object({ jobId: z.string().uuid() }).strict(), output: importJob },
  'import:template': { input: z.object({ type: importType }).strict(), output: z.object({ fileName: z.string(), content: z.string() }) },
  'import:sample': { input: emptyInput, output: z.object({ jobIds: z.array(z.string()) }) },
  ...developerChannels,
  ...mergeChannels,
  ...organizationChannels,
  ...analyticsChannels,
  ...backupChannels,
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
    status: z.enum(importStatuses),
    rowsRead: z.number().int(),
    bytesRead: z.number().int(),
    totalBytes: z.number().int(),
  }),
  ...backupEvents,
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
