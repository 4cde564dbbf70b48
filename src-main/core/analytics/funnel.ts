/**
 * The funnel (DESIGN.md, "Funnel") for a period [from, to) of the tenant's
 * days, optionally for one campaign or one source, and the developers behind
 * each stage.
 *
 * Answered from derived.developer_funnel (no filter) or the filter's slice of
 * derived.developer_funnel_dim: one narrow row per developer, whose
 * `stage_days[order] && daterange(from, to)` says whether the stage was
 * reached in the period. Each row becomes a mask of the stages it reached;
 * the database counts developers per mask (at most 2^stages groups, in one
 * pass — a parallel sequential scan when the table is large) and
 * funnel-shape.ts turns the counts into reached / at-or-beyond / conversion.
 *
 * A campaign and a source together are no single slice: their developers are
 * the campaign slice's, whose activities in the period from that source and
 * attributed to that campaign are then read through idx_activities_tenant_dev.
 *
 * Anonymous activities (no developer, an anon id) are counted from
 * derived.activity_daily (per source), or for a campaign from
 * derived.campaign_daily, whose anonymous weights are counts: an anonymous
 * activity has no developer to earn multi-touch credit, so its only
 * attributions are direct, with weight 1.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { QueryResultRow } from 'pg';
import type { FunnelListMode, FunnelQuery, FunnelReport } from '../../../src-shared/contract/analytics';
import type { FunnelStage } from '../../../src-shared/contract/settings';
import { toCsv } from '../../../src-shared/csv';
import { FUNNEL_DIM_TABLE, FUNNEL_TABLE, stageOrders } from '../derived/developer-funnel';
import { poolUnder, type Db } from '../db/db';
import { campaigns } from '../db/schema';
import { inTransaction } from '../db/transaction';
import { CoreError } from '../errors';
import { exportFormat } from '../settings/export-format';
import { readSettings } from '../settings/read';
import { highestStage, maskConditionSql, shapeFunnel } from './funnel-shape';
import { checkPeriod, previousPeriod } from './period';

type Filters = Pick<FunnelQuery, 'from' | 'to' | 'campaignId' | 'source'>;

/** The period as a daterange, from parameters $2 (from) and $3 (to). */
const PERIOD = 'daterange($2::date, $3::date)';

/** SQL: the mask of stages whose days in `stageDays` meet the period (bit i = stages[i]). */
function maskSql(stageDays: string, stages: readonly FunnelStage[]): string {
  const terms = stages.map((s, i) => (s.order >= 1 ? `(case when ${stageDays}[${s.order}] && ${PERIOD} then ${2 ** i} else 0 end)` : '0'));
  return terms.length === 0 ? '0' : terms.join(' + ');
}

type PlannerSettings = Record<string, string>;

/**
 * The whole funnel is one pass over ~a row per developer, which the planner
 * would not share between workers: for a GROUP BY over an expression it
 * cannot estimate it expects ~one group per row (there are at most
 * 2^stages). Made free, parallelism took the pass from 43 to 32 ms on a busy
 * 2-core machine at 100k developers.
 */
const WHOLE: PlannerSettings = { parallel_setup_cost: '0', parallel_tuple_cost: '0' };
/**
 * A slice is contiguous in developer_funnel_dim's key, but for a large one
 * (a source most developers use) the planner prefers a scan of the whole
 * table: 35 ms through the key vs 120–140 ms, measured at 600k rows.
 */
const SLICE: PlannerSettings = { enable_seqscan: 'off' };

interface Masks {
  /** A relation of (developer_id, mask); mask 0 = no stage reached in the period. */
  sql: string;
  values: unknown[];
  settings: PlannerSettings;
}

async function campaignExists(db: Db, tenant: string, campaignId: string): Promise<void> {
  const rows = await db
    .select({ one: sql`1` })
    .from(campaigns)
    .where(and(eq(campaigns.tenantId, tenant), eq(campaigns.campaignId, campaignId)));
  if (rows.length === 0) {
    throw new CoreError('NOT_FOUND', `No campaign ${campaignId}; choose one from the campaign list`, { campaignId });
  }
}

