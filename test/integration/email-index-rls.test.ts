/**
 * Row-level security and citext (db/leakproof.ts): a look-up by email runs
 * as an index condition only while citext's equality is LEAKPROOF; without
 * it, the condition is a filter over every developer of the tenant. The
 * embedded cluster marks it after migrating; a start on an external
 * database where it is not marked says how to mark it.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { CITEXT_EQUALITY_NOTICE } from '../../src-main/core/db/leakproof';
import { startCore } from '../../src-main/core/index';
import type { Core } from '../../src-main/core/types';
import { createTestDatabase } from '../helpers/database';
import { withDatabase } from '../helpers/global-setup';
import { perTestCleanups } from '../helpers/per-test';

const { defer, tempDataDir } = perTestCleanups();

/** The plan of a look-up by email, as the app runs it (its role, its tenant), over 2,000 developers. */
async function emailLookupPlan(core: Core): Promise<string> {
  return core.withDatabase(async (db, tenant) => {
    const c = db.$client;
    await c.query(
      `insert into developers (tenant_id, display_name, primary_email) select $1, 'd' || i, 'u' || i || '@example.com' from generate_series(1, 2000) i`,
      [tenant],
    );
    // The app role may not ANALYZE; without statistics a scan could win on cost alone, so the question
    // asked is only whether the email may be an index condition at all.
    await c.query('begin');
    try {
      await c.query('set local enable_seqscan = off');
      const { rows } = await c.query<{ 'QUERY PLAN': string }>(
        `explain select developer_id from developers where tenant_id = $1 and primary_email = 'U7@example.com'`,
        [tenant],
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await c.query('rollback');
    }
  });
}

describe('email look-ups under row-level security', () => {
  it('use the index on the embedded cluster', async () => {
    const core = await startCore({ dataDir: tempDataDir('leakproof') });
    defer(() => core.stop());
    const plan = await emailLookupPlan(core);
    expect(plan).toMatch(/Index Cond: .*primary_email/);
    expect(plan).not.toMatch(/Filter: .*primary_email/);
  });

  it('are a filter over the tenant on an external database that has not marked citext, which the start that migrates it says how to fix', async () => {
    const { superuserUrl, ownerUrl } = inject('postgres');
    const name = `leakproof_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client(superuserUrl);
    await admin.connect();
    await admin.query(`create database ${name} owner drm_owner`);
    defer(async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    });
    const notices: string[] = [];
    const first = await startCore({ databaseUrl: withDatabase(ownerUrl, name), onNotice: (m) => notices.push(m) });
    await first.stop();
    expect(notices).toEqual([CITEXT_EQUALITY_NOTICE]);
    // The next start has nothing to migrate and says nothing more; look-ups still scan the tenant.
    const core = await startCore({ databaseUrl: withDatabase(ownerUrl, name), onNotice: (m) => notices.push(m) });
    defer(() => core.stop());
    expect(notices).toHaveLength(1);
    expect(await emailLookupPlan(core)).toMatch(/Filter: .*primary_email/);
  });

  it('are index conditions on an external database where it is marked', async () => {
    // The suite's template is marked, as the embedded cluster marks the app's database.
    const database = await createTestDatabase();
    defer(() => database.drop());
    const core = await startCore({ databaseUrl: database.url });
    defer(() => core.stop());
    expect(await emailLookupPlan(core)).toMatch(/Index Cond: .*primary_email/);
  });
});
