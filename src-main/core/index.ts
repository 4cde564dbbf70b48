/**
 * The core: everything that runs without Electron. Starts (or connects to)
 * PostgreSQL, backs up before a schema change, migrates, seeds, and answers
 * the contract's channels.
 */
import { tmpdir } from 'node:os';
import type { DatabaseLocation } from '../../src-shared/contract/system';
import { redactUrl } from './db/client';
import { allowEmailIndexes } from './db/leakproof';
import { runMigrations } from './db/migrate';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/postgres';
import { removeAbandoned } from './files/abandoned';
import { createFileRegistry } from './files/handles';
import { CELLS_FOLDER_PREFIX } from './derived/cell-spill';
import { createCoreEvents } from './events';
import { rebuildStats } from './analytics/rebuild';
import { backupBeforeMigrating, backupHome, createBackups } from './backup/index';
import { createGate } from './gate';
import { backupFailedMessage } from './notifications/messages';
import { announce, notify } from './notifications/notify';
import { DEFAULT_TENANT } from './db/seed';
import { teamHandlers } from './team-client/handlers';
import { tenantHandlers } from './tenants/handlers';
import { CoreError } from './errors';
import { composeHandlers } from './handlers';
import { resolveMigrationsDir, resolveSampleDir } from './paths';
import { openSession, routeToCurrent, type Session } from './session';
import type { Core, StartCoreOptions } from './types';
import { APP_VERSION } from './version';

export type { Core, ShellCapabilities, StartCoreOptions } from './types';

/** The migration that creates the `app` and `derived` schemas (db/schema-app/). */
export const DERIVED_MIGRATION = '0002_derived';
/** The migration that replaces conversion_touches by roi_steps (issue 12): its new tables start empty. */
export const DERIVED_V2_MIGRATION = '0004_derived_v2';
/** The migration that adds funnel_bits, merge_keys/merge_pairs and the search version (issue 12): filled by the start that applies it. */
export const DERIVED_V3_MIGRATION = '0005_derived_v3';
/** The migration that lets a funnel_bits row hold a list of developers: it empties the funnel's rows, and the start that applies it fills them. */
export const FUNNEL_SPARSE_MIGRATION = '0007_funnel_sparse';

/**
 * Where the data is: `url` is the app's login, `ownerUrl` runs migrations and
 * backups. An external database's URL is both: its owner, whose app
 * connections SET ROLE drm_app (db/tenant.ts).
 */
async function locateDatabase(
  options: StartCoreOptions,
): Promise<{ server?: EmbeddedPostgres; url: string; ownerUrl: string; location: DatabaseLocation }> {
  if (options.databaseUrl !== undefined) {
    const url = options.databaseUrl;
    return { url, ownerUrl: url, location: { kind: 'external', url: redactUrl(url) } };
  }
  const server = await startEmbeddedPostgres({
    dataDir: options.dataDir,
    startTimeoutMs: options.startTimeoutMs,
    onLog: options.onLog,
    onNotice: options.onNotice,
  });
  return { server, url: server.url, ownerUrl: server.ownerUrl, location: { kind: 'embedded', dataDir: server.dataDir, port: server.port } };
}

