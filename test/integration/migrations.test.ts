/**
 * Migrations: exactly once, even when two processes race on one database,
 * every applied migration recorded in schema_migrations, and never run on a
 * database that applied an earlier content of one of their files.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, cpSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { CITEXT_EQUALITY_NOTICE } from '../../src-main/core/db/leakproof';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startCore } from '../../src-main/core';
import { readJournal } from '../../src-main/core/db/migrate';
import { resolveMigrationsDir } from '../../src-main/core/paths';
import { drm } from '../helpers/cli';
import { createTestDatabase } from '../helpers/database';
import { withDatabase } from '../helpers/global-setup';
import { makeTempDir } from '../helpers/temp';

const { superuserUrl, ownerUrl } = inject('postgres');
const created: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = `migrate_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client(superuserUrl);
  await admin.connect();
  await admin.query(`create database ${name} owner drm_owner`);
  await admin.end();
  created.push(name);
  return withDatabase(ownerUrl, name);
}

afterAll(async () => {
  const admin = new pg.Client(superuserUrl);
  await admin.connect();
  for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
});

async function rows<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  const journal = readJournal(resolveMigrationsDir({ packaged: false }));

  it('starts with the extensions migration and records every migration by name', async () => {
    expect(journal[0]?.tag).toMatch(/^0000_/);
    const url = await emptyDatabase();
    const first = await drm(['migrate', '--database-url', url]);
    // The one thing it says on stderr: how to let email look-ups use their index (db/leakproof.ts).
    expect(first.stderr).toBe(`drm: ${CITEXT_EQUALITY_NOTICE}\n`);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Applied ${journal.length} migration(s)`);
    const recorded = await rows<{ name: string }>(url, 'select name from schema_migrations order by id');
    expect(recorded.map((r) => r.name)).toEqual(journal.map((e) => e.tag));

    const second = await drm(['migrate', '--database-url', url]);
    expect(second.code).toBe(0);
    expect(second.stderr).toBe('');
    expect(second.stdout).toContain('up to date');
    expect(await rows(url, 'select name from schema_migrations')).toHaveLength(journal.length);
  });

  it('applies each migration exactly once when two processes migrate one database at once', async () => {
    const url = await emptyDatabase();
    const [a, b] = await Promise.all([drm(['migrate', '--database-url', url]), drm(['migrate', '--database-url', url])]);
    expect([a.code, b.code]).toEqual([0, 0]);
    // Only the one that migrated says how to let email look-ups use their index.
    expect([a.stderr, b.stderr].sort()).toEqual(['', `drm: ${CITEXT_EQUALITY_NOTICE}\n`]);
    // One of them did the work, the other found nothing to do.
    expect([a.stdout, b.stdout].filter((out) => out.includes('up to date'))).toHaveLength(1);
    const counts = await rows<{ name: string; n: string }>(
      url,
      'select name, count(*) as n from schema_migrations group by name order by name',
    );
    expect(counts).toEqual(journal.map((e) => ({ name: e.tag, n: '1' })));
    const drizzleRows = await rows(url, 'select created_at from drizzle.__drizzle_migrations');
    expect(drizzleRows).toHaveLength(journal.length);
    const tenants = await rows<{ n: string }>(url, "select count(*) as n from tenants where tenant_id = 'default'");
    expect(tenants).toEqual([{ n: '1' }]);
  });

  it('refuses at start-up a database whose applied migration file was edited afterwards, and changes nothing', async () => {
    const db = await createTestDatabase();
    const dir = makeTempDir('migrations');
    try {
      const copy = join(dir.path, 'migrations');
      cpSync(resolveMigrationsDir({ packaged: false }), copy, { recursive: true });
      // The same folder, unedited, starts: the copy itself is not what is refused.
      const same = await startCore({ databaseUrl: db.url, layout: { packaged: false, from: dir.path } });
      expect(same.migrationsApplied).toEqual([]);
      await same.stop();

      appendFileSync(join(copy, '0001_schema.sql'), '\n-- edited after release\n');
      const edited = startCore({ databaseUrl: db.url, layout: { packaged: false, from: dir.path } });
      await expect(edited).rejects.toThrow(
        /Migration 0001_schema\.sql was applied to this database with a different content \(hash [0-9a-f]{12}…; the file now hashes [0-9a-f]{12}…\).*Restore the original file/s,
      );
      expect(await rows(db.url, 'select name from schema_migrations order by id')).toEqual(journal.map((e) => ({ name: e.tag })));
      expect(await rows(db.url, 'select hash from drizzle.__drizzle_migrations')).toHaveLength(journal.length);
    } finally {
      dir.remove();
      await db.drop();
    }
  });
});
