/**
 * Migrations: exactly once, even when two processes race on one database,
 * and every applied migration recorded in schema_migrations.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { readJournal } from '../../src-main/core/db/migrate';
import { resolveMigrationsDir } from '../../src-main/core/paths';
import { drm } from '../helpers/cli';
import { withDatabase } from '../helpers/global-setup';

const { superuserUrl, appUrl } = inject('postgres');
const created: string[] = [];

async function emptyDatabase(): Promise<string> {
  const name = `migrate_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client(superuserUrl);
  await admin.connect();
  await admin.query(`create database ${name} owner drm`);
  await admin.end();
  created.push(name);
  return withDatabase(appUrl, name);
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
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`Applied ${journal.length} migration(s)`);
    const recorded = await rows<{ name: string }>(url, 'select name from schema_migrations order by id');
    expect(recorded.map((r) => r.name)).toEqual(journal.map((e) => e.tag));

    const second = await drm(['migrate', '--database-url', url]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('up to date');
    expect(await rows(url, 'select name from schema_migrations')).toHaveLength(journal.length);
  });

  it('applies each migration exactly once when two processes migrate one database at once', async () => {
    const url = await emptyDatabase();
    const [a, b] = await Promise.all([drm(['migrate', '--database-url', url]), drm(['migrate', '--database-url', url])]);
    expect([a.code, b.code, a.stderr, b.stderr]).toEqual([0, 0, '', '']);
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
});
