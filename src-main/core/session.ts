/**
 * The core's connections and everything that holds state over them: the
 * pool (as a `Db`), the import queue, and each domain's handlers (the campaign undo
 * buffer, for one). A restore closes a session and opens a new one on the
 * restored data, so nothing from before it survives in memory.
 */
import type { DatabaseLocation } from '../../src-shared/contract/system';
import { analyticsHandlers } from './analytics/handlers';
import { apiKeyHandlers } from './api-keys/handlers';
import { campaignHandlers } from './campaigns/handlers';
import { openDatabase } from './db/client';
import type { Db } from './db/db';
import { DEFAULT_TENANT, seed } from './db/seed';
import { developerHandlers } from './developers/handlers';
import { formHandlers } from './forms/handlers';
import type { CoreEvents } from './events';
import type { FileRegistry } from './files/handles';
import type { Caller, DomainHandlers } from './handlers';
import { importHandlers, type ImportSpace } from './imports/handlers';
import { createImporter, type Importer } from './imports/importer';
import { markInterruptedJobs } from './imports/jobs';
import { mergeHandlers } from './merges/handlers';
import { notificationHandlers } from './notifications/handlers';
import { startSenderLoop } from './notifications/loop';
import { organizationHandlers } from './organizations/handlers';
import { resourceHandlers } from './resources/handlers';
import { rateHandlers } from './rates/handlers';
import { settingsHandlers } from './settings/handlers';
import { shortlinkHandlers } from './shortlinks/handlers';
import { systemHandlers } from './system/handlers';
import { openSearchIndex } from './developers/search-index/open';
import { actorResolver, type ActorOf } from './audit/actor';
import { ensureLocalUser } from './audit/local-user';

export interface Session {
  /** Over the session's pool, every statement under `tenant`. */
  db: Db;
  tenant: string;
  /** The OS account's `users` row in `tenant` (audit/local-user.ts); null when the session has none (team server). */
  localUserId: string | null;
  /** Who a call acts as, for the audit columns (audit/actor.ts). */
  actorOf: ActorOf;
  importer: Importer;
  domains: Record<string, DomainHandlers>;
  close(): Promise<void>;
}

export interface SessionOptions {
  url: string;
  events: CoreEvents;
  location: DatabaseLocation;
  sampleDir: string;
  /** The shells' file handles, which the import channels resolve. */
  files: Pick<FileRegistry, 'resolve'>;
  /** Where an import's free disk space is checked. */
  importSpace: ImportSpace;
  /** Alone on its own server, the app knows no other process can be importing. */
  ownServer: boolean;
  /** Developer search from memory (developers/search-index/); long-lived shells only. */
  searchIndex?: boolean;
  /** Sends queued notifications (notifications/loop.ts); long-lived shells only. */
  sendNotifications?: boolean;
  /** Whose rows every statement of the session sees (db/tenant.ts); `default` on the desktop. */
  tenant?: string;
  /**
   * Whether callers without a `userId` act as the OS account's user (created
   * at the first start per tenant): the desktop, the CLI and plain `drm serve`.
   * False on a team server, where every person signs in: a call without a
   * user is then recorded as nobody. Default true.
   */
  localUser?: boolean;
}

export async function openSession(options: SessionOptions): Promise<Session> {
  const { url, events, location, sampleDir, files, importSpace, ownServer } = options;
  const tenant = options.tenant ?? DEFAULT_TENANT;
  const opened = openDatabase(url, tenant);
  const search = options.searchIndex ? openSearchIndex(url, events, tenant) : undefined;
  try {
    await seed(opened.db, tenant);
    const { db } = opened;
    const localUserId = options.localUser === false ? null : await ensureLocalUser(db, tenant);
    const actorOf = actorResolver(db, tenant, localUserId);
    if (ownServer) await markInterruptedJobs(db, tenant);
    const importer = createImporter(db, events, tenant);
    const sender = options.sendNotifications ? startSenderLoop(db, events, tenant) : undefined;
    return {
      db,
      tenant,
      localUserId,
      actorOf,
      importer,
      domains: {
        system: systemHandlers(db, location),
        imports: importHandlers(db, importer, tenant, sampleDir, files, importSpace, actorOf),
        developers: developerHandlers(db, events, tenant, search?.client),
        merges: mergeHandlers(db, events, tenant, actorOf),
        organizations: organizationHandlers(db, events, tenant),
        settings: settingsHandlers(db, events, tenant),
        campaigns: campaignHandlers(db, events, tenant),
        rates: rateHandlers(db, events, tenant),
        analytics: analyticsHandlers(db, events, tenant),
        shortlinks: shortlinkHandlers(db, events, tenant),
        resources: resourceHandlers(db, events, tenant),
        apiKeys: apiKeyHandlers(db, events, tenant, actorOf),
        forms: formHandlers(db, events, tenant),
        notifications: notificationHandlers(db, events, tenant),
      },
      close: async () => {
        // Running imports roll back; their jobs are marked cancelled before the pool closes.
        await importer.close();
        await sender?.stop();
        await search?.close();
        await opened.close();
      },
    };
  } catch (error) {
    await search?.close().catch(() => undefined);
    await opened.close().catch(() => undefined);
    throw error;
  }
}

/**
 * Handler maps with the same channels as `first`'s that call into whichever
 * session is current, each call passing `through` (the restore's gate).
 */
export function routeToCurrent(
  first: Session,
  current: () => Session,
  through: <T>(call: () => Promise<T>) => Promise<T>,
): Record<string, DomainHandlers> {
  type Call = (input: unknown, caller: Caller) => Promise<unknown>;
  const routed: Record<string, DomainHandlers> = {};
  for (const [domain, handlers] of Object.entries(first.domains)) {
    const calls: Record<string, Call> = {};
    for (const channel of Object.keys(handlers)) {
      calls[channel] = (input, caller) => through(() => (current().domains[domain] as Record<string, Call>)[channel]!(input, caller));
    }
    routed[domain] = calls as DomainHandlers;
  }
  return routed;
}
