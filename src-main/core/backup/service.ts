/**
 * Backups as the core offers them to every shell: back up now, restore (a
 * file for the CLI, an id from the list for the app), list, and where they
 * go. One operation at a time; each reports progress as `backup:progress`.
 *
 * A restore runs while the core holds every other call back and has closed
 * its connections (`exclusive`), so nothing reads half-restored tables or
 * writes between the safety backup and the restore; the core then reopens on
 * the restored data and announces every table as changed.
 */
import { basename } from 'node:path';
import type { BackupKind, BackupList, BackupPhase, BackupRestored } from '../../../src-shared/contract/backup';
import { tableNames } from '../../../src-shared/contract/tables';
import { withConnection } from '../db/connect';
import { readMigrations } from '../db/migrate';
import type { CoreEvents } from '../events';
import { hasUserData } from './catalog';
import { backupLevel } from './compat';
import { backupFolderReady, listBackups, newBackupPath, pruneBackups } from './folder';
import { rowsByTable, type Compression } from './format';
import { verifyBackup } from './read';
import { BackupRefusal } from './refusal';
import { restoreBackup } from './restore';
import { backupFolder } from './settings';
import { writeBackup, type CopyProgress } from './write';

export interface BackupServiceOptions {
  url: string;
  migrationsDir: string;
  /** Where the settings file is (backup/settings.ts). */
  home: string;
  events: CoreEvents;
  appVersion: string;
  /** Runs `work` with every other call held back and the core's connections closed; reopens them after. */
  exclusive<T>(work: () => Promise<T>): Promise<T>;
  /** Whether an import is running (a restore waits for none). */
  importing(): boolean;
  /**
   * The database is the app's own embedded server in a data folder on this computer: one person's, whatever
   * tenants it holds (team mode needs a shared database), so backups and restores take every tenant. On an external
   * database of several tenants they are refused (refusal.ts).
   */
  ownServer: boolean;
  compression?: Compression;
}

export interface CreatedBackup {
  file: string;
  bytes: number;
  createdAt: string;
  tables: Record<string, number>;
}

export type RestoredBackup = Omit<BackupRestored, 'id' | 'safetyBackup'> & { file: string; safetyBackup: string | null };

export interface BackupService {
  folder(): string;
  list(): Promise<BackupList>;
  /** Backs up to `out`, or to a new file in the backup folder (then applies retention). */
  create(options?: { kind?: BackupKind; out?: string }): Promise<CreatedBackup>;
  /** Restores `file`; a database with data is replaced only when `replace` (after a safety backup). */
  restore(file: string, options: { replace: boolean }): Promise<RestoredBackup>;
  /** Whether the database holds anything beyond what a fresh start seeds. */
  hasData(): Promise<boolean>;
  /** Stops a running backup or restore (it leaves nothing behind) and waits for it. */
  close(): Promise<void>;
}

const BUSY = 'A backup or restore is already running; try again when it has finished.';

export function createBackupService(options: BackupServiceOptions): BackupService {
  const { url, migrationsDir, events } = options;
  let running: { controller: AbortController; done: Promise<unknown> } | undefined;
  let closed = false;

  function exclusiveOperation<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (closed) return Promise.reject(new BackupRefusal('busy', 'The app is shutting down; nothing was started.'));
    if (running) return Promise.reject(new BackupRefusal('busy', BUSY));
    const controller = new AbortController();
    const done = work(controller.signal).finally(() => (running = undefined));
    running = { controller, done: done.catch(() => undefined) };
    return done;
  }

  function progress(operation: 'backup' | 'restore') {
    let last = 0;
    let lastStep: string | undefined;
    return (phase: BackupPhase, p: Partial<CopyProgress> = {}, message: string | null = null) => {
      const now = Date.now();
      // Every new phase and table is told; within one, a few updates a second are plenty.
      const step = `${phase} ${p.table ?? ''}`;
      if (step === lastStep && now - last < 200) return;
      last = now;
      lastStep = step;
      events.emit('backup:progress', {
        operation,
        phase,
        table: p.table ?? null,
        tablesDone: p.tablesDone ?? 0,
        tablesTotal: p.tablesTotal ?? 0,
        bytesDone: p.bytesDone ?? 0,
        bytesTotal: p.bytesTotal ?? 0,
        message,
      });
    };
  }

  async function write(kind: BackupKind, out: string | undefined, signal: AbortSignal): Promise<CreatedBackup> {
    const report = progress('backup');
    try {
      const file = out ?? newBackupPath(await backupFolderReady(options.home), kind, new Date());
      report('copying');
      const written = await writeBackup({
        url,
        file,
        kind,
        migrationsDir,
        appVersion: options.appVersion,
        compression: options.compression,
        signal,
        everyTenant: options.ownServer,
        onProgress: (p) => report('copying', p),
      });
      if (!out) await pruneBackups(backupFolder(options.home));
      const tables = rowsByTable(written.manifest);
      report('done', {}, basename(written.file));
      return { file: written.file, bytes: written.bytes, createdAt: written.manifest.createdAt, tables };
    } catch (error) {
      report('failed', {}, (error as Error).message);
      throw error;
    }
  }

  const hasData = () => withConnection(url, hasUserData);

  async function restore(file: string, replace: boolean, signal: AbortSignal): Promise<RestoredBackup> {
    const report = progress('restore');
    try {
      report('verifying');
      const head = await verifyBackup(file);
      backupLevel(head, readMigrations(migrationsDir));
      if (options.importing()) throw new BackupRefusal('busy', 'An import is running; wait for it to finish (or cancel it), then restore.');
      const done = await options.exclusive(async () => {
        let safetyBackup: string | null = null;
        if (await hasData()) {
          if (!replace) {
            throw new BackupRefusal(
              'has-data',
              'The database already holds data; nothing was restored. To replace that data with the backup, restore with --replace (a backup of the current data is made first).',
            );
          }
          safetyBackup = (await write('pre-restore', undefined, signal)).file;
        }
        const outcome = await restoreBackup({
          url,
          head,
          migrationsDir,
          signal,
          everyTenant: options.ownServer,
          onProgress: (phase, p) => report(phase, p),
        });
        return { ...outcome, safetyBackup };
      });
      report('done', {}, basename(file));
      // Every table is new: the backup's were loaded, a newer migration made the others, the derived ones were rebuilt.
      events.emit('db:changed', { tables: [...tableNames] });
      return { file, tables: done.tables, migrations: done.migrations, derivedRebuilt: true, safetyBackup: done.safetyBackup };
    } catch (error) {
      report('failed', {}, (error as Error).message);
      throw error;
    }
  }

  return {
    folder: () => backupFolder(options.home),
    list: async () => {
      const folder = backupFolder(options.home);
      return { folder, backups: await listBackups(folder, migrationsDir) };
    },
    create: (request = {}) => exclusiveOperation((signal) => write(request.kind ?? 'manual', request.out, signal)),
    restore: (file, { replace }) => exclusiveOperation((signal) => restore(file, replace, signal)),
    hasData,
    async close() {
      closed = true;
      const current = running;
      current?.controller.abort();
      await current?.done;
    },
  };
}