/** Per developer, the mask of stages reached in the period under the filters. */
async function masks(db: Db, tenant: string, f: Filters, stages: readonly FunnelStage[]): Promise<Masks> {
  const base = [tenant, f.from, f.to];
  if (f.campaignId !== undefined) await campaignExists(db, tenant, f.campaignId);
  if (f.campaignId === undefined && f.source === undefined) {
    // active_days holds every stage day: developers idle in the period are skipped before the stage tests.
    return {
      sql: `select developer_id, ${maskSql('f.stage_days', stages)} as mask
              from ${FUNNEL_TABLE} f where f.tenant_id = $1 and f.active_days && ${PERIOD}`,
      values: base,
      settings: WHOLE,
    };
  }
  if (f.campaignId === undefined || f.source === undefined) {
    const dim = f.campaignId !== undefined ? `campaign:${f.campaignId}` : `source:${f.source}`;
    return {
      sql: `select developer_id, ${maskSql('f.stage_days', stages)} as mask
              from ${FUNNEL_DIM_TABLE} f where f.tenant_id = $1 and f.dim = $4`,
      values: [...base, dim],
      settings: SLICE,
    };
  }
  const { timeZone } = await readSettings(db, tenant);
  const bitOf = stages.map((s, i) => `when ${s.order} then ${2 ** i}`).join(' ');
  return {
    sql: `select a.developer_id, bit_or(case fs.order_no ${bitOf} else 0 end) as mask
            from ${FUNNEL_DIM_TABLE} f
            join activities a on a.tenant_id = $1 and a.developer_id = f.developer_id
                             and a.occurred_at >= ($2::date::timestamp at time zone $6) and a.occurred_at < ($3::date::timestamp at time zone $6)
                             and a.source = $5
            join activity_campaigns ac on ac.tenant_id = $1 and ac.activity_id = a.activity_id and ac.campaign_id = $4::uuid
            join activity_funnel_map fm on fm.tenant_id = $1 and fm.action = a.action
            join funnel_stages fs on fs.stage_key = fm.stage_key
           where f.tenant_id = $1 and f.dim = $7 and (${maskSql('f.stage_days', stages)}) > 0
           group by a.developer_id`,
    values: [...base, f.campaignId, f.source, timeZone, `campaign:${f.campaignId}`],
    settings: SLICE,
  };
}

/** Anonymous activities in the period under the filters. */
async function anonymousCount(db: Db, tenant: string, f: Filters): Promise<number> {
  const { rows } =
    f.campaignId !== undefined
      ? await db.$client.query<{ n: string }>(
          `select coalesce(round(sum(anonymous)), 0) as n from derived.campaign_daily
            where tenant_id = $1 and campaign_id = $2 and day >= $3::date and day < $4::date and ($5::text is null or source = $5)`,
          [tenant, f.campaignId, f.from, f.to, f.source ?? null],
        )
      : await db.$client.query<{ n: string }>(
          `select coalesce(sum(anonymous), 0) as n from derived.activity_daily
            where tenant_id = $1 and day >= $2::date and day < $3::date and ($4::text is null or source = $4)`,
          [tenant, f.from, f.to, f.source ?? null],
        );
  return Number(rows[0]!.n);
}

/**
 * Runs `sql` with planner settings local to a transaction of its own (on the
 * pool; a connection already in someone's transaction runs it as is).
 */
async function queryWith<T extends QueryResultRow>(db: Db, settings: PlannerSettings, sql: string, values: unknown[]): Promise<T[]> {
  const entries = Object.entries(settings);
  if (entries.length === 0 || !poolUnder(db)) return (await db.$client.query<T>(sql, values)).rows;
  return inTransaction(db, async (tx) => {
    for (const [name, value] of entries) await tx.$client.query('select set_config($1, $2, true)', [name, value]);
    return (await tx.$client.query<T>(sql, values)).rows;
  });
}

/** Developers per mask of stages reached in the period. */
async function maskCounts(db: Db, tenant: string, f: Filters, stages: readonly FunnelStage[]) {
  const m = await masks(db, tenant, f, stages);
  const rows = await queryWith<{ mask: number; n: string }>(
    db,
    m.settings,
    // Mask 0 (active, no stage reached) comes back too and counts nowhere: filtering it in SQL would be
    // pushed into the scan and compute every mask twice.
    `select mask, count(*) as n from (${m.sql}) m group by mask`,
    m.values,
  );
  return rows.map((r) => ({ mask: r.mask, developers: Number(r.n) }));
}

async function funnelCounts(db: Db, tenant: string, f: Filters, stages: readonly FunnelStage[]) {
  // Two statements, side by side when `db` is a pool.
  const [counts, anonymous] = await Promise.all([maskCounts(db, tenant, f, stages), anonymousCount(db, tenant, f)]);
  return { from: f.from, to: f.to, anonymous, stages: shapeFunnel(stages, counts) };
}

export async function funnelReport(db: Db, tenant: string, query: FunnelQuery): Promise<FunnelReport> {
  const { compare, ...filters } = query;
  const f = { ...filters, ...checkPeriod(query.from, query.to) };
  const stages = await stageOrders(db);
  const current = await funnelCounts(db, tenant, f, stages);
  if (!compare) return current;
  const before = previousPeriod(f);
  return { ...current, previous: before ? await funnelCounts(db, tenant, { ...f, ...before }, stages) : null };
}

export interface FunnelDevelopersQuery extends Filters {
  stageKey: string;
  mode: FunnelListMode;
  /** The CSV's words (stage titles); the list ignores it. */
  language?: 'en' | 'ja';
}

export interface FunnelDeveloperRow {
  developerId: string;
  displayName: string | null;
  primaryEmail: string | null;
  organization: string | null;
  stage: string;
  lastActionAt: string | null;
}

/**
 * The developers of one stage, most recently active first, as (id, mask,
 * total), one page of them or (page undefined) all.
 */
