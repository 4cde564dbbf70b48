/**
 * CSV import: the formats, a file's preview, starting and cancelling a job,
 * the job history, templates and the sample data; `import:progress` reports
 * a running job.
 */
import { z } from 'zod';
import { auditUser, csvFile, emptyInput } from './common';
import { fileHandle } from './files';

/**
 * An import format's name. The formats are a registry of the core
 * (core/imports/formats), which this process-neutral contract cannot import:
 * the core checks the name against it and answers BAD_INPUT for an unknown
 * one; `import:list-formats` lists them.
 */
export const importType = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, 'an import type is a lower-case name such as activities')
  .max(40);
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

/** Options an import may take; each format says which of them it uses. */
export const importOptionNames = ['timezone', 'source', 'campaign', 'eventTitle', 'eventId', 'eventDate', 'occurredAt'] as const;
export type ImportOptionName = (typeof importOptionNames)[number];

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
    /** connpass: replace the stored title of a known event with eventTitle (otherwise the stored one is kept). */
    updateEventTitle: z.boolean().optional(),
  })
  .strict();
export type ImportOptionsInput = z.input<typeof importOptions>;

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

/**
 * One problem of one row. `code` and `params` (src-shared/import-errors.ts) are
 * what the UI translates; `reason` is their English text, and all that jobs
 * stored before codes existed have (the UI shows it for a code it does not know).
 */
export const importRowError = z.object({
  line: z.number().int(),
  column: z.string(),
  code: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  reason: z.string(),
  value: z.string(),
});
export type ImportRowError = z.infer<typeof importRowError>;

/**
 * An import stopped early (issue 11, defect 1): at `line`, after `rowsRead`
 * rows, once `limit` rows had the same problem. `kinds` counts each problem
 * (code on a column) over the rows read, the most frequent first; `params`
 * are the first such error's.
 */
export const importEarlyStop = z.object({
  line: z.number().int(),
  rowsRead: z.number().int(),
  limit: z.number().int(),
  kinds: z.array(
    z.object({
      code: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
      column: z.string(),
      reason: z.string(),
      rows: z.number().int(),
    }),
  ),
});
export type ImportEarlyStop = z.infer<typeof importEarlyStop>;

/**
 * An import's typed event title against the one already stored for that
 * event id (issue 11, defect 9): which of them the event keeps.
 */
export const eventTitleNote = z.object({
  eventId: z.string(),
  storedTitle: z.string(),
  typedTitle: z.string(),
  /** 'stored' unless the import was asked to update the title. */
  kept: z.enum(['stored', 'typed']),
});
export type EventTitleNote = z.infer<typeof eventTitleNote>;

/**
 * A row that carried a click id already linked to another developer (or
 * claimed by an earlier line of the file for another one): the first link
 * wins, so the id and its anonymous activities stay with `linkedTo`.
 */
export const clickIdConflict = z.object({
  clickId: z.string(),
  linkedTo: z.string(),
  claimedBy: z.string(),
  line: z.number().int(),
});
export type ClickIdConflict = z.infer<typeof clickIdConflict>;

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
export const importCountName = importCounts.keyof();
export type ImportCountName = z.infer<typeof importCountName>;

/**
 * A field that needs another one in the same row (issue 11, defect 1): a row
 * with a value in `when` needs one in `need`, unless it has one in `unless`
 * (a resource with a URL is a link). The row validator and the mapping editor
 * apply the same rule.
 */
export const importCompanion = z.object({ when: z.string(), need: z.string(), unless: z.string().optional() });
export type ImportCompanion = z.infer<typeof importCompanion>;

/** A template column's values: the only ones accepted (`closed`), or the ones the app knows, others kept as written. */
export const importFieldValues = z.object({ field: z.string(), values: z.array(z.string()), closed: z.boolean() });

