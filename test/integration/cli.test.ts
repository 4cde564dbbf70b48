/**
 * `drm` as a user runs it: a subprocess through tsx, against a real database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drm } from '../helpers/cli';
import { DEFAULT_ACTION_MAP } from '../../src-main/core/db/seed';
import { createTestDatabase } from '../helpers/database';
import { shippedMigrations } from '../helpers/migrations';

let url: string;
let drop: () => Promise<void>;

beforeAll(async () => {
  ({ url, drop } = await createTestDatabase());
});
afterAll(() => drop?.());

describe('drm CLI', () => {
  it('status --json prints one object with version, tables, migrations, extensions and row counts', async () => {
    const result = await drm(['status', '--json', '--database-url', url]);
    expect(result.code).toBe(0);
    const status = JSON.parse(result.stdout);
    expect(status.postgres.version).toMatch(/^18\.\d+/);
    expect(status.postgres.location).toEqual({ kind: 'external', url: expect.stringContaining(':***@') });
    expect(status.tables).toHaveLength(25);
    expect(status.migrations.map((m: { name: string }) => m.name)).toEqual(shippedMigrations());
    expect(status.extensions.map((e: { name: string }) => e.name)).toEqual(['citext', 'uuid-ossp']);
    expect(status.rows).toMatchObject({
      tenants: 1,
      funnel_stages: 4,
      activity_funnel_map: Object.keys(DEFAULT_ACTION_MAP).length,
      developers: 0,
    });
    expect(Object.keys(status.rows).sort()).toEqual([...status.tables].sort());
  });

  it('status without --json prints a readable table and never the password', async () => {
    const result = await drm(['status', '--database-url', url]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^PostgreSQL 18\.\d+ — external/);
    expect(result.stdout).toMatch(/^funnel_stages\s+4$/m);
    const password = new URL(url).password;
    expect(result.stdout).not.toContain(password);
  });

  it('honours DATABASE_URL when no location is given', async () => {
    const result = await drm(['status', '--json'], { DATABASE_URL: url });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).postgres.location.kind).toBe('external');
  });

  it('explains usage errors with exit code 2', async () => {
    const both = await drm(['status', '--data-dir', '/tmp/x', '--database-url', url]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('either --data-dir or --database-url');
    const unknown = await drm(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const badFlag = await drm(['status', '--colour']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toMatch(/Unknown option '--colour'/);
  });

  it('reports an unreachable database as an error with exit code 1', async () => {
    const result = await drm(['status', '--database-url', 'postgres://drm:x@127.0.0.1:1/drm']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^drm status: .*ECONNREFUSED/);
  });
});
