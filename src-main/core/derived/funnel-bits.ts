/**
 * derived.funnel_bits and derived.funnel_cells (db/schema-app/derived.ts):
 * the funnel as developer bitsets over a dyadic tree of days
 * (funnel-nodes.ts), what the funnel, its developer lists and the overview's
 * developer counts read (analytics/funnel-bits-read.ts).
 *
 * A change recomputes the bits of the developers it names ('all', or most
 * of the tenant as a first import names: the tenant's, from scratch, storing
 * only the rows that differ from those stored: funnel-bits-stored.ts; with
 * none stored, in one COPY: writeFirst). Their level-0 cells — (dim, stage, day) where
 * they reached a stage — come from their own activities (through
 * idx_activities_tenant_dev for a few, hash joins for many; for the whole
 * tenant, grouped in Node from one COPY, one chunk of developer numbers at a
 * time: funnel-cells-grouped.ts, cell-spill.ts); the bits are
 * built in memory and applied as (row & keep) | set over the rows where
 * their cells before (funnel_cells) and now differ, and nothing else: a
 * merge rewrites the pair's rows, not the tenant's. Rows left
 * without a bit go. A row holds a few developers as a list and many as a
 * bitset (funnel-sparse.ts); the SQL function derived.funnel_row applies a
 * change to either form and gives the form the result calls for. Recomputing rather than adding keeps every path exact:
 * a merge moves activities, attribution moves credit between campaigns,
 * consent removes a developer, a campaign's delete takes its slices.
 */
import { MERGED_AWAY_SQL } from '../identity/merged-away';
import { readSettings } from '../settings/read';
import type { Db, SqlClient } from '../db/db';
import { DERIVED_DEFER_MIN_ROWS, withIndexesDeferred, withIndexesDeferredBy } from '../imports/load/index-aware';
import { traceStep, tracedClient } from '../db/trace';
import type { DerivedChange } from './change';
import { numberDevelopers } from './developer-number';
import { withHashJoins } from './hash-joins';
import { copyDim, copyEligible, copyFirst, copyKeepMasks, type CellRow } from './funnel-bits-build';
import { CellsByDeveloper, copyCells } from './funnel-cells-build';
import { readGroupedCells, type CellPart, type GroupedCells } from './funnel-cells-grouped';
import { StoredRows } from './funnel-bits-stored';
import { CELL_BUDGET } from './cell-spill';
import { collectGarbage } from '../imports/load/collect-garbage';
import { sparseMax } from './funnel-sparse';
import { CHUNK_BITS, funnelDaySql, STORED_LEVELS, WHOLE } from './funnel-nodes';
import { namesMostOfTenant } from './wide';

/** From this many developers, the cells are read with hash joins over whole tables (see below). */
const MANY = 1000;
/** Up to this many cells (a few MB of bitsets), every dim is built and sent in one COPY. */
const ONE_COPY_CELLS = 50_000;
const KEY = 'b.dim = t.dim and b.stage = t.stage and b.node = t.node and b.chunk = t.chunk';

