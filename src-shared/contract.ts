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

export const apiErrorCodes = ['BAD_INPUT', 'NOT_FOUND', 'CONFLICT', 'UNAVAILABLE', 'INTERNAL'] as const;
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

/**
 * Why a `failed` job failed: the file could not be read to the end (it vanished,
 * changed, or an I/O error); the database stopped; the disk is full; the app
 * stopped during the import (found at the next start); or a bug of ours.
 */
export const importFailures = ['file', 'database', 'disk', 'interrupted', 'internal'] as const;
export type ImportFailure = (typeof importFailures)[number];

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

/**
 * A file the user chose, as the shell registered it: `fh_` and 32 random
 * base64url characters. Over IPC and HTTP the core opens only files named by
 * such a handle, never a path the page gives (the CLI registers its own).
 */
export const FILE_HANDLE_PATTERN = /^fh_[A-Za-z0-9_-]{32}$/;

const CHOOSE_AGAIN = 'drop or choose the file again';

export const fileHandle = z
  .string({ error: `Name the file by the handle the app gave when it was dropped or chosen: ${CHOOSE_AGAIN}` })
  .regex(FILE_HANDLE_PATTERN, { error: `Not a file handle the app issued (files are never named by path here): ${CHOOSE_AGAIN}` });

/** What registering a file (Electron: a dropped file; browser: an upload) answers. */
export const registeredFile = z.object({ fileHandle, fileName: z.string(), size: z.number().int() });
export type RegisteredFile = z.infer<typeof registeredFile>;

const fileRef = {
  /** The handle of a file the user dropped, chose or uploaded; its name and size come with it. */
  fileHandle,
};

/**
 * Why the preview chose its encoding: a byte order mark; the NUL-every-other-
 * byte pattern of UTF-16; a sample that is valid UTF-8; UTF-8 text with some
 * invalid bytes (kept as UTF-8: the import reports those lines); bytes that
 * are not UTF-8 but all valid CP932; bytes valid in neither, CP932 having
 * fewer errors.
 */
export const encodingReasons = [
  'bom',
  'utf16-pattern',
  'valid-utf8',
  'utf8-with-invalid-bytes',
  'not-utf8-valid-cp932',
  'not-utf8-invalid-cp932',
] as const;
export type EncodingReason = (typeof encodingReasons)[number];

export const importField = z.object({ name: z.string(), required: z.boolean() });
export const importFormats = z.array(z.object({ type: importType, fields: z.array(importField), template: z.boolean() }));

export const importPreview = z.object({
  fileName: z.string(),
  size: z.number().int(),
  encoding: z.string(),
  encodingReason: z.enum(encodingReasons),
  /** The first line of the previewed sample that the encoding cannot decode (the import reports every such line), or null. */
  firstBadLine: z.number().int().nullable(),
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
  /** For a failed job, what kind of failure (null otherwise). */
  failure: z.enum(importFailures).nullable(),
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

/**
 * The main-process channel behind `Bridge.registerFile`. Deliberately not in
 * `channels`: the page's `invoke` refuses every name outside the contract, so
 * only the preload reaches it, with a path it took from a real `File`.
 */
export const FILES_REGISTER_CHANNEL = 'files:register';

/** What the preload puts on `window.api`, and what the HTTP client mimics. */
export interface Bridge {
  invoke<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ApiResult<ChannelOutput<K>>>;
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
  /**
   * Electron only: registers a dropped or chosen file with the main process
   * and answers its handle. It takes a `File`, never a string: the page cannot
   * name a path of its own.
   */
  registerFile?: (file: File) => Promise<ApiResult<RegisteredFile>>;
}
