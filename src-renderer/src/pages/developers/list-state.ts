/**
 * The Developers list as the address keeps it — `#/developers?q=…&stage=…&tag=…
 * &provider=…&org=…&sort=…&reverse=1&page=…` — so that a reload, Back from a
 * profile or a link pasted to a colleague opens the same list; and what its
 * sortable headers do. Pure, unit-tested.
 */
import { developerSorts, type DeveloperSort } from '../../../../src-shared/contract/values';
import { isStageKey } from '../../../../src-shared/funnel-stages';
import { MAX_TAG_LENGTH } from '../../../../src-shared/tags';
import { emptyFilters, type DeveloperFilterState } from './developer-view';

export interface DeveloperListState {
  filters: DeveloperFilterState;
  page: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The longest search the core takes. */
const MAX_QUERY = 200;

/** The list's state from the address; a value the core would refuse is dropped, not sent. */
export function readDeveloperList(params: URLSearchParams): DeveloperListState {
  const text = (key: string, max: number) => {
    const value = params.get(key) ?? '';
    return value.length > max ? '' : value;
  };
  const stage = params.get('stage');
  const provider = params.get('provider')?.trim() ?? '';
  const org = params.get('org')?.trim() ?? '';
  const page = Number(params.get('page'));
  return {
    filters: {
      q: text('q', MAX_QUERY),
      stage: isStageKey(stage) ? stage : '',
      tag: text('tag', MAX_TAG_LENGTH),
      provider: provider.length > 100 ? '' : provider,
      orgId: UUID.test(org) ? org.toLowerCase() : '',
      sort: developerSorts.find((s) => s === params.get('sort')) ?? 'lastActivity',
      reverse: params.get('reverse') === '1',
    },
    page: Number.isInteger(page) && page > 0 ? page : 0,
  };
}

/** The parameters for a state: what differs from the defaults, the rest removed. */
export function developerListParams(state: DeveloperListState): Record<string, string | number | null> {
  const f = state.filters;
  return {
    q: f.q || null,
    stage: f.stage || null,
    tag: f.tag || null,
    provider: f.provider || null,
    org: f.orgId || null,
    sort: f.sort === emptyFilters.sort ? null : f.sort,
    reverse: f.reverse ? 1 : null,
    page: state.page > 0 ? state.page : null,
  };
}

/** Each sort's own direction: the latest and the busiest first, names A→Z. */
const DESCENDING: Record<DeveloperSort, boolean> = { lastActivity: true, activityCount: true, name: false };

/** A header clicked: its sort in its own direction, or the other direction when it already sorts. */
export function sortByHeader(filters: DeveloperFilterState, column: DeveloperSort): Pick<DeveloperFilterState, 'sort' | 'reverse'> {
  return filters.sort === column ? { sort: column, reverse: !filters.reverse } : { sort: column, reverse: false };
}

/** aria-sort of a sortable header. */
export function headerSort(filters: DeveloperFilterState, column: DeveloperSort): 'ascending' | 'descending' | 'none' {
  if (filters.sort !== column) return 'none';
  return DESCENDING[column] !== filters.reverse ? 'descending' : 'ascending';
}