/** `cellBudget`: cells a whole-tenant refresh groups at once before it takes a chunk at a time (cell-spill.ts); tests lower it. */
export async function refreshFunnelBits(db: Db, tenant: string, change: DerivedChange, { cellBudget = CELL_BUDGET } = {}): Promise<void> {
  if (change.developers !== 'all' && change.developers.length === 0) return;
  // Statements timed under DRM_IMPORT_TRACE=1; COPY needs the connection itself.
  const c = tracedClient(db);
  // Most of the tenant (a first import): everyone's rows from scratch, storing only those that differ,
  // rather than comparing each named developer's cells before and after (2.3 times the work per cell).
  const ids = change.developers === 'all' || (await namesMostOfTenant(db, tenant, change.developers)) ? 'all' : change.developers;
  const all = ids === 'all';
  const raw = db.$client;
  await numberDevelopers(db, tenant, ids);
  const { timeZone } = await readSettings(db, tenant);
  // A second refresh in the same transaction starts clean.
  await c.query(
    'drop table if exists pg_temp.fb_dev, pg_temp.fb_cell, pg_temp.fb_group, pg_temp.fb_old, pg_temp.fb_set, pg_temp.fb_keep, pg_temp.fb_touched, pg_temp.fb_cells, pg_temp.fb_cells_n',
  );
  const { rowCount } = await c.query(
    `create temp table fb_dev on commit drop as
     select dn.developer_id, dn.n, (d.consent_analytics and not ${MERGED_AWAY_SQL('d.developer_id')}) as counted
       from app.developer_number dn join developers d on d.developer_id = dn.developer_id
      where dn.tenant_id = $1 ${all ? '' : 'and dn.developer_id = any($2::uuid[])'}`,
    all ? [tenant] : [tenant, ids],
  );
  await c.query('analyze fb_dev');
  const many = (rowCount ?? 0) >= MANY;
  if (all) {
    // The cells grouped in Node from one COPY of the activities, a part (a chunk of developers) at a time
    // (funnel-cells-grouped.ts); compared with what is stored, only the rows that differ are sent (funnel-bits-stored.ts).
    const grouped = await withHashJoins(db, many, () => readGroupedCells(raw, tenant, timeZone, 'fb_dev', cellBudget));
    try {
      const stored = new StoredRows(c, tenant);
      if (await stored.empty()) await writeFirst(db, tenant, grouped);
      else await writeWhole(db, tenant, grouped, stored);
    } finally {
      grouped.close();
    }
    return;
  }

  // A list of developers: fb_cell, which applyToRows and writeCells compare and gather, grouped as fb_group, read a
  // dim at a time.
  const cells = await createCells(db, tenant, timeZone, many);
  await createSet(c);
  await copyEligible(raw, 'fb_set', await numbers(db, 'where counted'));
  const built = performance.now();
  if (cells <= ONE_COPY_CELLS) {
    // A few developers' cells: one read and one COPY, not two round trips per dim (118 dims: 1.6 s for 227 developers).
    const { rows } = await raw.query<CellRow>('select dim, stage, day, ns from fb_group order by dim, stage, day');
    await copyDim(raw, 'fb_set', rows);
  } else {
    const dims = await c.query<{ dim: string }>('select distinct dim from fb_group order by dim');
    for (const { dim } of dims.rows) {
      const { rows } = await raw.query<CellRow>('select dim, stage, day, ns from fb_group where dim = $1 order by stage, day', [dim]);
      await copyDim(raw, 'fb_set', rows);
    }
  }
  traceStep(`derived: funnel bits built and sent (${cells} cells)`, built);
  await c.query('analyze fb_set');
  await applyToRows(db, tenant);
  await writeCells(db, tenant, false);
}

/** fb_set: the rows a refresh built (of a list of developers; of the tenant, those that differ from the stored). */
async function createSet(c: SqlClient): Promise<void> {
  await c.query('create temp table fb_set (dim text, stage smallint, node int, chunk int, bits bit varying, members int[]) on commit drop');
  // Uncompressed: its rows are read once, by the statement that stores them in funnel_bits (and compresses them there).
  await c.query('alter table fb_set alter column bits set storage external');
}

/** Of the ascending numbers `ns`, those in the part's chunks. */
function inPart(ns: readonly number[], part: CellPart): number[] {
  return ns.filter((n) => n >= part.from * CHUNK_BITS && n < part.to * CHUNK_BITS);
}

/**
 * 'all' for a tenant with rows stored (`stats rebuild`, a settings change, an
 * import that names most of it): each part's rows built and compared with
 * the stored ones, those that differ sent to fb_set, its developers' cells to
 * fb_cells_n (funnel-cells-build.ts), before the next part is grouped; then
 * the rows not built go and fb_set's replace theirs.
 */
