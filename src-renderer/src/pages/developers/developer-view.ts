/**
 * The Developers pages' view logic, free of React so that unit tests cover it:
 * paging text, list input from the filters, names, tags, relative times.
 */
import type { ChannelInput } from '../../../../src-shared/contract/index';
import type { DeveloperSort } from '../../../../src-shared/contract/developers';

export const PAGE_SIZE = 50;
export const ACTIVITY_PAGE_SIZE = 25;

export interface DeveloperFilterState {
  q: string;
  stage: string;
  tag: string;
  provider: string;
  /** An organization's id ('' = any); set from the address (`#/developers?org=<id>`), not a form field. */
  orgId: string;
  sort: DeveloperSort;
}

export const emptyFilters: DeveloperFilterState = { q: '', stage: '', tag: '', provider: '', orgId: '', sort: 'lastActivity' };

/** The filters as the backend takes them: blanks left out, text trimmed. */
export function filterInput(filters: DeveloperFilterState): ChannelInput<'developers:export'> {
  const input: ChannelInput<'developers:export'> = { sort: filters.sort };
  const q = filters.q.trim();
  const tag = filters.tag.trim();
  if (q !== '') input.q = q;
  if (filters.stage !== '') input.stage = filters.stage;
  if (tag !== '') input.tag = tag;
  if (filters.provider !== '') input.provider = filters.provider;
  if (filters.orgId !== '') input.orgId = filters.orgId;
  return input;
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

/** The Developers list filtered by an organization. */
export function developersOfOrganizationHref(orgId: string): string {
  return `#/developers?org=${encodeURIComponent(orgId)}`;
}

export function listInput(filters: DeveloperFilterState, page: number, pageSize = PAGE_SIZE): ChannelInput<'developers:list'> {
  return { ...filterInput(filters), page, pageSize };
}

/** Whether anything narrows the list (the sort alone does not). */
export function hasActiveFilters(filters: DeveloperFilterState): boolean {
  return filters.q.trim() !== '' || filters.stage !== '' || filters.tag.trim() !== '' || filters.provider !== '' || filters.orgId !== '';
}

export interface PageRange {
  /** 1-based first row shown, 0 when there is none. */
  from: number;
  to: number;
  total: number;
  page: number;
  lastPage: number;
  hasPrev: boolean;
  hasNext: boolean;
}

/** "51–100 of 1,234" and whether prev/next make sense; a page past the end is clamped. */
export function pageRange(page: number, pageSize: number, total: number): PageRange {
  const lastPage = Math.max(0, Math.ceil(total / pageSize) - 1);
  const current = Math.min(Math.max(0, page), lastPage);
  const from = total === 0 ? 0 : current * pageSize + 1;
  const to = Math.min(total, (current + 1) * pageSize);
  return { from, to, total, page: current, lastPage, hasPrev: current > 0, hasNext: current < lastPage };
}

export type NameView = { kind: 'name' | 'email'; text: string } | { kind: 'none' };

/** What to call a developer: the name, else the email, else nothing (the UI says "(no name)"). */
export function developerName(dev: { displayName: string | null; primaryEmail: string | null }): NameView {
  const name = dev.displayName?.trim();
  if (name) return { kind: 'name', text: name };
  const email = dev.primaryEmail?.trim();
  if (email) return { kind: 'email', text: email };
  return { kind: 'none' };
}

export const MAX_TAG_LENGTH = 50;
export const MAX_TAGS = 50;

/** A tag as stored: NFKC (full-width letters become ASCII), trimmed, inner spaces collapsed; null if unusable. */
export function normaliseTag(raw: string): string | null {
  const tag = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
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

export type RelativeUnit = 'second' | 'minute' | 'hour' | 'day' | 'month' | 'year';

/** The unit a relative time reads best in: "3 hours ago", "2 months ago". Negative is the past. */
export function relativeParts(thenMs: number, nowMs: number): { value: number; unit: RelativeUnit } {
  const diff = (thenMs - nowMs) / 1000;
  const abs = Math.abs(diff);
  const round = (n: number) => Math.round(n) || 0;
  if (abs < 60) return { value: round(diff), unit: 'second' };
  if (abs < 3600) return { value: round(diff / 60), unit: 'minute' };
  if (abs < 86_400) return { value: round(diff / 3600), unit: 'hour' };
  if (abs < 30 * 86_400) return { value: round(diff / 86_400), unit: 'day' };
  if (abs < 365 * 86_400) return { value: round(diff / (30 * 86_400)), unit: 'month' };
  return { value: round(diff / (365 * 86_400)), unit: 'year' };
}

/** A parsed ISO time, or null for a missing or unreadable one. */
export function parseTime(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}
