/**
 * `stats:rebuild` and `drm stats rebuild` (issue 5): after a sequence of
 * imports (a late touch that moves attribution credit included), a merge and
 * a consent change — each kept current incrementally — a rebuild from the
 * spec's tables finds nothing to change in the funnel tables, the daily
 * counts and the stats caches; large changes (a long list of developers,
 * nearly all of them) take other paths to the same rows.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbOn } from '../../src-main/core/db/db';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { refreshFunnelBits } from '../../src-main/core/derived/funnel-bits';
import { drm } from '../helpers/cli';
import { useCoreOnTestDatabase } from '../helpers/database';
import { APRIL, loadFunnelData, stageNumbers } from '../helpers/funnel-data';
import { FLIP_POSITION_7, holdsSql } from '../helpers/funnel-rows';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, developerId } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const t = useCoreOnTestDatabase();
const dir = makeTempDir('stats-rebuild');

/** A second file: Ben touches Spring before his signup (imported after it), Ivy is new, one more anonymous row. */
const LATER_CSV = `occurred_at,action,source,email,anon_id,campaign
2026-04-01T03:00:00Z,click,shortlink,ben@gmail.com,,Spring
2026-04-22T03:00:00Z,signup,console,ivy@gmail.com,,
2026-04-23T03:00:00Z,view,web,ivy@gmail.com,,Summer
2026-04-24T03:00:00Z,view,web,,anon-4,Summer
2026-04-25T03:00:00Z,view,web,hal@gmail.com,,
`;

/** Every row of the tables a rebuild recomputes and this module answers from, in a stable order. */
const SNAPSHOT = {
  funnel_bits:
    'select tenant_id, dim, stage, node, chunk, md5(bits::text) as bits, members from derived.funnel_bits order by dim, stage, node, chunk',
  funnel_cells: 'select * from derived.funnel_cells order by developer_id',
  developer_number: 'select * from app.developer_number order by n',
  activity_daily: 'select * from derived.activity_daily order by day, action, source',
  developer_stats: `select developer_id, tenant_id, last_action_at, total_actions, clicks, attends, posts, stars
                      from developer_stats order by developer_id`,
  campaign_stats:
    'select campaign_id, tenant_id, actions_total, conversions, cost_total, roi_per_cost from campaign_stats order by campaign_id',
};

async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(SNAPSHOT)) out[name] = await queryRows(t.url, sql);
  return out;
}

/** funnel_bits and funnel_cells as `client` sees them (inside its transaction). */
async function funnelTables(client: pg.Client): Promise<{ bits: unknown[]; cells: unknown[] }> {
  return { bits: (await client.query(SNAPSHOT.funnel_bits)).rows, cells: (await client.query(SNAPSHOT.funnel_cells)).rows };
}

beforeAll(async () => {
  await loadFunnelData(t.core, dir.path);
  const later = await importFile(t.core, writeCsv(dir.path, 'later.csv', LATER_CSV), { type: 'activities' });
  expect(later.status, later.message ?? '').toBe('succeeded');
  await call(t.core, 'developers:merge', {
    intoId: await developerId(t.url, 'hal@gmail.com'),
    fromId: await developerId(t.url, 'gus@gmail.com'),
  });
  await call(t.core, 'developers:update', { developerId: await developerId(t.url, 'eve@gmail.com'), consentAnalytics: false });
});
afterAll(() => dir.remove());