async function writeWhole(db: Db, tenant: string, grouped: GroupedCells, stored: StoredRows): Promise<void> {
  const c = tracedClient(db);
  const raw = db.$client;
  await createSet(c);
  await c.query(CELLS_BY_NUMBER);
  const eligible = await numbers(db, 'where counted');
  const built = performance.now();
  const size = await writeParts(raw, grouped, async (part, byDeveloper) => {
    stored.part(part.from, part.to);
    await copyEligible(raw, 'fb_set', inPart(eligible, part), await stored.dim(WHOLE));
    for (const rows of part.dims()) {
      byDeveloper.addDim(rows);
      await copyDim(raw, 'fb_set', rows, await stored.dim(rows[0]!.dim));
    }
  });
  traceStep(`derived: funnel bits and cells built and sent (${size} cells)`, built);
  // Not analysed: read once whole and joined by key, as its size (known to the planner from its pages) calls for;
  // sampling its bitsets cost 0.1 s at 20k identity rows.
  await stored.deleteLeft();
  await c.query(`delete from derived.funnel_bits b using fb_set t where b.tenant_id = $1 and ${KEY}`, [tenant]);
  // fb_set is in key order within each part as written (dims, stages, then nodes and chunks in order:
  // funnel-bits-build.ts), and a fresh temp table is read in the order it was written: sorting it again cost 0.15 s
  // of 1.2 s at 20k identity rows. Many rows against few stored (a first import): the keys are dropped and built
  // after (index-aware.ts).
  await withIndexesDeferredBy(
    c,
    'derived.funnel_bits',
    'select count(*) as n from fb_set',
    () => c.query('insert into derived.funnel_bits select $1, * from fb_set', [tenant]),
    { primaryKey: true, minRows: DERIVED_DEFER_MIN_ROWS },
  );
  await writeCells(db, tenant, true);
}

/**
 * 'all' for a tenant with no row stored (its first import): nothing to compare
 * or delete, so each part's rows go into derived.funnel_bits in one COPY
 * (copyFirst), the keys built after them all when many (index-aware.ts), and
 * its developers' cells to fb_cells_n. The rows are not counted before they
 * are built: the cells met stand for them (1.2M cells for 278k rows at 200k
 * identity rows).
 */
async function writeFirst(db: Db, tenant: string, grouped: GroupedCells): Promise<void> {
  const c = tracedClient(db);
  const raw = db.$client;
  await c.query(CELLS_BY_NUMBER);
  const eligible = await numbers(db, 'where counted');
  const built = performance.now();
  const size = await withIndexesDeferred(
    c,
    'derived.funnel_bits',
    grouped.met,
    () =>
      writeParts(raw, grouped, (part, byDeveloper) =>
        copyFirst(raw, tenant, inPart(eligible, part), part.dims(), (cells) => byDeveloper.addDim(cells)),
      ),
    { primaryKey: true, minRows: DERIVED_DEFER_MIN_ROWS },
  );
  traceStep(`derived: funnel bits and cells built and stored, first rows (${size} cells)`, built);
  await writeCells(db, tenant, true);
}

/**
 * Each part in turn: `writeRows` sends its rows, gathering its cells into `byDeveloper` as they pass; then
 * the part's cells (4 bytes each) go, and when chunks are taken one at a time are collected, before its
 * funnel_cells are sorted and sent to fb_cells_n (at 10M rows the peak was there, 451 MB, while they were
 * held). Returns the cells gathered.
 */
async function writeParts(
  raw: SqlClient,
  grouped: GroupedCells,
  writeRows: (part: CellPart, byDeveloper: CellsByDeveloper) => Promise<void>,
): Promise<number> {
  let size = 0;
  for await (const part of grouped.parts()) {
    const byDeveloper = new CellsByDeveloper(part.size);
    await writeRows(part, byDeveloper);
    size += byDeveloper.size;
    part.release();
    if (grouped.oneAtATime) await collectGarbage();
    await copyCells(raw, 'fb_cells_n', byDeveloper);
  }
  return size;
}

/** Each developer's (number, dims, cells) as gathered in Node (copyCells), for writeCells. */
const CELLS_BY_NUMBER = 'create temp table fb_cells_n (n int, dims text[], cells int8[]) on commit drop';

/** The numbers of the named developers (fb_dev) that meet `where`. */
async function numbers(db: Db, where: string): Promise<number[]> {
  return (await db.$client.query<{ n: number }>(`select n from fb_dev ${where} order by n`)).rows.map((r) => r.n);
}

/**
 * fb_cell (n, dim, stage, day), the distinct level-0 cells of a list of developers that count, and fb_group
 * (dim, stage, day, ns), the same grouped. No order within a group: setting bits does not need one, and sorting
 * each group cost a second at 200k activities. The whole-tenant path groups its cells in Node instead
 * (funnel-cells-grouped.ts): there the DISTINCT over text dims and the grouping took 10.9–11.0 s of server CPU in
 * the 1M rebuild. Returns the number of cells.
 */
