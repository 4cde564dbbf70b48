/**
 * derived.funnel_bits and derived.funnel_cells (db/schema-app/derived.ts):
 * the funnel as developer bitsets over a dyadic tree of days
 * (funnel-nodes.ts), what the funnel, its developer lists and the overview's
 * developer counts read (analytics/funnel-bits-read.ts).
 *
 * A change recomputes the bits of the developers it names ('all': the
 * tenant's, from scratch). Their level-0 cells — (dim, stage, day) where
 * they reached a stage — come from their own activities (through
 * idx_activities_tenant_dev for a few, hash joins for many); the bits are
 * built in memory and applied as (row & keep) | set over the rows the
 * developers had cells in before (funnel_cells) or have now, and nothing
 * else: a merge rewrites the pair's rows, not the tenant's. Rows left
 * without a bit go. Recomputing rather than adding keeps every path exact:
 * a merge moves activities, attribution moves credit between campaigns,
 * consent removes a developer, a campaign's delete takes its slices.
 */
import { MERGED_AWAY_SQL } from '../identity/merged-away';
import { readSettings } from '../settings/read';
import type { Db } from '../db/db';
import type { DerivedChange } from './change';
import { numberDevelopers } from './developer-number';
import { copyDim, copyEligible, copyKeepMasks, type CellRow } from './funnel-bits-build';
import { CHUNK_BITS, funnelDaySql, LEVELS } from './funnel-nodes';

/** From this many developers, the cells are read with hash joins over whole tables (see below). */
const MANY = 1000;
const KEY = 'b.dim = t.dim and b.stage = t.stage and b.node = t.node and b.chunk = t.chunk';

export async function refreshFunnelBits(db: Db, tenant: string, change: DerivedChange): Promise<void> {
  const ids = change.developers;
  if (ids !== 'all' && ids.length === 0) return;
  const all = ids === 'all';
  const c = db.$client;
  await numberDevelopers(db, tenant, ids);
  const { timeZone } = await readSettings(db, tenant);
  // A second refresh in the same transaction starts clean.
  await c.query(
    'drop table if exists pg_temp.fb_dev, pg_temp.fb_cell, pg_temp.fb_group, pg_temp.fb_old, pg_temp.fb_set, pg_temp.fb_keep, pg_temp.fb_touched',
  );
  const { rowCount } = await c.query(
    `create temp table fb_dev on commit drop as
     select dn.developer_id, dn.n, (d.consent_analytics and not ${MERGED_AWAY_SQL('d.developer_id')}) as counted
       from app.developer_number dn join developers d on d.developer_id = dn.developer_id
      where dn.tenant_id = $1 ${all ? '' : 'and dn.developer_id = any($2::uuid[])'}`,
    all ? [tenant] : [tenant, ids],
  );
  await c.query('analyze fb_dev');
  await createCells(db, tenant, timeZone, (rowCount ?? 0) >= MANY);

  await c.query('create temp table fb_set (dim text, stage smallint, node int, chunk int, bits bit varying) on commit drop');
  await copyEligible(c, 'fb_set', await numbers(db, 'where counted'));
  // The cells grouped once and indexed by dim: each dim is read between two COPYs (funnel-bits-build.ts).
  await c.query(
    `create temp table fb_group on commit drop as
     select dim, stage, day, array_agg(n order by n) as ns from fb_cell group by dim, stage, day`,
  );
  await c.query('create index on fb_group (dim)');
  await c.query('analyze fb_group');
  const dims = await c.query<{ dim: string }>('select distinct dim from fb_group order by dim');
  for (const { dim } of dims.rows) {
    const { rows } = await c.query<CellRow>('select dim, stage, day, ns from fb_group where dim = $1 order by stage, day', [dim]);
    await copyDim(c, 'fb_set', rows);
  }

  if (all) {
    await c.query('delete from derived.funnel_bits where tenant_id = $1', [tenant]);
    await c.query('delete from derived.funnel_cells where tenant_id = $1', [tenant]);
    await c.query('insert into derived.funnel_bits select $1, * from fb_set order by dim, stage, node, chunk', [tenant]);
  } else {
    await applyToRows(db, tenant);
    await c.query('delete from derived.funnel_cells where developer_id in (select developer_id from fb_dev)');
  }
  await writeCells(db, tenant);
}

/** The numbers of the named developers (fb_dev) that meet `where`. */
async function numbers(db: Db, where: string): Promise<number[]> {
  return (await db.$client.query<{ n: number }>(`select n from fb_dev ${where} order by n`)).rows.map((r) => r.n);
}

