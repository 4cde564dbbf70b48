/**
 * derived.funnel_cells (and funnel_bits) from the whole-tenant path, which
 * groups the cells in Node from a COPY of the activities
 * (derived/funnel-cells-grouped.ts) and gathers each developer's as the dims
 * pass through it in `order by dim` (derived/funnel-cells-build.ts), equal
 * what the list path computes from fb_cell with SQL's DISTINCT and
 * dense_rank over the developer's dims (funnel-bits.ts writeCells): the
 * dims array, each cell's dim index and their order, in the tenant's zone,
 * without the developers who do not count. The
 * dims mix case, full-width and Japanese utm values and channels, Japanese
 * and accented sources and categories, and campaign ids, so that an order
 * other than the database's collation (JS's UTF-16 order, or any that folds
 * case) would give other indexes. A developer's repeated cells (two
 * activities of a stage, source and day), which the whole-tenant path
 * groups without DISTINCT, are met too.
 *
 * The whole-tenant path groups and writes one chunk of developer numbers
 * (65,536) at a time (derived/cell-spill.ts): with the numbers spread over
 * many chunks, its tables must still equal the list path's, first written
 * and then compared with what is stored, where rows of a chunk no developer
 * is in, or of a dim a chunk no longer has, must go.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../bench/generate/rng';
import { dbOn } from '../../src-main/core/db/db';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { refreshFunnelBits } from '../../src-main/core/derived/funnel-bits';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, writeCsv } from '../helpers/imports';
import { call } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const t = useCoreOnTestDatabase();
const dir = makeTempDir('funnel-cells-paths');
afterAll(() => dir.remove());

const SOURCES = ['web', 'Web', 'WEB', 'ｗｅｂ', '東京', '勉強会', 'connpass', 'Zoom', 'é-mail'];
const CATEGORIES = ['', '動画', 'Video', 'video', 'ブログ', 'blog'];
const UTM = ['', 'x', 'X', 'Ｘ', 'ニュースレター', 'Newsletter', 'a\\b', '😀'];
const ACTIONS = ['view', 'click', 'attend', 'signup', 'post', 'cancel'];
const CAMPAIGNS = [
  { name: '春の勉強会', channel: 'イベント' },
  { name: 'Spring', channel: 'ads' },
  { name: 'spring', channel: 'Ads' },
  { name: 'Quiet', channel: undefined },
];

beforeAll(async () => {
  // Days in the tenant's zone, not the server's (the whole-tenant path's COPY quotes it as a literal).
  await call(t.core, 'settings:update', { timeZoneSetting: 'Asia/Tokyo' });
  for (const c of CAMPAIGNS) await call(t.core, 'campaigns:create', { name: c.name, ...(c.channel ? { channel: c.channel } : {}) });
  const random = new Rng(26);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random.next() * items.length)]!;
  const lines = [
    'occurred_at,action,source,email,anon_id,campaign,resource_category,resource_title,resource_external_id,utm_source,utm_medium',
  ];
  const start = Date.parse('2025-12-01T00:00:00Z');
  for (let p = 0; p < 30; p++) {
    for (let e = 0, events = 1 + Math.floor(random.next() * 12); e < events; e++) {
      const when = new Date(start + Math.floor(random.next() * 120 * 86_400_000)).toISOString();
      const category = pick(CATEGORIES);
      const campaign = random.next() < 0.4 ? pick(CAMPAIGNS).name : '';
      const resource = category ? `${category},${category} ${e},r${p}-${e}` : ',,';
      lines.push(`${when},${pick(ACTIONS)},${pick(SOURCES)},p${p}@example.com,,${campaign},${resource},${pick(UTM)},${pick(UTM)}`);
    }
  }
  const job = await importFile(t.core, writeCsv(dir.path, 'activities.csv', lines.join('\n') + '\n'), { type: 'activities' });
  expect(job.status, job.message ?? '').toBe('succeeded');
});

/** Both tables, every row, in key order (the bits as an md5). */
async function tablesOf(client: pg.Client) {
  return {
    cells: (
      await client.query('select developer_id, tenant_id, dims, cells::text[] as cells from derived.funnel_cells order by developer_id')
    ).rows,
    bits: (
      await client.query<{ dim: string; chunk: number }>(
        'select dim, stage, node, chunk, md5(bits::text) as bits, members from derived.funnel_bits order by dim, stage, node, chunk',
      )
    ).rows,
  };
}