async function createCells(db: Db, tenant: string, timeZone: string, many: boolean): Promise<number> {
  const c = tracedClient(db);
  // Stage 0 (any activity) in the whole funnel only: the overview's active developers.
  const { rowCount } = await withHashJoins(db, many, () =>
    c.query(
      `create temp table fb_cell on commit drop as
     with stage_of as (
       select fm.action, fs.order_no::smallint as order_no from activity_funnel_map fm join funnel_stages fs on fs.stage_key = fm.stage_key
        where fm.tenant_id = $1 and fs.order_no >= 1),
     act as materialized (
       select a.activity_id, v.n, a.source, ${funnelDaySql('a.occurred_at', '$2')} as day, s.order_no,
              nullif(a.metadata->>'utm_source', '') as utm_source, nullif(a.metadata->>'utm_medium', '') as utm_medium,
              nullif(a.category, '') as category
         from activities a join fb_dev v on v.developer_id = a.developer_id and v.counted
         left join stage_of s on s.action = a.action
        where a.tenant_id = $1)
     select distinct n, dim, stage, day from (
       select n, ''::text as dim, 0::smallint as stage, day from act
       union all select n, '', order_no, day from act where order_no is not null
       union all select n, 'source:' || source, order_no, day from act where order_no is not null
       -- The breakdowns (analytics/funnel-breakdown.ts): values only. "(none)" is the whole funnel less
       -- every value's row, computed when read: a slice of it repeated most of the funnel (cells +96 %).
       union all select n, 'utm_source:' || utm_source, order_no, day from act where order_no is not null and utm_source is not null
       union all select n, 'utm_medium:' || utm_medium, order_no, day from act where order_no is not null and utm_medium is not null
       union all select n, 'category:' || category, order_no, day from act where order_no is not null and category is not null
       union all
       select act.n, x.dim, act.order_no, act.day
         from act join activity_campaigns ac on ac.tenant_id = $1 and ac.activity_id = act.activity_id
         left join campaigns c on c.campaign_id = ac.campaign_id and c.channel <> ''
        cross join lateral (values ('campaign:' || ac.campaign_id), ('campaign:' || ac.campaign_id || '|source:' || act.source),
                                   ('channel:' || c.channel)) x(dim)
        where act.order_no is not null and x.dim is not null) p`,
      [tenant, timeZone],
    ),
  );
  await c.query(
    'create temp table fb_group on commit drop as select dim, stage, day, array_agg(n) as ns from fb_cell group by dim, stage, day',
  );
  await c.query('create index on fb_group (dim)');
  // Its statements filter and sort by dim: the statistics of ns (most common elements of 40k arrays) cost 0.5–1 s at 1M.
  await c.query('analyze fb_group (dim)');
  return rowCount ?? 0;
}

/**
 * The named developers' bits in place: every row where they change becomes
 * (row & keep) | set, where keep clears every named developer's bit, and
 * nothing else: a merge rewrites the pair's rows, not the tenant's.
 *
 * A row changes when the named developers it holds differ before and after:
 * before, their cells as funnel_cells last recorded them (the bits hold
 * exactly those); after, their cells now (fb_cell). Both are compared per
 * node and developer without reading a row, so a row they stay in, as they
 * were, is neither read nor written (the busiest merge pair's own rows, of
 * the developer merged into, are most of what it touched). The rows of
 * counted developers (node −1) are always redone: their cells are not kept.
 *
 * Each row is computed in the statement that writes it (derived.funnel_row,
 * migration 0007: either form in, the form its population calls for out),
 * from the row as it is when written: a table of next values between them
 * cost a compression and a TOAST write of every row more than the update.
 */
