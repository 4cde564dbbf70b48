/**
 * The Developers page's filters and sort as SQL over derived.developer_search
 * (alias `ds`), shared by the list, its count and the CSV export. That table
 * holds, per visible developer, the folded search text, the highest stage,
 * tags, organization, providers and the sort keys, each order with its own
 * index, so no request reads activities, accounts or identifiers.
 *
 * Search: the query is folded as the stored text is (identity/normalise.ts) and
 * found with `like '%…%'` in a scan of the table: ~25-30 ms at 120k
 * developers for any query, two characters (田中) or twenty (LIKE scans a
 * little faster than strpos(), which prepares a skip table per row). A pg_trgm index answered
 * three characters and more in a few ms but not two (no trigram; reading the
 * whole index was slower than the scan), and maintaining it cost seconds per
 * 100k developers imported, which the import's budget has no room for.
 */
import type { DeveloperFilters, DeveloperSort } from '../../../src-shared/contract/developers';
import { CoreError } from '../errors';
import { likeContains } from '../db/like';
import { searchKey } from '../identity/normalise';
import type { Db } from '../db/db';

export const SEARCH_TABLE = 'derived.developer_search ds';

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

/** The search condition for `q`, or null when `q` folds to nothing; `%`, `_` and the backslash match literally. */
function searchSql(params: SqlParams, q: string): string | null {
  const key = searchKey(q);
  return key === '' ? null : `ds.search_text like ${params.add(likeContains(key))}`;
}

/** order_no of a stage; BAD_INPUT for an unknown one. */
export async function stageOrder(db: Db, stage: string): Promise<number> {
  const { rows } = await db.$client.query<{ stage_key: string; order_no: number }>(
    'select stage_key, order_no from funnel_stages order by order_no',
  );
  const found = rows.find((r) => r.stage_key === stage);
  if (!found) {
    throw new CoreError('BAD_INPUT', `Unknown stage "${stage}"; stages are ${rows.map((r) => r.stage_key).join(', ')}`, { field: 'stage' });
  }
  return found.order_no;
}

export interface Where {
  sql: string;
  /**
   * A search, tag, service or organization narrows the list: its rows are
   * found once (a scan, or the organization's index), then counted and
   * ordered, rather than counted by one scan while another walks an order's
   * index hoping to meet 50 of them soon — for a tag nobody has, that walk
   * read the whole index (80 ms), and array filters are hard to estimate.
   * The stage alone is estimated well: the walk finds its rows at once.
   */
  filtered: boolean;
  /** A text search: matching every row's folded text is most of its time, worth splitting over the cores. */
  searching: boolean;
}

/** `where …` for the filters; merged-away developers have no row, so they are never listed. */
export async function whereSql(db: Db, params: SqlParams, filters: DeveloperFilters): Promise<Where> {
  const clauses = ['ds.tenant_id = $1'];
  const search = filters.q ? searchSql(params, filters.q) : null;
  if (search) clauses.push(search);
  if (filters.stage !== undefined) clauses.push(`ds.highest_stage = ${params.add(await stageOrder(db, filters.stage))}`);
  if (filters.tag !== undefined) clauses.push(`ds.tags @> array[${params.add(filters.tag)}::text]`);
  if (filters.orgId !== undefined) clauses.push(`ds.org_id = ${params.add(filters.orgId)}::uuid`);
  if (filters.provider !== undefined) clauses.push(`ds.providers @> array[${params.add(filters.provider)}::text]`);
  const filtered = search !== null || filters.tag !== undefined || filters.provider !== undefined || filters.orgId !== undefined;
  return { sql: `where ${clauses.join('\n    and ')}`, filtered, searching: search !== null };
}

/**
 * Every order ends in the id, so that pages never overlap, and matches one of
 * developer_search's indexes exactly (directions and nulls included), so that
 * a page is the first rows of an index walk. Reversed, every term flips
 * (direction and nulls): the same index, walked backwards.
 */
export function orderSql(sort: DeveloperSort, reverse = false): string {
  const terms = ORDERS[sort];
  return `order by ${(reverse ? terms.map(flip) : terms).join(', ')}`;
}

const ORDERS: Record<DeveloperSort, readonly string[]> = {
  activityCount: ['ds.total_actions desc nulls last', 'ds.last_action_at desc nulls last', 'ds.developer_id'],
  name: ['ds.sort_name', 'ds.developer_id'],
  lastActivity: ['ds.last_action_at desc nulls last', 'ds.developer_id'],
};

/** `x desc nulls last` → `x asc nulls first`; `x` (asc, nulls last) → `x desc nulls first`. */
function flip(term: string): string {
  const [column, direction = 'asc', , nulls = direction === 'asc' ? 'last' : 'first'] = term.split(' ');
  return `${column} ${direction === 'asc' ? 'desc' : 'asc'} nulls ${nulls === 'last' ? 'first' : 'last'}`;
}
