/**
 * A large import takes the bulk path (indexes and foreign keys dropped and
 * rebuilt inside the transaction). Afterwards the schema must be exactly the
 * spec's again, and a failed bulk import must leave it untouched too.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { dbOn } from '../../src-main/core/db/db';
import { DEFER_MIN_ROWS } from '../../src-main/core/imports/load/index-aware';
import { rebuildCampaignStats } from '../../src-main/core/stats/service';
import { useCoreOnTestDatabase } from '../helpers/database';
import { fileHandle, importFile, queryRows, tableCounts, writeCsv } from '../helpers/imports';
import { expectedShape, readTable } from '../helpers/live-schema';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('import-bulk');
const ROWS = DEFER_MIN_ROWS + 5_000;

const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

/** A file of ROWS distinct rows; with `repeats`, its first `repeats` rows again at its end (the other parse worker's half). */
function bulkCsv(name: string, badLine?: number, ref = 'ref', repeats = 0): string {
  const lines = ['occurred_at,action,source,provider,external_user_id,email,resource_category,resource_title,campaign,source_ref'];
  for (let i = 0; i < ROWS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const when = i + 2 === badLine ? 'yesterday' : `2024-03-${day} 10:${String(i % 60).padStart(2, '0')}`;
    lines.push(
      `${when},${i % 7 === 0 ? 'signup' : 'click'},web,github,user${i % 4000},user${i % 4000}@example.com,blog,Post ${i % 50},Campaign ${i % 5},${ref}-${i}`,
    );
  }
  lines.push(...lines.slice(1, 1 + repeats));
  return writeCsv(dir.path, name, lines.join('\n'));
}

async function schemaOf(table: string) {
  const client = new pg.Client(db.url);
  await client.connect();
  try {
    return await readTable(client, table);
  } finally {
    await client.end();
  }
}