describe('funnel_cells of the whole-tenant path', () => {
  it('equal the list path’s, dims and cells alike, with dims that sort differently under other collations', async () => {
    const client = new pg.Client(t.url);
    await client.connect();
    const tables = () => tablesOf(client);
    try {
      await client.query('begin');
      // A few developers who do not count (no consent): neither path gives them cells.
      await client.query(
        'update developers set consent_analytics = false where developer_id in (select developer_id from developers order by developer_id limit 3)',
      );
      await client.query('delete from derived.funnel_bits');
      await client.query('delete from derived.funnel_cells');
      await refreshFunnelBits(dbOn(client), DEFAULT_TENANT, { developers: 'all', span: null });
      const whole = await tables();
      // Fewer than derived/wide.ts's minimum: the list path, fb_cell and writeCells' SQL.
      const ids = (await client.query<{ id: string }>('select developer_id as id from developers')).rows.map((r) => r.id);
      expect(ids.length).toBeLessThan(1000);
      await client.query('delete from derived.funnel_bits');
      await client.query('delete from derived.funnel_cells');
      await refreshFunnelBits(dbOn(client), DEFAULT_TENANT, { developers: ids, span: null });
      const listed = await tables();
      expect(whole.cells.length).toBeGreaterThan(20);
      expect(whole).toEqual(listed);
      // The dims that make the order matter were met: per developer, several, Japanese and mixed case among them.
      const dims = new Set(whole.cells.flatMap((r: { dims: string[] }) => r.dims));
      // Sources and categories are folded on import (ｗｅｂ, Web → web); utm values and channels keep their case.
      for (const dim of [
        'source:東京',
        'source:é-mail',
        'category:動画',
        'category:video',
        'utm_source:X',
        'utm_source:x',
        'utm_source:Ｘ',
        'channel:Ads',
        'channel:ads',
        'channel:イベント',
        'utm_medium:a\\b',
        'utm_source:😀',
      ])
        expect(dims).toContain(dim);
      expect(Math.max(...whole.cells.map((r: { dims: string[] }) => r.dims.length))).toBeGreaterThan(8);
      // And a whole-tenant refresh over them changes nothing.
      await refreshFunnelBits(dbOn(client), DEFAULT_TENANT, { developers: 'all', span: null });
      expect(await tables()).toEqual(listed);
    } finally {
      await client.query('rollback');
      await client.end();
    }
  });

  it('are the same when the developers span many chunks, which the whole-tenant path takes one at a time', async () => {
    const client = new pg.Client(t.url);
    await client.connect();
    const tables = () => tablesOf(client);
    try {
      await client.query('begin');
      // Numbers 0, 30000, 60000, …: the 30 developers over 14 chunks. Numbers are kept for good (derived/developer-number.ts).
      await client.query('update app.developer_number set n = n * 30000');
      await client.query('delete from derived.funnel_bits');
      await client.query('delete from derived.funnel_cells');
      // With no budget, every cell past the first piece's is written to files and each chunk grouped on its own.
      await refreshFunnelBits(dbOn(client), DEFAULT_TENANT, { developers: 'all', span: null }, { cellBudget: 0 });
      const whole = await tables();
      // Under the budget, all at once.
      await client.query('delete from derived.funnel_bits');
      await client.query('delete from derived.funnel_cells');
      await refreshFunnelBits(dbOn(client), DEFAULT_TENANT, { developers: 'all', span: null });
      expect(await tables()).toEqual(whole);
      const ids = (await client.query<{ id: string }>('select developer_id as id from developers')).rows.map((r) => r.id);
      await client.query('delete from derived.funnel_bits');
      await client.query('delete from derived.funnel_cells');
      await refreshFunnelBits(dbOn(client), DEFAULT_TENANT, { developers: ids, span: null });
      const listed = await tables();
      expect(new Set(listed.bits.map((r) => r.chunk)).size).toBeGreaterThanOrEqual(12);
      expect(whole).toEqual(listed);

      // Stored rows no developer's cells build: one in a chunk past every developer's, one of a dim the first chunk lacks,
      // one of a dim no chunk has. The part-by-part comparison with what is stored must drop all three and keep the rest.
      const firstChunkDims = new Set(listed.bits.filter((r) => r.chunk === 0).map((r) => r.dim));
      const elsewhere = listed.bits.find((r) => r.chunk > 0 && !firstChunkDims.has(r.dim))!.dim;
      await client.query(
        `insert into derived.funnel_bits (tenant_id, dim, stage, node, chunk, bits, members)
         values ($1, '', 1, 0, 40, null, '{1}'), ($1, $2, 1, 0, 0, null, '{2}'), ($1, 'source:gone', 1, 0, 3, null, '{5}')`,
        [DEFAULT_TENANT, elsewhere],
      );
      await refreshFunnelBits(dbOn(client), DEFAULT_TENANT, { developers: 'all', span: null }, { cellBudget: 0 });
      expect(await tables()).toEqual(listed);
    } finally {
      await client.query('rollback');
      await client.end();
    }
  });
});