export async function startCore(options: StartCoreOptions): Promise<Core> {
  const layout = options.layout ?? { packaged: false };
  const migrationsDir = resolveMigrationsDir(layout);
  // A refresh's cells that a crash left in the OS temp folder (cell-spill.ts).
  removeAbandoned(tmpdir(), CELLS_FOLDER_PREFIX);
  let server: EmbeddedPostgres | undefined;
  let session: Session | undefined;
  try {
    const located = await locateDatabase(options);
    server = located.server;
    const { url, ownerUrl, location } = located;
    const home = backupHome(options);

    // A database with data is backed up before its schema changes; then migrations run on their own connection.
    const preMigrationBackup = (await backupBeforeMigrating({ url: ownerUrl, migrationsDir, home, appVersion: APP_VERSION })) ?? null;
    const migrationsApplied = await runMigrations(ownerUrl, migrationsDir);
    await allowEmailIndexes(server, ownerUrl, migrationsApplied.length > 0, options.onNotice);
    const events = options.events ?? createCoreEvents();
    // File handles belong to the shells' sessions, not to a database connection: they outlive a restore.
    const files = options.files ?? createFileRegistry();
    // Whose rows the session sees; `tenants:switch` reopens the session on another.
    let tenant = options.tenant ?? DEFAULT_TENANT;
    const open = () =>
      openSession({
        url,
        events,
        location,
        sampleDir: resolveSampleDir(layout),
        files,
        importSpace: { folder: server?.dataDir ?? null },
        ownServer: server !== undefined,
        searchIndex: options.searchIndex ?? false,
        sendNotifications: options.sendNotifications ?? false,
        tenant,
        localUser: options.localUser ?? true,
      });
    const first = await open();
    session = first;
    // A database that held data before the derived structures existed gets
    // them built once, by the start that creates them (empty ones cost nothing).
    if (
      [DERIVED_MIGRATION, DERIVED_V2_MIGRATION, DERIVED_V3_MIGRATION, FUNNEL_SPARSE_MIGRATION].some((tag) =>
        migrationsApplied.includes(tag),
      )
    ) {
      await rebuildStats(first.db, first.tenant);
    }

    const gate = createGate();
    let lost: Error | undefined;
    const current = (): Session => {
      if (session) return session;
      throw new CoreError(
        'UNAVAILABLE',
        `The database could not be opened again after a restore or a switch of tenant (${lost?.message ?? 'unknown reason'}). Restart the app.`,
      );
    };
    // A restore or a switch of tenant: no call runs meanwhile, and the core comes back on new connections (on `tenant`).
    const reopen = <T>(work: () => Promise<T>): Promise<T> =>
      gate.exclusive(async () => {
        await current().close();
        session = undefined;
        try {
          return await work();
        } finally {
          session = await open().catch((error: unknown) => {
            lost = error as Error;
            return undefined;
          });
        }
      });
    const backups = createBackups({
      url: ownerUrl,
      migrationsDir,
      home,
      events,
      appVersion: APP_VERSION,
      shell: options.shell,
      importing: () => current().importer.busy(),
      ownServer: server !== undefined,
      // A scheduled backup that failed is news for the channels that want it (and the desktop).
      onScheduledFailure: async (error, at) => {
        const event = backupFailedMessage(error, at);
        await notify(current().db, current().tenant, event);
        events.emit('db:changed', { tables: ['notifications'] });
        announce(events, event);
      },
      exclusive: reopen,
    });
    const tenants = tenantHandlers(
      {
        run: (call) => gate.run(() => call(current().db, current().tenant)),
        // The handler checked that it exists; a switchable shell remembers it (team-client/switcher.ts).
        switchTo: (next) => reopen(async () => void (tenant = next)).then(() => options.teamClient?.tenantSwitched(next)),
      },
      events,
    );
    // A switchable shell answers the team channels itself (team-client/switcher.ts); otherwise they say where this core is.
    const team = teamHandlers(options.teamClient, location, () => tenant);
    const handlers = composeHandlers({ ...routeToCurrent(first, current, gate.run), backup: backups.handlers, tenants, team });
    const stopSchedule = options.scheduleBackups ? backups.schedule() : undefined;

    let stopping: Promise<void> | undefined;
    const running = server;
    return {
      handlers,
      events,
      importer: {
        settled: (jobId) => current().importer.settled(jobId),
        outcome: (jobId) => current().importer.outcome(jobId),
        busy: () => session?.importer.busy() ?? false,
      },
      files,
      backups: backups.service,
      preMigrationBackup,
      location,
      migrationsApplied,
      withDatabase: (work) => gate.run(() => work(current().db, current().tenant)),
      stop: () =>
        (stopping ??= (async () => {
          stopSchedule?.();
          await backups.service.close();
          await session?.close();
          // A registry the shell gave outlives this core (team-client/switcher.ts).
          if (!options.files) await files.close();
          await running?.stop();
        })()),
    };
  } catch (error) {
    // Never leave a server running behind a failed start.
    await session?.close().catch(() => undefined);
    await server?.stop();
    throw error;
  }
}
