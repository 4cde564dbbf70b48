/**
 * Once per `vitest run`: one embedded PostgreSQL in a temp folder with a
 * migrated, seeded template database. Each integration test file clones the
 * template into a database of its own (see database.ts), which is much
 * faster than an initdb per file and keeps files isolated.
 */
import type { TestProject } from 'vitest/node';
import { join } from 'node:path';
import pg from 'pg';
import { startCore } from '../../src-main/core/index';
import { trustCitextEquality } from '../../src-main/core/db/leakproof';
import { startEmbeddedPostgres } from '../../src-main/core/db/postgres';
import { postgresServersUnder } from './processes';
import { makeTempDir, TEST_PREFIX } from './temp';

export const TEMPLATE_DB = 'drm_template';

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: { superuserUrl: string; appUrl: string; ownerUrl: string; template: string };
  }
}

export default async function setup(project: TestProject) {
  const dir = makeTempDir('suite');
  // What the app keeps in its default data folder (e.g. backups of an external
  // database before it migrates) stays in this run's temp folder; the workers inherit it.
  process.env.DRM_DATA_DIR = join(dir.path, 'default-data');
  const server = await startEmbeddedPostgres({ dataDir: dir.path });
  try {
    const admin = new pg.Client(server.superuserUrl);
    await admin.connect();
    await admin.query(`create database ${TEMPLATE_DB} owner drm_owner`);
    await admin.end();
    const templateUrl = withDatabase(server.ownerUrl, TEMPLATE_DB);
    const core = await startCore({ databaseUrl: templateUrl });
    await core.stop();
    // As the embedded cluster does for the app's database after migrating (db/leakproof.ts).
    const template = new pg.Client(withDatabase(server.superuserUrl, TEMPLATE_DB));
    await template.connect();
    await trustCitextEquality(template);
    await template.end();
  } catch (error) {
    await server.stop();
    dir.remove();
    throw error;
  }
  project.provide('postgres', { superuserUrl: server.superuserUrl, appUrl: server.url, ownerUrl: server.ownerUrl, template: TEMPLATE_DB });

  return async () => {
    await server.stop();
    dir.remove();
    // The suite's promise: no server of ours outlives it.
    const leftovers = postgresServersUnder(TEST_PREFIX);
    for (const p of leftovers) process.kill(p.pid, 'SIGKILL');
    if (leftovers.length > 0) {
      throw new Error(`PostgreSQL servers were left running by tests: ${leftovers.map((p) => p.cmdline).join('; ')}`);
    }
  };
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
