/**
 * The Developers page's filters and sort as SQL over `developers d left join
 * developer_stats s`, shared by the list, its count and the CSV export.
 *
 * Search compares `lower(normalize(x, NFKC))` on both sides, so case and
 * full/half width do not matter (`ＴＡＲＯ` finds `taro`, `ﾀﾛｳ` finds `タロウ`).
 * A substring search cannot use a btree: it scans names, handles, identifiers
 * and organizations (see bench/developers.ts for what that costs at 100k).
 * pg_trgm would speed queries of three characters or more but not two
 * (DESIGN.md), and would add an extension and indexes beyond the spec.
 */
import type { DeveloperFilters, DeveloperSort } from '../../../src-shared/contract-developers';
import { CoreError } from '../errors';
import { MERGED_AWAY_SQL } from '../merges/state';

type Queryable = { query<R extends object>(text: string, values?: unknown[]): Promise<{ rows: R[] }> };

/** Positional parameters; `$1` is always the tenant. */
export class SqlParams {
  readonly values: unknown[];
  constructor(tenant: string) {
    this.values = [tenant];
  }
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** `%`, `_` and the escape character itself match literally. */
export function likeContains(text: string): string {
  return `%${text.normalize('NFKC').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Case- and width-folded text. NFKC leaves ASCII alone, so ASCII-only values
 * (octet length = character length in UTF-8) skip normalize(), which costs
 * ~4× lower() per value and dominated the search at 100k developers.
 */
const folded = (expr: string) =>
  `(case when octet_length(${expr}) = char_length(${expr}) then lower(${expr}) else lower(normalize(${expr}, NFKC)) end)`;

/**
 * Developers whose name, email, handle or organization contains `q`: a union
 * of id sets, so that each table is scanned once, in parallel where it pays.
 * Every email (primary or an account's) is also an email identifier, already
 * normalised by identity resolution, so identifiers stand for them.
 */
function searchSql(params: SqlParams, q: string): string {
  // A constant: folded once when the statement is planned, the way the columns are folded.
  const p = `lower(normalize(${params.add(likeContains(q))}::text, NFKC))`;
  return `d.developer_id in (
      select x.developer_id from developers x where x.tenant_id = $1 and ${folded('x.display_name')} like ${p}
      union all
      select x.developer_id from developers x join organizations o on o.org_id = x.org_id
       where o.tenant_id = $1 and ${folded('o.name')} like ${p}
      union all
      select a.developer_id from accounts a
       where a.tenant_id = $1 and a.developer_id is not null and ${folded('a.handle')} like ${p}
      union all
      select i.developer_id from developer_identifiers i where i.tenant_id = $1 and i.value_normalized like ${p})`;
}

/** The tenant's actions at a stage and beyond it (by order_no); BAD_INPUT for an unknown stage. */
async function stageActions(db: Queryable, tenant: string, stage: string): Promise<{ at: string[]; beyond: string[] }> {
  const { rows } = await db.query<{ stage_key: string; order_no: number; actions: string[] }>(
    `select fs.stage_key, fs.order_no,
            coalesce(array_agg(m.action) filter (where m.action is not null), '{}') as actions
       from funnel_stages fs left join activity_funnel_map m on m.stage_key = fs.stage_key and m.tenant_id = $1
      group by fs.stage_key, fs.order_no`,
    [tenant],
  );
  const target = rows.find((r) => r.stage_key === stage);
  if (!target) {
    throw new CoreError('BAD_INPUT', `Unknown stage "${stage}"; stages are ${rows.map((r) => r.stage_key).join(', ')}`, { field: 'stage' });
  }
  return { at: target.actions, beyond: rows.filter((r) => r.order_no > target.order_no).flatMap((r) => r.actions) };
}

export interface Where {
  sql: string;
  /** The same filters for a few candidate rows: the stage is probed per developer. */
  perRowSql: string;
  /** A search: its matches are computed once, with their count, rather than counted separately. */
  search: boolean;
}

/** `where …` for the filters (merged-away developers are always hidden). */
export async function whereSql(db: Queryable, params: SqlParams, filters: DeveloperFilters): Promise<Where> {
  const tenant = params.values[0] as string;
  const clauses: string[] = [];
  // The same filters with the stage tested per developer, for a few hundred candidate rows.
  const perRow: string[] = [];
  const both = (clause: string) => {
    clauses.push(clause);
    perRow.push(clause);
  };
  both('d.tenant_id = $1');
  both(`not ${MERGED_AWAY_SQL('d.developer_id')}`);
  const q = filters.q?.trim();
  if (q) both(searchSql(params, q));
  if (filters.tag !== undefined) both(`d.tags @> array[${params.add(filters.tag)}::text]`);
  if (filters.orgId !== undefined) both(`d.org_id = ${params.add(filters.orgId)}::uuid`);
  if (filters.provider !== undefined) {
    both(`exists (select 1 from accounts a where a.tenant_id = $1 and a.developer_id = d.developer_id and a.provider = ${params.add(filters.provider)})`);
  }
  if (filters.stage !== undefined) {
    // Highest stage equals it: an activity at the stage and none beyond. Over all developers (the count,
    // a full page) one grouped pass over activities is ~2× cheaper than probing each developer's
    // activities twice; over a few hundred candidates (the stats-first page) probes cost almost nothing.
    const { at, beyond } = await stageActions(db, tenant, filters.stage);
    const atSql = params.add(at);
    const has = (actions: string) =>
      `exists (select 1 from activities a where a.tenant_id = $1 and a.developer_id = d.developer_id and a.action = any(${actions}::text[]))`;
    const beyondSql = beyond.length === 0 ? null : params.add(beyond);
    const probe = beyondSql === null ? has(atSql) : `${has(atSql)} and not ${has(beyondSql)}`;
    clauses.push(
      beyondSql === null
        ? probe
        : `d.developer_id in (select a.developer_id from activities a where a.tenant_id = $1 and a.developer_id is not null
             group by a.developer_id
            having bool_or(a.action = any(${atSql}::text[])) and not bool_or(a.action = any(${beyondSql}::text[])))`,
    );
    perRow.push(probe);
  }
  return { sql: `where ${clauses.join('\n    and ')}`, perRowSql: `where ${perRow.join('\n    and ')}`, search: Boolean(q) };
}

/**
 * Every order ends in the id, so that pages never overlap. `id` names the
 * developer id column (the stats-first page orders developer_stats alone).
 * Names sort by lower() only: normalize() over every name cost ~3× the page.
 */
export function orderSql(sort: DeveloperSort, id = 'd.developer_id'): string {
  switch (sort) {
    case 'activityCount':
      return `order by coalesce(s.total_actions, 0) desc, s.last_action_at desc nulls last, ${id}`;
    case 'name':
      return `order by lower(d.display_name) nulls last, ${id}`;
    case 'lastActivity':
      return `order by s.last_action_at desc nulls last, ${id}`;
  }
}

export const FROM_DEVELOPERS = 'from developers d left join developer_stats s on s.developer_id = d.developer_id';
