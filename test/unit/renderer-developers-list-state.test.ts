/**
 * The Developers list in the address (pages/developers/list-state.ts): every
 * filter, the sort and its direction, and the page survive a round trip;
 * values the core would refuse are dropped; headers sort and flip.
 */
import { describe, expect, it } from 'vitest';
import { emptyFilters } from '../../src-renderer/src/pages/developers/developer-view';
import { developerListParams, headerSort, readDeveloperList, sortByHeader } from '../../src-renderer/src/pages/developers/list-state';
import { withParams } from '../../src-renderer/src/analytics/url-state';

const ORG = '0192f3a4-5b6c-7d8e-9f01-23456789abcd';

describe('the Developers list in the address', () => {
  it('keeps every filter, the sort, its direction and the page', () => {
    const state = {
      filters: { q: '田中 太郎', stage: 'adoption', tag: 'vip & co', provider: 'github', orgId: ORG, sort: 'name' as const, reverse: true },
      page: 3,
    };
    const params = withParams(new URLSearchParams(), developerListParams(state));
    expect(params.toString()).toContain('reverse=1');
    expect(readDeveloperList(new URLSearchParams(params.toString()))).toEqual(state);
  });

  it('writes nothing for the defaults, and reads the plain list from an empty address', () => {
    expect(withParams(new URLSearchParams('x=1'), developerListParams({ filters: emptyFilters, page: 0 })).toString()).toBe('x=1');
    expect(readDeveloperList(new URLSearchParams())).toEqual({ filters: emptyFilters, page: 0 });
  });

  it('drops what the core would refuse', () => {
    const state = readDeveloperList(
      new URLSearchParams(`stage=nirvana&sort=random&org=acme&page=-2&tag=${'x'.repeat(51)}&reverse=yes&q=${'q'.repeat(201)}`),
    );
    expect(state).toEqual({ filters: emptyFilters, page: 0 });
    expect(readDeveloperList(new URLSearchParams(`org=${ORG.toUpperCase()}`)).filters.orgId).toBe(ORG);
  });
});

describe('sortable headers', () => {
  it('sorts by a new column in its own direction, and flips the current one', () => {
    expect(sortByHeader(emptyFilters, 'name')).toEqual({ sort: 'name', reverse: false });
    expect(sortByHeader(emptyFilters, 'lastActivity')).toEqual({ sort: 'lastActivity', reverse: true });
    expect(sortByHeader({ ...emptyFilters, sort: 'name', reverse: true }, 'activityCount')).toEqual({
      sort: 'activityCount',
      reverse: false,
    });
  });

  it('says each header’s direction to screen readers', () => {
    expect(headerSort(emptyFilters, 'lastActivity')).toBe('descending');
    expect(headerSort({ ...emptyFilters, reverse: true }, 'lastActivity')).toBe('ascending');
    expect(headerSort({ ...emptyFilters, sort: 'name' }, 'name')).toBe('ascending');
    expect(headerSort({ ...emptyFilters, sort: 'name', reverse: true }, 'name')).toBe('descending');
    expect(headerSort(emptyFilters, 'name')).toBe('none');
  });
});