/** Everything the renderer and the CLI know about a format, from the core's registry. */
export const importFormat = z.object({
  type: importType,
  /** English names; the UI translates them under `labelKeys` and falls back to these. */
  label: z.string(),
  shortLabel: z.string(),
  labelKeys: z.object({ label: z.string(), shortLabel: z.string() }),
  /** In the mapping editor's order. */
  fields: z.array(importField),
  /** The options it takes, in the form's order. */
  options: z.array(z.enum(importOptionNames)),
  /** Whether `import:get-template` has a template for it. */
  template: z.boolean(),
  /** The values its template's columns take (empty without a template). */
  values: z.array(importFieldValues),
  /** The count its result leads with, shown even when zero. */
  primaryCount: importCountName,
  /** Columns no field reads are kept in each activity's metadata (else ignored). */
  keepsUnmapped: z.boolean(),
  /** One of these field sets must be mapped (empty: no such rule). */
  actorFieldSets: z.array(z.array(z.string())),
  /** Fields that need another in the same row (the mapping editor warns). */
  companions: z.array(importCompanion),
});
export type ImportFormat = z.infer<typeof importFormat>;
export const importFormats = z.array(importFormat);

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
  /** A rejected job that stopped reading early, with its errors by kind (null otherwise, and for older jobs). */
  earlyStop: importEarlyStop.nullable(),
  /** The event's title when the typed one differed from the stored one, or null. */
  eventTitle: eventTitleNote.nullable(),
  /** Click ids the file linked to someone other than their first developer (the first 100; null when none, and for older jobs). */
  clickIdConflicts: z.object({ count: z.number().int(), first: z.array(clickIdConflict) }).nullable(),
  /** Who started it (an API post: its key's creator); null for jobs recorded before the app recorded it. */
  createdBy: auditUser.nullable(),
});
export type ImportJob = z.infer<typeof importJob>;

export const importJobSummary = importJob.omit({ errors: true });

/** A file, how to read it and with which options: what an import, or the check of its first rows, is asked with. */
const importRequest = {
  ...fileRef,
  type: importType,
  mapping: z.record(z.string(), z.string()).optional(),
  options: importOptions.optional(),
};

export const importChannels = {
  'import:list-formats': { input: emptyInput, output: importFormats },
  'import:preview': { input: z.object(fileRef).strict(), output: importPreview },
  'import:start': {
    input: z.object({ ...importRequest, dryRun: z.boolean().optional() }).strict(),
    output: z.object({ jobId: z.string() }),
  },
  /** The file's first rows through the import's row parser, with this type, mapping and options: their errors before a start. */
  'import:check-sample': {
    input: z.object(importRequest).strict(),
    output: z.object({
      rowsChecked: z.number().int(),
      errors: z.array(importRowError),
      /** Problems of the import as a whole (then no row was checked). */
      problems: z.array(z.object({ code: z.string(), params: importRowError.shape.params.unwrap(), reason: z.string() })),
    }),
  },
  /** Before a connpass import: the event the file or the typed id names, its stored title, and which title the import will keep. */
  'import:check-event': {
    input: z
      .object({
        ...fileRef,
        eventId: shortText.optional(),
        eventTitle: shortText.optional(),
        updateEventTitle: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ eventId: z.string().nullable(), storedTitle: z.string().nullable(), note: eventTitleNote.nullable() }),
  },
  'import:cancel': { input: z.object({ jobId: z.string().uuid() }).strict(), output: z.object({ cancelled: z.boolean() }) },
  'import:list-jobs': { input: emptyInput, output: z.array(importJobSummary) },
  'import:get-job': { input: z.object({ jobId: z.string().uuid() }).strict(), output: importJob },
  'import:get-template': { input: z.object({ type: importType }).strict(), output: csvFile },
  'import:load-sample': { input: emptyInput, output: z.object({ jobIds: z.array(z.string()) }) },
} as const;

export const importEvents = {
  'import:progress': z.object({
    jobId: z.string(),
    status: z.enum(importStatuses),
    rowsRead: z.number().int(),
    bytesRead: z.number().int(),
    totalBytes: z.number().int(),
    /** Row errors found so far (the job is rejected if any). */
    errorCount: z.number().int(),
  }),
} as const;
