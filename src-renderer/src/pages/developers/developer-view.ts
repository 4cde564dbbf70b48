/**
 * The Developers pages' view logic, free of React so that unit tests cover it:
 * list input from the filters and the address, tags.
 */
import type { ChannelInput } from '../../../../src-shared/contract/index';
import type { DeveloperSort } from '../../../../src-shared/contract/developers';
import { foldTag, MAX_TAG_LENGTH, MAX_TAGS } from '../../../../src-shared/tags';

export const PAGE_SIZE = 50;
export const ACTIVITY_PAGE_SIZE = 25;

export interface DeveloperFilterState {
  q: string;
  stage: string;
  tag: string;
  provider: string;
  /** An organization's id ('' = any); set from the address (`#/developers?org=<id>`, the Organizations page links so), not a form field. */
  orgId: string;
  sort: DeveloperSort;
  /** The sort's other direction. */
  reverse: boolean;
}

export const emptyFilters: DeveloperFilterState = {
  q: '',
  stage: '',
  tag: '',
  provider: '',
  orgId: '',
  sort: 'lastActivity',
  reverse: false,
};

/** The filters as the backend takes them: blanks left out, text trimmed. */
export function filterInput(filters: DeveloperFilterState): ChannelInput<'developers:export'> {
  const input: ChannelInput<'developers:export'> = { sort: filters.sort };
  if (filters.reverse) input.reverse = true;
  const q = filters.q.trim();
  const tag = filters.tag.trim();
  if (q !== '') input.q = q;
  if (filters.stage !== '') input.stage = filters.stage;
  if (tag !== '') input.tag = tag;
  if (filters.provider !== '') input.provider = filters.provider;
  if (filters.orgId !== '') input.orgId = filters.orgId;
  return input;
}

/** The filters alone (no sort), as a bulk tag edit takes them. */
export function bulkFilterInput(filters: DeveloperFilterState): ChannelInput<'developers:tag-filtered'>['filters'] {
  const { sort: _sort, reverse: _reverse, ...where } = filterInput(filters);
  return where;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The organization the Developers list is filtered by, from the address:
 * `#/developers?org=<uuid>` → the id (lower case); anything else → null
 * (a profile, no `org`, or a value that is not an id, which the backend
 * would refuse).
 */
export function orgFilterFromHash(hash: string): string | null {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  if (path !== 'developers') return null;
  const org = new URLSearchParams(query).get('org')?.trim() ?? '';
  return UUID.test(org) ? org.toLowerCase() : null;
}

export function listInput(filters: DeveloperFilterState, page: number, pageSize = PAGE_SIZE): ChannelInput<'developers:list'> {
  return { ...filterInput(filters), page, pageSize };
}

/** Whether anything narrows the list (the sort alone does not). */
export function hasActiveFilters(filters: DeveloperFilterState): boolean {
  return filters.q.trim() !== '' || filters.stage !== '' || filters.tag.trim() !== '' || filters.provider !== '' || filters.orgId !== '';
}

export { MAX_TAG_LENGTH, MAX_TAGS };

/** A tag as stored (src-shared/tags.ts); null if unusable. */
export function normaliseTag(raw: string): string | null {
  const tag = foldTag(raw);
  if (tag === '' || tag.length > MAX_TAG_LENGTH) return null;
  return tag;
}

export type TagEdit = { ok: true; tags: string[] } | { ok: false; reason: 'empty' | 'tooLong' | 'duplicate' | 'tooMany' };

/** Adds a tag unless it is blank, too long, already there (case-insensitively) or one too many. */
export function addTag(tags: readonly string[], raw: string): TagEdit {
  const trimmed = raw.normalize('NFKC').trim();
  if (trimmed === '') return { ok: false, reason: 'empty' };
  const tag = normaliseTag(trimmed);
  if (tag === null) return { ok: false, reason: 'tooLong' };
  if (tags.some((t) => t.toLowerCase() === tag.toLowerCase())) return { ok: false, reason: 'duplicate' };
  if (tags.length >= MAX_TAGS) return { ok: false, reason: 'tooMany' };
  return { ok: true, tags: [...tags, tag] };
}

export function removeTag(tags: readonly string[], tag: string): string[] {
  return tags.filter((t) => t !== tag);
}
