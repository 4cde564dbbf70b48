import type { DatabaseLocation } from '../../src-shared/contract/system';
import type { Db } from './db/db';
import type { BackupService } from './backup/service';
import type { CoreEvents } from './events';
import type { FileRegistry } from './files/handles';
import type { CoreHandlers } from './handlers';
import type { Importer } from './imports/importer';
import type { TeamClientControl } from './team-client/handlers';
import type { RuntimeLayout } from './paths';

export type StartCoreOptions = (
  | {
      /** The app's data folder; PostgreSQL's cluster lives in `<dataDir>/pgdata`. */
      dataDir: string;
      databaseUrl?: undefined;
    }
  | {
      /** Any PostgreSQL ≥ 14 with citext and uuid-ossp available. */
      databaseUrl: string;
      dataDir?: undefined;
    }
) & {
  /** How to find migrations and binaries; defaults to running from the project. */
  layout?: RuntimeLayout;
  /** Server log lines, for a shell that wants to show or keep them. */
  onLog?: (line: string) => void;
  /** The few start-up events a user should be told about (passwords reset, an orphaned server shut down, waiting for another process). */
  onNotice?: (message: string) => void;
  /** Milliseconds to wait for the embedded server to accept connections. */
  startTimeoutMs?: number;
  /**
   * For an external database: the folder for its backup settings and default
   * backup folder (default: `<data folder>/external/<host>-<port>-<database>`).
   */
  stateDir?: string;
  /** What the shell can do for the core with files (Electron); browser mode and the CLI give none. */
  shell?: ShellCapabilities;
  /** Runs the daily backup: long-lived shells only (Electron, `drm serve`), never one-shot commands. */
  scheduleBackups?: boolean;
  /** Answers developer searches from an in-memory index in a worker thread (developers/search-index/): long-lived shells only. */
  searchIndex?: boolean;
  /** Sends notifications (Slack, webhooks, email) from a loop: long-lived shells only; one-shot commands only queue them. */
  sendNotifications?: boolean;
  /** The tenant the core acts for (README "Tenants and row-level security"); `default` when not given. */
  tenant?: string;
  /** Whether callers without a user act as the OS account's user (session.ts `localUser`); false on a team server. Default true. */
  localUser?: boolean;
  /** Given by a shell that can move the app to a team's data (team-client/switcher.ts); without it the team channels only say where the core is. */
  teamClient?: TeamClientControl;
  /** Events and file handles that outlive this core: a switchable shell keeps one of each across the cores it runs. */
  events?: CoreEvents;
  files?: FileRegistry;
};

export interface ShellCapabilities {
  /** Opens the system's file manager with `path` selected (Electron: shell.showItemInFolder). */
  showItemInFolder?(path: string): void;
  /** A folder the user picked in the shell's own dialog; undefined when cancelled. */
  chooseFolder?(): Promise<string | undefined>;
}

export interface Core {
  handlers: CoreHandlers;
  events: CoreEvents;
  location: DatabaseLocation;
  /** Files the user chose, by handle: shells register them, import channels take only handles. */
  files: FileRegistry;
  /** The import queue, for shells that wait on a job (the CLI) and for tests. */
  importer: Pick<Importer, 'settled' | 'outcome' | 'busy'>;
  /** Migrations this start applied (empty when the database was current). */
  migrationsApplied: string[];
  /** Backups: the CLI's `backup` and `restore`, and what Settings → Backups calls. */
  backups: BackupService;
  /** The backup this start made before applying migrations, if it did. */
  preMigrationBackup: string | null;
  /**
   * Runs `work` on the current connections, as a handler call runs (a restore
   * waits for it): for shells that write outside the handlers, such as the
   * short-link redirect server recording clicks; `tenant` is the one its
   * connections act for.
   */
  withDatabase<T>(work: (db: Db, tenant: string) => Promise<T>): Promise<T>;
  /** Closes connections and stops the embedded server; safe to call twice. */
  stop(): Promise<void>;
}
