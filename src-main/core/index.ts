/**
 * The core: everything that runs without Electron. Starts (or connects to)
 * PostgreSQL, migrates, seeds, and answers the contract's channels.
 */
import type { DatabaseLocation } from '../../src-shared/contract';
import { openDatabase, redactUrl, type Database } from './db/client';
import { runMigrations } from './db/migrate';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/postgres';
import { seed } from './db/seed';
import { createCoreEvents } from './events';
import { createFileRegistry } from './files/handles';
import { analyticsHandlers } from './analytics/handlers';
import { rebuildStats } from './analytics/rebuild';
import { campaignHandlers } from './campaigns/handlers';
import { developerHandlers } from './developers/handlers';
import { composeHandlers } from './handlers';
import { importHandlers } from './imports/handlers';
import { createImporter } from './imports/importer';
import { mergeHandlers } from './merges/handlers';
import { organizationHandlers } from './organizations/handlers';
import { markInterruptedJobs } from './imports/jobs';
import { resolveMigrationsDir, resolveSampleDir } from './paths';
import { DEFAULT_TENANT } from './db/seed';
import { settingsHandlers } from './settings/handlers';
import { systemHandlers } from './system/handlers';
import type { Core, StartCoreOptions } from './types';

export type { Core, StartCoreOptions } from './types';

/** The migration that creates the `app` and `derived` schemas (db/app-schema.ts). */
export const DERIVED_MIGRATION = '0002_derived';

export async function startCore(options: StartCoreOptions): Promise<Core> {
  const layout = options.layout ?? { packaged: false };
  const migrationsDir = resolveMigrationsDir(layout);
  let server: EmbeddedPostgres | undefined;
  let database: Database | undefined;
  try {
    let url: string;
    let location: DatabaseLocation;
    if (options.databaseUrl !== undefined) {
      url = options.databaseUrl;
      location = { kind: 'external', url: redactUrl(url) };
    } else {
      server = await startEmbeddedPostgres({
        dataDir: options.dataDir,
        startTimeoutMs: options.startTimeoutMs,
        onLog: options.onLog,
        onNotice: options.onNotice,
      });
      url = server.url;
      location = { kind: 'embedded', dataDir: server.dataDir, port: server.port };
    }

    // Migrations run on their own connection before any handler answers.
    const migrationsApplied = await runMigrations(url, migrationsDir);
    const opened = openDatabase(url);
    database = opened;
    await seed(opened.db);
    // A database that held data before the derived structures existed gets
    // them built once, by the start that creates them (empty ones cost nothing).
    if (migrationsApplied.includes(DERIVED_MIGRATION)) await rebuildStats(opened.pool, DEFAULT_TENANT);
    // Alone on its own server, the app knows no other process can be importing.
    if (server) await markInterruptedJobs(opened.pool, DEFAULT_TENANT);

    const events = createCoreEvents();
    const importer = createImporter(opened.pool, events, DEFAULT_TENANT);
    const files = createFileRegistry();
    const handlers = composeHandlers({
      system: systemHandlers(opened.db, location),
      imports: importHandlers(opened.pool, importer, DEFAULT_TENANT, resolveSampleDir(layout), files, { folder: server?.dataDir ?? null }),
      developers: developerHandlers(opened.pool, events, DEFAULT_TENANT),
      merges: mergeHandlers(opened.pool, events, DEFAULT_TENANT),
      organizations: organizationHandlers(opened.pool, events, DEFAULT_TENANT),
      settings: settingsHandlers(opened.pool, events, DEFAULT_TENANT),
      campaigns: campaignHandlers(opened.pool, events, DEFAULT_TENANT),
      analytics: analyticsHandlers(opened.pool, events, DEFAULT_TENANT),
    });

    let stopping: Promise<void> | undefined;
    const running = server;
    return {
      handlers,
      events,
      importer,
      files,
      location,
      migrationsApplied,
      stop: () =>
        (stopping ??= (async () => {
          // Running imports roll back; their jobs are marked cancelled before the pool closes.
          await importer.close();
          await files.close();
          await opened.close();
          await running?.stop();
        })()),
    };
  } catch (error) {
    // Never leave a server running behind a failed start.
    await database?.close().catch(() => undefined);
    await server?.stop();
    throw error;
  }
}