/** fb_cell (n, dim, stage, day): the level-0 cells of the named developers that count. */
async function createCells(db: Db, tenant: string, timeZone: string, many: boolean): Promise<void> {
  const c = db.$client;
  // Many developers: hash joins over whole tables, whatever the statistics say. Right after a bulk
  // import they describe the tables as they were, and the planner would walk a million rows through
  // per-row index lookups. Local to this statement: the previous value is put back below.
  const nestloop = many
    ? (await c.query<{ was: string }>("select current_setting('enable_nestloop') as was, set_config('enable_nestloop', 'off', true)"))
        .rows[0]!.was
    : undefined;
  // Stage 0 (any activity) in the whole funnel only: the overview's active developers.
  await c.query(
    `create temp table fb_cell on commit drop as
     with stage_of as (
       select fm.action, fs.order_no::smallint as order_no from activity_funnel_map fm join funnel_stages fs on fs.stage_key = fm.stage_key
        where fm.tenant_id = $1 and fs.order_no >= 1),
     act as materialized (
       select a.activity_id, v.n, a.source, ${funnelDaySql('a.occurred_at', '$2')} as day, s.order_no
         from activities a join fb_dev v on v.developer_id = a.developer_id and v.counted
         left join stage_of s on s.action = a.action
        where a.tenant_id = $1)
     select distinct n, dim, stage, day from (
       select n, ''::text as dim, 0::smallint as stage, day from act
       union all select n, '', order_no, day from act where order_no is not null
       union all select n, 'source:' || source, order_no, day from act where order_no is not null
       union all
       select act.n, x.dim, act.order_no, act.day
         from act join activity_campaigns ac on ac.tenant_id = $1 and ac.activity_id = act.activity_id
        cross join lateral (values ('campaign:' || ac.campaign_id), ('campaign:' || ac.campaign_id || '|source:' || act.source)) x(dim)
        where act.order_no is not null) p`,
    [tenant, timeZone],
  );
  if (nestloop !== undefined) await c.query("select set_config('enable_nestloop', $1, true)", [nestloop]);
}

/**
 * The named developers' bits in place: every row they had cells in (their
 * funnel_cells) or have now, and their chunks' eligible rows, becomes
 * (row & keep) | set, where keep clears every named developer's bit.
 */
async function applyToRows(db: Db, tenant: string): Promise<void> {
  const c = db.$client;
  await c.query('create temp table fb_keep (chunk int, bits bit varying) on commit drop');
  await copyKeepMasks(c, 'fb_keep', await numbers(db, ''));
  await c.query(
    `create temp table fb_old on commit drop as
     select v.n, f.dims[(x.cell / 2147483648)::int + 1] as dim, ((x.cell / 65536) % 32768)::smallint as stage, (x.cell % 65536)::int as day
       from derived.funnel_cells f join fb_dev v on v.developer_id = f.developer_id cross join lateral unnest(f.cells) as x(cell)`,
  );
  await c.query(
    `create temp table fb_touched on commit drop as
     select dim, stage, node, chunk from fb_set
     union
     select o.dim, o.stage, l.level * 100000 + o.day - o.day % (1 << l.level), o.n / ${CHUNK_BITS}
       from fb_old o cross join generate_series(0, ${LEVELS - 1}) as l(level)
     union
     select '', 0, -1, chunk from fb_keep`,
  );
  await c.query('analyze fb_touched');
  await c.query('analyze fb_set');
  await c.query(
    `update derived.funnel_bits b
        set bits = case when s.bits is null then b.bits & k.bits else (b.bits & k.bits) | s.bits end
       from fb_touched t join fb_keep k on k.chunk = t.chunk
       left join fb_set s on s.dim = t.dim and s.stage = t.stage and s.node = t.node and s.chunk = t.chunk
      where b.tenant_id = $1 and ${KEY}`,
    [tenant],
  );
  await c.query(
    `insert into derived.funnel_bits
     select $1, t.* from fb_set t
      where not exists (select 1 from derived.funnel_bits b where b.tenant_id = $1 and ${KEY})
      order by t.dim, t.stage, t.node, t.chunk`,
    [tenant],
  );
  await c.query(`delete from derived.funnel_bits b using fb_touched t where b.tenant_id = $1 and ${KEY} and bit_count(b.bits) = 0`, [
    tenant,
  ]);
}

/** funnel_cells of the named developers that have cells, from fb_cell: what the next refresh clears. */
async function writeCells(db: Db, tenant: string): Promise<void> {
  await db.$client.query(
    `insert into derived.funnel_cells (developer_id, tenant_id, dims, cells)
     select v.developer_id, $1, g.dims, g.cells
       from (select n, dims, array_agg(cell order by cell) as cells
               from (select p.n, d.dims, (array_position(d.dims, p.dim) - 1)::int8 * 2147483648 + p.stage::int8 * 65536 + p.day as cell
                       from fb_cell p join (select n, array_agg(distinct dim order by dim) as dims from fb_cell group by n) d on d.n = p.n) x
              group by n, dims) g
       join fb_dev v on v.n = g.n
      order by v.developer_id`,
    [tenant],
  );
}