async function stageDevelopers(db: Db, tenant: string, query: FunnelDevelopersQuery, page?: { size: number; offset: number }) {
  const f = { ...query, ...checkPeriod(query.from, query.to) };
  const stages = await stageOrders(db);
  const index = stages.findIndex((s) => s.key === query.stageKey);
  if (index < 0) {
    throw new CoreError('BAD_INPUT', `Unknown stage "${query.stageKey}"; choose one of ${stages.map((s) => s.key).join(', ')}`, {
      field: 'stageKey',
      stages: stages.map((s) => s.key),
    });
  }
  const m = await masks(db, tenant, f, stages);
  const n = m.values.length;
  const limit = page ? `limit $${n + 1} offset $${n + 2}` : '';
  const rows = await queryWith<{ developer_id: string; mask: number; total: string }>(
    db,
    m.settings,
    `select m.developer_id, m.mask, count(*) over () as total
       from (${m.sql}) m left join developer_stats s on s.developer_id = m.developer_id
      where ${maskConditionSql('m.mask', index, query.mode)}
      order by s.last_action_at desc nulls last, m.developer_id ${limit}`,
    page ? [...m.values, page.size, page.offset] : m.values,
  );
  return { stages, rows };
}

/** Name, email, organization and last action of `ids`, in their order. */
async function developerDetails(db: Db, tenant: string, ids: string[]) {
  if (ids.length === 0)
    return new Map<
      string,
      { displayName: string | null; primaryEmail: string | null; organization: string | null; lastActionAt: string | null }
    >();
  const { rows } = await db.$client.query<{
    developer_id: string;
    display_name: string | null;
    primary_email: string | null;
    org_name: string | null;
    last_action_at: Date | null;
  }>(
    `select d.developer_id, d.display_name, d.primary_email::text as primary_email, o.name as org_name, s.last_action_at
       from unnest($2::uuid[]) as p(id)
       join developers d on d.developer_id = p.id and d.tenant_id = $1
       left join organizations o on o.org_id = d.org_id
       left join developer_stats s on s.developer_id = d.developer_id`,
    [tenant, ids],
  );
  return new Map(
    rows.map((r) => [
      r.developer_id,
      {
        displayName: r.display_name,
        primaryEmail: r.primary_email,
        organization: r.org_name,
        lastActionAt: r.last_action_at?.toISOString() ?? null,
      },
    ]),
  );
}

async function withDetails(
  db: Db,
  tenant: string,
  stages: readonly FunnelStage[],
  rows: { developer_id: string; mask: number }[],
): Promise<FunnelDeveloperRow[]> {
  const details = await developerDetails(
    db,
    tenant,
    rows.map((r) => r.developer_id),
  );
  return rows.map((r) => {
    const d = details.get(r.developer_id);
    return {
      developerId: r.developer_id,
      displayName: d?.displayName ?? null,
      primaryEmail: d?.primaryEmail ?? null,
      organization: d?.organization ?? null,
      stage: highestStage(stages, r.mask)?.key ?? '',
      lastActionAt: d?.lastActionAt ?? null,
    };
  });
}

export async function funnelDevelopers(
  db: Db,
  tenant: string,
  query: FunnelDevelopersQuery & { page: number; pageSize: number },
): Promise<{ total: number; rows: FunnelDeveloperRow[] }> {
  const offset = query.page * query.pageSize;
  const { stages, rows } = await stageDevelopers(db, tenant, query, { size: query.pageSize, offset });
  // Past the last page no row carries the count: ask for the first page's.
  const total = rows[0]
    ? Number(rows[0].total)
    : offset === 0
      ? 0
      : (await funnelDevelopers(db, tenant, { ...query, page: 0, pageSize: 1 })).total;
  return { total, rows: await withDetails(db, tenant, stages, rows) };
}

const CSV_HEADER = ['developer_id', 'display_name', 'primary_email', 'organization', 'stage', 'last_action_at'];
/** Details are read per batch: one statement for every developer would hold all rows twice. */
const CSV_BATCH = 5000;

export async function funnelDevelopersCsv(
  db: Db,
  tenant: string,
  query: FunnelDevelopersQuery,
): Promise<{ fileName: string; content: string }> {
  const { stages, rows } = await stageDevelopers(db, tenant, query);
  const format = await exportFormat(db, tenant, query.language);
  const titles = new Map(stages.map((s) => [s.key, s.title]));
  const lines: (string | null)[][] = [];
  for (let i = 0; i < rows.length; i += CSV_BATCH) {
    for (const r of await withDetails(db, tenant, stages, rows.slice(i, i + CSV_BATCH))) {
      lines.push([
        r.developerId,
        r.displayName,
        r.primaryEmail,
        r.organization,
        format.stage(r.stage, titles.get(r.stage)),
        format.time(r.lastActionAt),
      ]);
    }
  }
  const filter = query.campaignId
    ? `-campaign-${query.campaignId.slice(0, 8)}`
    : query.source
      ? `-${query.source.replace(/[^\w.-]+/g, '_')}`
      : '';
  return {
    fileName: `drm-funnel-${query.stageKey}-${query.mode}-${query.from}-${query.to}${filter}.csv`,
    content: toCsv(CSV_HEADER, lines),
  };
}
