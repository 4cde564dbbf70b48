import { describe, expect, it } from 'vitest';
import {
  addTag,
  bulkFilterInput,
  emptyFilters,
  filterInput,
  hasActiveFilters,
  listInput,
  normaliseTag,
  orgFilterFromHash,
  removeTag,
} from '../../src-renderer/src/pages/developers/developer-view';
import { developerName } from '../../src-renderer/src/lib/developer-name';
import { pageRange } from '../../src-renderer/src/lib/page-range';
import { relativeParts } from '../../src-renderer/src/lib/time';
import { developerHref, developersOfOrganizationHref, routeFromHash, routeParam } from '../../src-renderer/src/routes';

describe('pageRange', () => {
  it('gives the first page of many', () => {
    expect(pageRange(0, 50, 1234)).toEqual({ from: 1, to: 50, total: 1234, page: 0, lastPage: 24, hasPrev: false, hasNext: true });
  });
  it('gives a short last page', () => {
    expect(pageRange(24, 50, 1234)).toMatchObject({ from: 1201, to: 1234, hasPrev: true, hasNext: false });
  });
  it('shows 0–0 with no rows and no paging', () => {
    expect(pageRange(0, 50, 0)).toMatchObject({ from: 0, to: 0, hasPrev: false, hasNext: false });
  });
  it('clamps a page past the end (rows deleted meanwhile)', () => {
    expect(pageRange(9, 50, 60)).toMatchObject({ page: 1, from: 51, to: 60 });
  });
});

describe('filters', () => {
  it('gives a bulk tag edit the filters without the sort', () => {
    expect(bulkFilterInput({ ...emptyFilters, q: ' x ', orgId: ORG, sort: 'name', reverse: true })).toEqual({ q: 'x', orgId: ORG });
  });

  it('leaves blanks out and trims text', () => {
    expect(filterInput({ ...emptyFilters, q: '  山田 ', tag: ' ' })).toEqual({ sort: 'lastActivity', q: '山田' });
    expect(listInput({ q: '', stage: 'adoption', tag: 'vip', provider: 'github', orgId: '', sort: 'name', reverse: true }, 2)).toEqual({
      sort: 'name',
      reverse: true,
      stage: 'adoption',
      tag: 'vip',
      provider: 'github',
      page: 2,
      pageSize: 50,
    });
  });
  it('does not count the sort as a filter', () => {
    expect(hasActiveFilters({ ...emptyFilters, sort: 'name' })).toBe(false);
    expect(hasActiveFilters({ ...emptyFilters, q: 'x' })).toBe(true);
    expect(hasActiveFilters({ ...emptyFilters, orgId: ORG })).toBe(true);
  });
  it('passes the organization on', () => {
    expect(filterInput({ ...emptyFilters, orgId: ORG })).toEqual({ sort: 'lastActivity', orgId: ORG });
  });
});

const ORG = '4814f648-18dc-4d32-9d1f-0227162730c2';

describe('the organization filter in the address', () => {
  it('reads #/developers?org=<uuid>', () => {
    expect(orgFilterFromHash(`#/developers?org=${ORG}`)).toBe(ORG);
    expect(orgFilterFromHash(`#developers?org=${ORG.toUpperCase()}`)).toBe(ORG);
    expect(orgFilterFromHash(`#/developers?sort=name&org=${ORG}`)).toBe(ORG);
    expect(routeFromHash(`#/developers?org=${ORG}`)).toBe('developers');
    expect(routeParam(`#/developers?org=${ORG}`)).toBeNull(); // the list, not a profile
  });
  it('ignores it elsewhere, without a value, or when it is not an id', () => {
    expect(orgFilterFromHash('#/developers')).toBeNull();
    expect(orgFilterFromHash('#/developers?org=')).toBeNull();
    expect(orgFilterFromHash('#/developers?org=acme')).toBeNull();
    expect(orgFilterFromHash(`#/developers/${ORG}?org=${ORG}`)).toBeNull(); // a profile
    expect(orgFilterFromHash(`#/organizations?org=${ORG}`)).toBeNull();
    expect(orgFilterFromHash('')).toBeNull();
  });
  it('round-trips through the link the Organizations page makes', () => {
    expect(developersOfOrganizationHref(ORG)).toBe(`#/developers?org=${ORG}`);
    expect(orgFilterFromHash(developersOfOrganizationHref(ORG))).toBe(ORG);
  });
});

describe('developerName', () => {
  it('prefers the name, then the email, then nothing', () => {
    expect(developerName({ displayName: ' 山田 太郎 ', primaryEmail: 'taro@example.com' })).toEqual({ kind: 'name', text: '山田 太郎' });
    expect(developerName({ displayName: '  ', primaryEmail: 'taro@example.com' })).toEqual({ kind: 'email', text: 'taro@example.com' });
    expect(developerName({ displayName: null, primaryEmail: null })).toEqual({ kind: 'none' });
  });
});

describe('tag editing', () => {
  it('normalises width and spaces', () => {
    expect(normaliseTag('  ＶＩＰ   user ')).toBe('VIP user');
    expect(normaliseTag('   ')).toBeNull();
    expect(normaliseTag('x'.repeat(51))).toBeNull();
  });
  it('adds a new tag at the end', () => {
    expect(addTag(['vip'], ' speaker ')).toEqual({ ok: true, tags: ['vip', 'speaker'] });
  });
  it('refuses blanks, duplicates (any case or width), long tags and too many', () => {
    expect(addTag([], '  ')).toEqual({ ok: false, reason: 'empty' });
    expect(addTag(['VIP'], 'ｖｉｐ')).toEqual({ ok: false, reason: 'duplicate' });
    expect(addTag([], 'x'.repeat(51))).toEqual({ ok: false, reason: 'tooLong' });
    const fifty = Array.from({ length: 50 }, (_, i) => `t${i}`);
    expect(addTag(fifty, 'one more')).toEqual({ ok: false, reason: 'tooMany' });
  });
  it('removes exactly the tag asked', () => {
    expect(removeTag(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
  });
});

describe('relativeParts', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  it('picks a readable unit', () => {
    expect(relativeParts(now - 30_000, now)).toEqual({ value: -30, unit: 'second' });
    expect(relativeParts(now - 5 * 60_000, now)).toEqual({ value: -5, unit: 'minute' });
    expect(relativeParts(now - 3 * 3_600_000, now)).toEqual({ value: -3, unit: 'hour' });
    expect(relativeParts(now - 2 * 86_400_000, now)).toEqual({ value: -2, unit: 'day' });
    expect(relativeParts(now - 90 * 86_400_000, now)).toEqual({ value: -3, unit: 'month' });
    expect(relativeParts(now - 800 * 86_400_000, now)).toEqual({ value: -2, unit: 'year' });
  });
});

describe('developer routes', () => {
  it('round-trips a developer id through its href', () => {
    const href = developerHref('0190a4b2-1c2d-7e3f-8a9b-0c1d2e3f4a5b');
    expect(routeFromHash(href)).toBe('developers');
    expect(routeParam(href)).toBe('0190a4b2-1c2d-7e3f-8a9b-0c1d2e3f4a5b');
    expect(routeParam('#/developers')).toBeNull();
    expect(routeParam('#/merges')).toBeNull();
  });
});