describe('incremental refresh', () => {
  it('kept the funnel current through imports, a merge and a consent change', async () => {
    // Ann {aw, en, ad}, Ben {aw, ad}, Cy {aw}, Hal with Gus's activities {aw}, Ivy {aw, ad}; Eve withdrew consent.
    expect(stageNumbers(await call(t.core, 'analytics:get-funnel', APRIL))).toEqual([
      ['awareness', 5, 5, null],
      ['engagement', 1, 3, 0.6],
      ['adoption', 3, 3, 1],
      ['advocacy', 0, 0, 0],
    ]);
    // Ben's signup now has Spring credit (his click came in a later file).
    const spring = await call(t.core, 'analytics:list-funnel-developers', {
      ...APRIL,
      campaignId: (await queryRows<{ id: string }>(t.url, "select campaign_id as id from campaigns where name = 'Spring'"))[0]!.id,
      stageKey: 'adoption',
    });
    expect(spring.rows.map((r) => r.displayName).sort()).toEqual(['Ann', 'Ben']);
    const gus = await developerId(t.url, 'gus@gmail.com');
    // Merged away: no cells, and no bit in the row of counted developers.
    expect(await queryRows(t.url, 'select 1 from derived.funnel_cells where developer_id = $1', [gus])).toEqual([]);
    expect(
      await queryRows(
        t.url,
        `select ${holdsSql('b', 'dn.n % 65536')} as bit from derived.funnel_bits b join app.developer_number dn on dn.developer_id = $1
          where b.node = -1 and b.chunk = dn.n / 65536`,
        [gus],
      ),
    ).toEqual([{ bit: 0 }]);
  });

  it('equals a rebuild, and stats:rebuild reports its duration', async () => {
    const before = await snapshot();
    expect(before.funnel_bits!.length).toBeGreaterThan(0);
    expect(before.funnel_cells!.length).toBeGreaterThan(0);
    const result = await call(t.core, 'stats:rebuild', {});
    expect(Number.isInteger(result.durationMs) && result.durationMs >= 0).toBe(true);
    expect(await snapshot()).toEqual(before);
  });

  it('takes the long-list and whole-tenant paths for large changes, with the same result', async () => {
    const client = new pg.Client(t.url);
    await client.connect();
    const funnelRows = () => funnelTables(client);
    const forget = async () => {
      await client.query('delete from derived.funnel_bits');
      await client.query('delete from derived.funnel_cells');
    };
    try {
      await client.query('begin');
      // 5000 developers without activity: 1200 ids are then a long list, but under the share of the tenant
      // from which a refresh recomputes everyone (derived/wide.ts).
      await client.query(`insert into developers (tenant_id, display_name) select $1, 'quiet ' || n from generate_series(1, 5000) n`, [
        DEFAULT_TENANT,
      ]);
      await refreshFunnelBits(dbOn(client), DEFAULT_TENANT, { developers: 'all', span: null });
      const expected = await funnelRows();
      // The named developers sort first; Ivy, who has no name, sorts last and is left out.
      const ids = (
        await client.query<{ id: string }>('select developer_id as id from developers order by display_name nulls last limit 1200')
      ).rows.map((r) => r.id);
      for (const mail of ['ann@acme.example', 'ben@gmail.com', 'hal@gmail.com']) ids.push(await developerId(t.url, mail));
      await forget();
      await refreshFunnelBits(dbOn(client), DEFAULT_TENANT, { developers: ids, span: null });
      const listed = await funnelRows();
      expect(listed.cells.length).toBeGreaterThan(0);
      expect(listed.cells.length).toBeLessThan(expected.cells.length); // only the listed developers came back
      const everyone = (await client.query<{ id: string }>('select developer_id as id from developers')).rows.map((r) => r.id);
      await refreshFunnelBits(dbOn(client), DEFAULT_TENANT, { developers: everyone, span: null });
      expect(await funnelRows()).toEqual(expected);
      // A second refresh of a few, over rows that hold everyone's bits, changes nothing either.
      await refreshFunnelBits(dbOn(client), DEFAULT_TENANT, { developers: ids.slice(-3), span: null });
      expect(await funnelRows()).toEqual(expected);
      // The planner setting forced for the statement is put back.
      expect((await client.query<{ v: string }>("select current_setting('enable_nestloop') as v")).rows[0]!.v).toBe('on');
    } finally {
      await client.query('rollback');
      await client.end();
    }
  });

  it('a whole-tenant refresh writes only what differs, and puts every damaged row right', async () => {
    const client = new pg.Client(t.url);
    await client.connect();
    const funnelRows = () => funnelTables(client);
    try {
      await client.query('begin');
      const expected = await funnelRows();
      const rows = (
        await client.query<{ dim: string; stage: number; node: number; chunk: number }>(
          "select dim, stage, node, chunk from derived.funnel_bits where node >= 0 and dim <> '' order by dim, stage, node, chunk",
        )
      ).rows;
      expect(rows.length).toBeGreaterThan(2);
      const where = (i: number) =>
        `dim = '${rows[i]!.dim}' and stage = ${rows[i]!.stage} and node = ${rows[i]!.node} and chunk = ${rows[i]!.chunk}`;
      // One bit flipped, one row gone, a stray row in a dim that has rows, and a dim that has none.
      await client.query(`update derived.funnel_bits set ${FLIP_POSITION_7} where ${where(0)}`);
      await client.query(`delete from derived.funnel_bits where ${where(1)}`);
      await client.query(
        `insert into derived.funnel_bits select tenant_id, dim, stage, 9 * 100000 + 1024 * 40, chunk, bits, members from derived.funnel_bits where ${where(2)}`,
      );
      await client.query(
        `insert into derived.funnel_bits select tenant_id, 'source:nowhere', stage, node, chunk, bits, members from derived.funnel_bits where ${where(2)}`,
      );
      // One developer's cells changed, another's gone, and cells for a developer who has none.
      const cells = (await client.query<{ id: string }>('select developer_id as id from derived.funnel_cells order by developer_id')).rows;
      await client.query('update derived.funnel_cells set cells = cells[1:1] where developer_id = $1', [cells[0]!.id]);
      await client.query('delete from derived.funnel_cells where developer_id = $1', [cells[1]!.id]);
      await client.query(
        `insert into derived.funnel_cells (developer_id, tenant_id, dims, cells)
         select developer_id, tenant_id, '{""}', '{5}' from developers
          where developer_id not in (select developer_id from derived.funnel_cells) limit 1`,
      );
      expect(await funnelRows()).not.toEqual(expected);
      await refreshFunnelBits(dbOn(client), DEFAULT_TENANT, { developers: 'all', span: null });
      expect(await funnelRows()).toEqual(expected);
    } finally {
      await client.query('rollback');
      await client.end();
    }
  });

  it('drm stats rebuild prints the duration, as JSON too', async () => {
    const human = await drm(['stats', 'rebuild', '--database-url', t.url]);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/^Rebuilt the stats and every derived table in \d+\.\d s\.$/m);
    const json = await drm(['stats', 'rebuild', '--json', '--database-url', t.url]);
    expect(json.code, json.stderr).toBe(0);
    expect(Object.keys(JSON.parse(json.stdout) as object)).toEqual(['durationMs']);
    const usage = await drm(['stats', 'rebulid', '--database-url', t.url]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('unknown subcommand "rebulid" (drm stats rebuild)');
  });
});
