import pg from 'pg';
import { checksumDifferences, derivedChecksums } from '../../bench/checksums';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { dbOn, type Db } from '../../src-main/core/db/db';
import { rebuildDerived } from '../../src-main/core/derived/refresh';

/**
 * Rows of `select` as they are, and as they would be after rebuilding every
 * derived structure from scratch (done in a transaction that is rolled back):
 * an incremental refresh must leave exactly what a rebuild would.
 */
export async function currentAndRebuilt(
  url: string,
  select: string,
  rebuild: (db: Db, tenant: string) => Promise<void> = rebuildDerived,
): Promise<{ current: unknown[]; rebuilt: unknown[] }> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const current = (await client.query(select)).rows;
    await client.query('begin');
    try {
      await rebuild(dbOn(client), DEFAULT_TENANT);
      return { current, rebuilt: (await client.query(select)).rows };
    } finally {
      await client.query('rollback');
    }
  } finally {
    await client.end();
  }
}

/** The derived tables whose checksums a rebuild from scratch (in a rolled-back transaction) would change: [] when all is right. */
export async function rebuildChanges(url: string): Promise<string[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const before = await derivedChecksums(client, DEFAULT_TENANT);
    await client.query('begin');
    try {
      await rebuildDerived(dbOn(client), DEFAULT_TENANT);
      return checksumDifferences(before, await derivedChecksums(client, DEFAULT_TENANT));
    } finally {
      await client.query('rollback');
    }
  } finally {
    await client.end();
  }
}

/** Every column of derived.developer_search but `version` (which counts writes: a rebuild moves it on), in a stable order. */
export const DEVELOPER_SEARCH_ROWS = `select developer_id, tenant_id, search_text, sort_name, org_id, tags, providers,
       highest_stage, highest_stage_at, total_actions, last_action_at
  from derived.developer_search order by developer_id`;
