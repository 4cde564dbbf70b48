/**
 * Backups (issue 9): list, back up now, restore, where they go and when;
 * `backup:progress` reports a running backup or restore.
 *
 * The renderer never names a file: a restore takes a backup's id (its file
 * name, as `backup:list` gave it), which the core resolves inside its own
 * backup folder; a new folder comes from the shell's own folder dialog.
 */
import { z } from 'zod';
import { emptyInput } from './common';

export const backupKinds = ['manual', 'daily', 'pre-migration', 'pre-restore'] as const;
export const backupKind = z.enum(backupKinds);
export type BackupKind = z.infer<typeof backupKind>;

export const backupSchedules = ['daily', 'off'] as const;
export type BackupSchedule = (typeof backupSchedules)[number];

/**
 * A backup's file name, as listed. Checked here for shape only (no folder
 * separators, no leading dot); the core also checks that it names a regular
 * file directly inside its backup folder.
 */
export const backupId = z
  .string()
  .max(255)
  .regex(/^[^/\\\0.][^/\\\0]*\.drmbackup$/, 'a backup file name as listed by backup:list');

export const backupEntry = z.object({
  id: z.string(),
  kind: backupKind,
  createdAt: z.string(),
  bytes: z.number().int(),
  appVersion: z.string(),
  /** The newest migration the backed-up database had. */
  migration: z.string().nullable(),
  /** Rows per table, as the manifest says. */
  tables: z.record(z.string(), z.number().int()),
  /** Why the file cannot be restored (damaged, unfinished, from a newer app); null when it looks sound. */
  problem: z.string().nullable(),
});
export type BackupEntry = z.infer<typeof backupEntry>;

export const lastAutomatic = z.object({ at: z.string(), id: z.string().nullable(), error: z.string().nullable() });

export const backupSettings = z.object({
  folder: z.string(),
  defaultFolder: z.string(),
  schedule: z.enum(backupSchedules),
  /** The shell can show a native folder picker (Electron); browser mode cannot. */
  canChooseFolder: z.boolean(),
  /** The shell can open the file manager at a backup (Electron). */
  canShowInFolder: z.boolean(),
  /** The last scheduled backup this run attempted, if any. */
  lastAutomatic: lastAutomatic.nullable(),
});
export type BackupSettings = z.infer<typeof backupSettings>;

export const backupList = z.object({ folder: z.string(), backups: z.array(backupEntry) });
export type BackupList = z.infer<typeof backupList>;

export const backupCreated = z.object({
  id: z.string(),
  file: z.string(),
  bytes: z.number().int(),
  createdAt: z.string(),
  tables: z.record(z.string(), z.number().int()),
});
export type BackupCreated = z.infer<typeof backupCreated>;

export const backupRestored = z.object({
  id: z.string(),
  tables: z.record(z.string(), z.number().int()),
  /** Migrations applied after loading, because the backup was older than this app. */
  migrations: z.array(z.string()),
  derivedRebuilt: z.boolean(),
  /** The backup taken of the replaced data first, if there was any data. */
  safetyBackup: z.string().nullable(),
});
export type BackupRestored = z.infer<typeof backupRestored>;

export const backupChannels = {
  'backup:list': { input: emptyInput, output: backupList },
  'backup:create': { input: emptyInput, output: backupCreated },
  'backup:restore': { input: z.object({ id: backupId }).strict(), output: backupRestored },
  'backup:get-settings': { input: emptyInput, output: backupSettings },
  'backup:update-settings': {
    input: z
      .object({
        schedule: z.enum(backupSchedules).optional(),
        /** Back to `<data folder>/backups`; any other folder comes from `backup:choose-folder`. */
        folder: z.literal('default').optional(),
      })
      .strict(),
    output: backupSettings,
  },
  /** Asks the shell for a folder (its own native dialog); unchanged when the user cancels. */
  'backup:choose-folder': { input: emptyInput, output: backupSettings },
  /** Electron opens the file manager at the backup (or the folder); browser mode gets the path to show. */
  'backup:show-in-folder': {
    input: z.object({ id: backupId.optional() }).strict(),
    output: z.object({ shown: z.boolean(), path: z.string() }),
  },
} as const;

export const backupOperations = ['backup', 'restore'] as const;
export const backupPhases = ['copying', 'verifying', 'loading', 'indexing', 'migrating', 'rebuilding', 'done', 'failed'] as const;
export type BackupPhase = (typeof backupPhases)[number];

export const backupEvents = {
  'backup:progress': z.object({
    operation: z.enum(backupOperations),
    phase: z.enum(backupPhases),
    /** `schema.table` being copied or loaded. */
    table: z.string().nullable(),
    tablesDone: z.number().int(),
    tablesTotal: z.number().int(),
    /** Uncompressed COPY bytes so far and (for a backup, estimated) in all. */
    bytesDone: z.number().int(),
    bytesTotal: z.number().int(),
    message: z.string().nullable(),
  }),
} as const;
export type BackupProgress = z.output<(typeof backupEvents)['backup:progress']>;
