/**
 * Where bench:import runs: the embedded server (a fresh data folder each
 * round, as a first import into a new install) or an external PostgreSQL
 * (a fresh database each round, reached by URL as `drm … --database-url`
 * does). Either way the baseline's fresh database is created on the same
 * server, owned by the same role as the import's.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { OWNER_ROLE } from '../src-main/core/db/roles';
import { startCore } from '../src-main/core/index';
import type { Core } from '../src-main/core/types';
import { startSystemPostgres } from '../test/helpers/system-postgres';
import { dataUrl } from './dataset';

export interface Round {
  core: Core;
  /** The app's connection string to the database the import writes. */
  url: string;
  /** A fresh, empty database on the same server, owned by the import's owner role; returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the core and removes what the round created. */
  close(): Promise<void>;
}

export interface BenchServer {
  /** "embedded" or "external (PostgreSQL 15.x)", for the printout. */
  label: string;
  round(index: number): Promise<Round>;
  stop(): Promise<void>;
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function serverVersion(url: string): Promise<string> {
  return admin(url, async (c) => (await c.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v);
}

/** Each round a new data folder under `parent` with its own embedded server; the baseline database beside `drm`. */
export function embeddedServer(parent: string): BenchServer {
  return {
    label: 'embedded',
    async round(index) {
      const dataDir = join(parent, `data-${index}`);
      const core = await startCore({ dataDir });
      // The owner's URL: the superuser's login acting as drm_owner (a startup option), which may not create databases.
      const url = dataUrl(dataDir);
      const superuser = new URL(withDatabase(url, 'postgres'));
      superuser.searchParams.delete('options');
      return {
        core,
        url,
        async createDatabase(name) {
          await admin(superuser.toString(), (c) => c.query(`create database ${name} owner ${OWNER_ROLE}`));
          return withDatabase(url, name);
        },
        async close() {
          await core.stop();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
    stop: async () => undefined,
  };
}

/**
 * An external server at `url`, whose role may create databases (CREATEDB)
 * and is what the app asks of its role on a shared server (README "Where data
 * lives": BYPASSRLS, and CREATEROLE unless drm_app exists). Each round's
 * databases are created by that role, so it owns them as an app that
 * migrated its own database does, and dropped when the round ends.
 */
export async function externalServer(url: string, stopServer?: () => Promise<void>): Promise<BenchServer> {
  const version = await serverVersion(url);
  const created: string[] = [];
  const drop = async () => {
    while (created.length > 0) await admin(url, (c) => c.query(`drop database if exists ${created.pop()!}`));
  };
  return {
    label: `external (PostgreSQL ${version})`,
    async round(index) {
      const createDatabase = async (name: string) => {
        await admin(url, (c) => c.query(`drop database if exists ${name}`));
        await admin(url, (c) => c.query(`create database ${name}`));
        created.push(name);
        return withDatabase(url, name);
      };
      const importUrl = await createDatabase(`drm_bench_import_${index}`);
      const core = await startCore({ databaseUrl: importUrl });
      return {
        core,
        url: importUrl,
        createDatabase,
        async close() {
          await core.stop();
          await drop();
        },
      };
    },
    async stop() {
      await drop();
      await stopServer?.();
    },
  };
}

/** Debian's PostgreSQL started in a temp folder (as the tests do), with such a role. */
export async function startedExternalServer(): Promise<BenchServer> {
  const system = await startSystemPostgres();
  try {
    await admin(system.url, (c) => c.query("create role bench_app login createdb createrole bypassrls nosuperuser password 'bench-app'"));
    const url = withDatabase(system.url.replace('postgres@', 'bench_app:bench-app@'), 'postgres');
    return await externalServer(url, () => system.stop());
  } catch (error) {
    await system.stop();
    throw error;
  }
}