describe('bulk import', () => {
  it('imports a large file and leaves activities and activity_campaigns exactly as the spec defines them', async () => {
    const job = await importFile(db.core, bulkCsv('bulk.csv'), { options: { timezone: 'UTC' } });
    expect(job).toMatchObject({ status: 'succeeded', rowsRead: ROWS });
    expect(job.inserted).toMatchObject({ activities: ROWS, developers: 4000, accounts: 4000, campaigns: 5 });
    // Each direct row takes its activity's id (a UUIDv7, not a multi-touch row's version 8).
    const [attributed] = await queryRows<{ n: number; own: number; v7: number }>(
      db.url,
      `select count(*)::int as n, count(*) filter (where activity_campaign_id = activity_id)::int as own,
              count(*) filter (where substr(activity_campaign_id::text, 15, 1) = '7')::int as v7 from activity_campaigns`,
    );
    expect(attributed).toEqual({ n: ROWS, own: ROWS, v7: ROWS });
    expect(await schemaOf('activities')).toEqual(expectedShape('activities'));
    expect(await schemaOf('activity_campaigns')).toEqual(expectedShape('activity_campaigns'));
    const [stats] = await queryRows<{ total: number }>(db.url, 'select sum(total_actions)::int as total from developer_stats');
    expect(stats?.total).toBe(ROWS);
  });

  it('keeps campaign_stats, updated incrementally, equal to a rebuild from scratch', async () => {
    const client = new pg.Client(db.url);
    await client.connect();
    const read = async () =>
      (
        await client.query(
          'select campaign_id, actions_total, conversions, cost_total, roi_per_cost from campaign_stats order by campaign_id',
        )
      ).rows;
    try {
      const incremental = await read();
      expect(incremental).toHaveLength(5);
      // One in seven rows is a signup, the conversion stage's action.
      expect(incremental.reduce((sum, r) => sum + Number(r.conversions), 0)).toBe(Math.ceil(ROWS / 7));
      await client.query('begin');
      await rebuildCampaignStats(dbOn(client), 'default');
      expect(await read()).toEqual(incremental);
      await client.query('rollback');
    } finally {
      await client.end();
    }
  });

  it('restores the schema when a bulk import is cancelled while it resolves', async () => {
    const before = await tableCounts(db.url);
    const file = bulkCsv('bulk-cancel.csv', undefined, 'cancel');
    const started = await db.core.handlers['import:start']({
      fileHandle: await fileHandle(db.core, file),
      type: 'activities',
      options: { timezone: 'UTC' },
    });
    if (!started.ok) throw new Error(started.error.message);
    const { jobId } = started.value;
    // The file is fully read (and staged) before resolution starts; cancel a moment into it.
    await new Promise<void>((resolve) => {
      const off = db.core.events.on('import:progress', (p) => {
        if (p.jobId === jobId && p.status === 'running' && p.bytesRead === p.totalBytes) {
          off();
          setTimeout(resolve, 300);
        }
      });
    });
    expect((await db.core.handlers['import:cancel']({ jobId })).ok).toBe(true);
    expect(await db.core.importer.settled(jobId)).toBe('cancelled');
    expect(await tableCounts(db.url)).toEqual(before);
    expect(await schemaOf('activities')).toEqual(expectedShape('activities'));
    expect(await schemaOf('activity_campaigns')).toEqual(expectedShape('activity_campaigns'));
  });

  it('stores a row the file repeats once, and counts each repeat as a duplicate', async () => {
    const repeats = 1_234;
    const job = await importFile(db.core, bulkCsv('bulk-repeats.csv', undefined, 'repeat', repeats), { options: { timezone: 'UTC' } });
    expect(job).toMatchObject({ status: 'succeeded', rowsRead: ROWS + repeats, duplicates: repeats });
    expect(job.inserted).toMatchObject({ activities: ROWS });
    const [stored] = await queryRows<{ rows: number; refs: number }>(
      db.url,
      "select count(*)::int as rows, count(distinct source_ref)::int as refs from activities where source_ref like 'repeat-%'",
    );
    expect(stored).toEqual({ rows: ROWS, refs: ROWS });
    expect(await schemaOf('activities')).toEqual(expectedShape('activities'));
  });

  it('rejects a large file with one bad row and writes nothing', async () => {
    const before = await tableCounts(db.url);
    const job = await importFile(db.core, bulkCsv('bulk-bad.csv', 30_000), { options: { timezone: 'UTC' } });
    expect(job.status).toBe('rejected');
    expect(job.errors).toEqual([expect.objectContaining({ line: 30_000, column: 'occurred_at', value: 'yesterday' })]);
    expect(await tableCounts(db.url)).toEqual(before);
  });
});

describe('a file large enough to be parsed by two workers', () => {
  it('reports an error in its second half at the exact line and column', async () => {
    const { SPLIT_MIN_BYTES } = await import('../../src-main/core/imports/parse/split');
    const lines = ['occurred_at,action,source,email,resource_category,resource_title,source_ref'];
    const filler = 'x'.repeat(200);
    let bytes = 0;
    for (let i = 0; bytes < SPLIT_MIN_BYTES * 1.2; i++) {
      const line = `2024-04-01 10:00,view,web,u${i % 100}@example.com,blog,"Title ${i}\n${filler}",split-${i}`;
      lines.push(line);
      bytes += line.length + 1;
    }
    // Two physical lines per record: record k (1-based) starts on line 2k.
    const bad = lines.length - 10;
    lines[bad] = lines[bad]!.replace('view', '');
    const job = await importFile(db.core, writeCsv(dir.path, 'split.csv', lines.join('\n')), { options: { timezone: 'UTC' } });
    expect(job.status).toBe('rejected');
    expect(job.rowsRead).toBe(lines.length - 1);
    expect(job.errors).toEqual([expect.objectContaining({ line: 2 * bad, column: 'action' })]);
  });
});
