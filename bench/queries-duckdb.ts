/**
 * The funnel's reference: the same raw rows the app answers from, copied out
 * of PostgreSQL and loaded into an in-memory DuckDB, and the funnel of
 * DESIGN.md computed by one plain SQL query over them. Two jobs in
 * bench:queries: a speed baseline (a columnar engine scanning raw rows) and an
 * independent check of the app's numbers.
 *
 * Only raw facts cross over — activities (activity_id, developer_id, anon_id,
 * action, occurred_at, source), their direct campaign attributions (the
 * import's; ROI's reference, queries-roi.ts, recomputes multi-touch credit
 * itself), every attribution (direct and multi-touch, the slices of a
 * campaign-filtered funnel), the tenant's action → stage map, the stages, and per
 * developer its consent and whether it is merged away (computed in
 * PostgreSQL with the app's own rule, identity/merged-away.ts), and what the
 * breakdowns group by (utm values, resource categories, campaign channels) —
 * none of the app's derived tables.
 */
import { createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { IS_MULTI_TOUCH } from '../src-main/core/derived/campaign-daily';
import { MERGED_AWAY_SQL } from '../src-main/core/identity/merged-away';
import type { FunnelNumbers } from './timing';

interface Table {
  name: string;
  /** DuckDB column types, in the order of the export's columns. */
  columns: Record<string, string>;
  /** The PostgreSQL query whose rows are copied; `$tenant` is replaced by the quoted tenant. */
  select: string;
}

const tables: readonly Table[] = [
  {
    name: 'activities',
    columns: {
      activity_id: 'UUID',
      developer_id: 'UUID',
      anon_id: 'VARCHAR',
      action: 'VARCHAR',
      occurred_at: 'TIMESTAMPTZ',
      source: 'VARCHAR',
    },
    select: 'select activity_id, developer_id, anon_id, action, occurred_at, source from activities where tenant_id = $tenant',
  },
  {
    // Direct attributions only (the import's), for ROI's reference: multi-touch credit is recomputed there.
    name: 'direct',
    columns: { activity_id: 'UUID', campaign_id: 'UUID', weight: 'DOUBLE' },
    select: `select ac.activity_id, ac.campaign_id, ac.weight from activity_campaigns ac
              where ac.tenant_id = $tenant and not ${IS_MULTI_TOUCH('ac')}`,
  },
  {
    // Every attribution, multi-touch credit included: what a campaign filter of the funnel selects by.
    name: 'attributed',
    columns: { activity_id: 'UUID', campaign_id: 'UUID' },
    select: 'select activity_id, campaign_id from activity_campaigns where tenant_id = $tenant',
  },
  {
    // The values the breakdowns group by (queries-breakdowns.ts): utm from the metadata, the resource's category.
    name: 'activity_values',
    columns: { activity_id: 'UUID', utm_source: 'VARCHAR', utm_medium: 'VARCHAR', category: 'VARCHAR' },
    select: `select activity_id, metadata->>'utm_source', metadata->>'utm_medium', category from activities where tenant_id = $tenant`,
  },
  {
    name: 'campaigns',
    columns: { campaign_id: 'UUID', channel: 'VARCHAR' },
    select: 'select campaign_id, channel from campaigns where tenant_id = $tenant',
  },
  {
    name: 'developers',
    columns: { developer_id: 'UUID', consent_analytics: 'BOOLEAN', merged_away: 'BOOLEAN' },
    select: `select d.developer_id, d.consent_analytics, ${MERGED_AWAY_SQL('d.developer_id')} as merged_away
               from developers d where d.tenant_id = $tenant`,
  },
  {
    name: 'funnel_map',
    columns: { action: 'VARCHAR', stage_key: 'VARCHAR' },
    select: 'select action, stage_key from activity_funnel_map where tenant_id = $tenant',
  },
  {
    name: 'stages',
    columns: { stage_key: 'VARCHAR', order_no: 'INTEGER', title: 'VARCHAR' },
    select: 'select stage_key, order_no, title from funnel_stages',
  },
];

export interface Exported {
  dir: string;
  rows: Record<string, number>;
  bytes: number;
  ms: number;
}

/**
 * COPY … TO STDOUT of each table into `dir` as CSV, in UTC, so that
 * timestamps carry their offset and DuckDB reads the same instants.
 */
export async function exportRaw(client: pg.Client, tenant: string, dir: string): Promise<Exported> {
  const t0 = performance.now();
  await client.query(`set timezone = 'UTC'`);
  const rows: Record<string, number> = {};
  let bytes = 0;
  for (const t of tables) {
    const path = join(dir, `${t.name}.csv`);
    const copy = client.query(copyTo(`COPY (${t.select.replaceAll('$tenant', client.escapeLiteral(tenant))}) TO STDOUT WITH (FORMAT csv)`));
    await pipeline(copy, createWriteStream(path));
    rows[t.name] = copy.rowCount;
    bytes += statSync(path).size;
  }
  return { dir, rows, bytes, ms: performance.now() - t0 };
}

export interface Reference {
  connection: DuckDBConnection;
  loadMs: number;
  close(): void;
}

/**
 * A fresh in-memory DuckDB holding the exported rows (its load time kept
 * apart from query times). PostgreSQL's CSV writes NULL as an empty field and
 * an empty string as "", so quoted empties stay strings.
 */
export async function loadReference(exported: Exported): Promise<Reference> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // Instants compare the same in any zone; UTC keeps anything printed comparable with PostgreSQL's export.
  await connection.run(`set TimeZone = 'UTC'`);
  const t0 = performance.now();
  for (const t of tables) {
    const columns = Object.entries(t.columns)
      .map(([name, type]) => `'${name}': '${type}'`)
      .join(', ');
    const path = join(exported.dir, `${t.name}.csv`).replaceAll("'", "''");
    await connection.run(
      `create table ${t.name} as select * from read_csv('${path}', header = false, allow_quoted_nulls = false, columns = {${columns}})`,
    );
  }
  const loadMs = performance.now() - t0;
  return {
    connection,
    loadMs,
    close: () => {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A funnel's filter: one source, one campaign (any attribution), both, or neither. */
export interface FunnelFilter {
  source?: string;
  campaignId?: string;
}

/** SQL conditions on activities `a` for the filter (parameters $source, $campaign). */
const sliceSql = (filter: FunnelFilter) =>
  [
    filter.source !== undefined ? 'and a.source = $source' : '',
    filter.campaignId !== undefined
      ? 'and exists (select 1 from attributed t where t.activity_id = a.activity_id and t.campaign_id = cast($campaign as uuid))'
      : '',
  ].join(' ');

/**
 * DESIGN.md "Funnel" over the raw rows: the period is [from, to) of calendar
 * days in `zone` (timezone() turns a local midnight into its instant, DST
 * included); a developer reached a stage when an activity in the period maps
 * to it; at-or-beyond counts developers whose highest stage reached is that
 * one or later; developers without analytics consent or merged away count
 * nowhere; anonymous = activities in the period with only an anon id. A
 * filter keeps the activities of its source and/or attributed to its campaign.
 */
/**
 * The period's activities `a` that map to a stage `s`, of developers `d` the
 * funnel counts (analytics consent, not merged away): the FROM and WHERE of
 * every reference funnel here and in queries-breakdowns.ts; more conditions
 * follow with `and`.
 */
export const COUNTED_IN_PERIOD = `activities a
    join funnel_map m on m.action = a.action
    join stages s on s.stage_key = m.stage_key
    join developers d on d.developer_id = a.developer_id
   where a.occurred_at >= timezone($zone, cast($from as date)::timestamp)
     and a.occurred_at < timezone($zone, cast($to as date)::timestamp)
     and d.consent_analytics and not d.merged_away`;

export function funnelSql(filter: FunnelFilter): string {
  return `
with reached as (
  select distinct a.developer_id, s.order_no
    from ${COUNTED_IN_PERIOD}
     ${sliceSql(filter)}
),
highest as (select developer_id, max(order_no) as top from reached group by developer_id),
per_stage as (
  select s.stage_key, s.order_no,
         (select count(*) from reached r where r.order_no = s.order_no) as reached,
         (select count(*) from highest h where h.top >= s.order_no) as at_or_beyond
    from stages s
),
anonymous as (
  select count(*) as n from activities a
   where a.developer_id is null and a.anon_id is not null
     and a.occurred_at >= timezone($zone, cast($from as date)::timestamp)
     and a.occurred_at < timezone($zone, cast($to as date)::timestamp)
     ${sliceSql(filter)}
)
select ps.stage_key, cast(ps.reached as integer) as reached, cast(ps.at_or_beyond as integer) as at_or_beyond,
       cast(an.n as integer) as anonymous
  from per_stage ps, anonymous an
 order by ps.order_no`;
}

export async function referenceFunnel(
  connection: DuckDBConnection,
  zone: string,
  period: { from: string; to: string },
  filter: FunnelFilter = {},
): Promise<FunnelNumbers> {
  const reader = await connection.runAndReadAll(funnelSql(filter), {
    zone,
    from: period.from,
    to: period.to,
    ...(filter.source !== undefined ? { source: filter.source } : {}),
    ...(filter.campaignId !== undefined ? { campaign: filter.campaignId } : {}),
  });
  const rows = reader.getRowObjectsJS() as { stage_key: string; reached: number; at_or_beyond: number; anonymous: number }[];
  return {
    anonymous: rows[0]?.anonymous ?? 0,
    stages: rows.map((r) => ({ key: r.stage_key, reached: r.reached, atOrBeyond: r.at_or_beyond })),
  };
}
