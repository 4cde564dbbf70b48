import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { startCore } from '../../src-main/core/index';
import type { Core } from '../../src-main/core/types';
import { withDatabase } from './global-setup';

/**
 * A fresh, fully migrated and seeded database on the suite's real
 * PostgreSQL, owned by `drm_owner` as the app's own is. `url` is the owner's
 * (BYPASSRLS: a test's own SQL sees every tenant; given to startCore, it is
 * an external database's URL, whose app connections run as drm_app);
 * `appUrl` is the app's login `drm`, bound by row-level security.
 */
export async function createTestDatabase(): Promise<{ url: string; appUrl: string; drop(): Promise<void> }> {
  const { superuserUrl, appUrl, ownerUrl, template } = inject('postgres');
  const name = `test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(superuserUrl);
  await admin.connect();
  try {
    await admin.query(`create database ${name} template ${template} owner drm_owner`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabase(ownerUrl, name),
    appUrl: withDatabase(appUrl, name),
    drop: async () => {
      const client = new pg.Client(superuserUrl);
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * For a test file: a core started on its own fresh database (beforeAll), and
 * everything stopped and dropped afterwards (afterAll). Read `url` and `core`
 * inside tests, after beforeAll has run.
 */
export function useCoreOnTestDatabase(): { readonly url: string; readonly core: Core } {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let core: Core | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    core = await startCore({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await core?.stop();
    await database?.drop();
  });
  return {
    get url() {
      if (!database) throw new Error('useCoreOnTestDatabase: read url inside a test');
      return database.url;
    },
    get core() {
      if (!core) throw new Error('useCoreOnTestDatabase: read core inside a test');
      return core;
    },
  };
}

/**
 * For a test file about SQL alone: a connection, as the database's owner, to
 * its own fresh database (beforeAll), closed and dropped afterwards. Read
 * `client` inside tests.
 */
export function useClientOnTestDatabase(): { readonly client: pg.Client } {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let client: pg.Client | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client(database.url);
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });
  return {
    get client() {
      if (!client) throw new Error('useClientOnTestDatabase: read client inside a test');
      return client;
    },
  };
}