async function applyToRows(db: Db, tenant: string): Promise<void> {
  const c = tracedClient(db);
  await c.query('create temp table fb_keep (chunk int, bits bit varying, members int[]) on commit drop');
  await copyKeepMasks(db.$client, 'fb_keep', await numbers(db, ''));
  await c.query(
    `create temp table fb_old on commit drop as
     select v.n, f.dims[(x.cell / 2147483648)::int + 1] as dim, ((x.cell / 65536) % 32768)::smallint as stage, (x.cell % 65536)::int as day
       from derived.funnel_cells f join fb_dev v on v.developer_id = f.developer_id cross join lateral unnest(f.cells) as x(cell)`,
  );
  await c.query(
    `create temp table fb_touched on commit drop as
     select dim, stage, node, chunk
       from (select o.dim, o.stage, l.level * 100000 + o.day - o.day % (1 << l.level) as node, o.n / ${CHUNK_BITS} as chunk,
                    bool_or(o.now) <> bool_or(not o.now) as moved
               from (select n, dim, stage, day, true as now from fb_cell union all select n, dim, stage, day, false from fb_old) o
              cross join unnest('{${STORED_LEVELS.join(',')}}'::int[]) as l(level)
              group by 1, 2, 3, 4, o.n) x
      group by 1, 2, 3, 4 having bool_or(moved)
     union all
     select '', 0, -1, chunk from fb_keep`,
  );
  await c.query('analyze fb_touched');
  await c.query(
    `update derived.funnel_bits b
        set (bits, members) = (select f.bits, f.members from derived.funnel_row(b.bits, b.members, k.bits, k.members, s.bits, s.members, $2) f)
       from fb_touched t join fb_keep k on k.chunk = t.chunk
       left join fb_set s on s.dim = t.dim and s.stage = t.stage and s.node = t.node and s.chunk = t.chunk
      where b.tenant_id = $1 and ${KEY}`,
    [tenant, sparseMax()],
  );
  // A new row is what was built, already in its form.
  await c.query(
    `insert into derived.funnel_bits select $1, s.* from fb_set s join fb_touched t using (dim, stage, node, chunk)
      where not exists (select 1 from derived.funnel_bits b where b.tenant_id = $1 and b.dim = s.dim and b.stage = s.stage and b.node = s.node and b.chunk = s.chunk)
      order by s.dim, s.stage, s.node, s.chunk`,
    [tenant],
  );
  // A row emptied comes back as members '{}'.
  await c.query(`delete from derived.funnel_bits b using fb_touched t where b.tenant_id = $1 and ${KEY} and b.members = '{}'`, [tenant]);
}

/**
 * funnel_cells of the named developers, from fb_cell, or when `gathered`
 * (every developer: 'all') from fb_cells_n as gathered in Node: what the
 * next refresh clears. A cell's dim index orders like its dim, so sorting
 * each developer's cells by (dim, stage, day) sorts them by value: one sort
 * of narrow rows (sorting by the cell with the developer's dims array carried
 * along spilled 380 MB to disk at 200k activities). 'all' keeps the rows
 * that are already right, as the bits do.
 */
async function writeCells(db: Db, tenant: string, gathered: boolean): Promise<void> {
  const c = tracedClient(db);
  const all = gathered;
  if (gathered)
    await c.query(
      'create temp table fb_cells on commit drop as select v.developer_id, x.dims, x.cells from fb_cells_n x join fb_dev v on v.n = x.n',
    );
  else
    await c.query(
      `create temp table fb_cells on commit drop as
     select v.developer_id, g.dims, g.cells
       from (select n, array_agg(dim order by dim, stage, day) filter (where first) as dims,
                    array_agg((r - 1)::int8 * 2147483648 + stage::int8 * 65536 + day order by dim, stage, day) as cells
               from (select n, dim, stage, day, dense_rank() over (partition by n order by dim) as r,
                            dim is distinct from lag(dim) over (partition by n order by dim, stage, day) as first
                       from fb_cell) x
              group by n) g
       join fb_dev v on v.n = g.n`,
    );
  if (all) {
    await c.query(
      `delete from derived.funnel_cells f where f.tenant_id = $1
          and not exists (select 1 from fb_cells x where x.developer_id = f.developer_id and x.dims = f.dims and x.cells = f.cells)`,
      [tenant],
    );
  } else {
    await c.query('delete from derived.funnel_cells where developer_id in (select developer_id from fb_dev)');
  }
  await c.query(
    `insert into derived.funnel_cells (developer_id, tenant_id, dims, cells)
     select x.developer_id, $1, x.dims, x.cells from fb_cells x
      ${all ? 'where not exists (select 1 from derived.funnel_cells f where f.developer_id = x.developer_id)' : ''}
      order by x.developer_id`,
    [tenant],
  );
}
