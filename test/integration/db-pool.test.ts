/**
 * The app's pool (db/client.ts) turns JIT compilation off on every
 * connection it opens, on any server: the app's queries are short by design,
 * and at 10M activities their plans cross jit_above_cost, where compiling
 * costs more than the query (issue 12). Set per connection, so it holds on
 * an external database whose role the app cannot alter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src-main/core/db/client';
import { poolOf } from '../../src-main/core/db/db';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { createTestDatabase } from '../helpers/database';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let opened: Database;

beforeAll(async () => {
  database = await createTestDatabase();
  opened = openDatabase(database.url, DEFAULT_TENANT);
});
afterAll(async () => {
  await opened.close();
  await database.drop();
});

describe('the pool', () => {
  it('has JIT off on every pooled connection (PostgreSQL turns it on by default)', async () => {
    const pool = poolOf(opened.db);
    // Two connections held at once: the second is a new one, not the first reused.
    const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
    try {
      const pids = new Set<number>();
      for (const client of [a, b]) {
        const { rows } = await client.query<{ jit: string; pid: number }>("select current_setting('jit') as jit, pg_backend_pid() as pid");
        expect(rows[0]!.jit).toBe('off');
        pids.add(rows[0]!.pid);
      }
      expect(pids.size).toBe(2);
    } finally {
      a.release();
      b.release();
    }
  });
});
