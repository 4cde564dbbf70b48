import { describe, expect, it } from 'vitest';
import {
  cleanMapping,
  companionWarnings,
  isMappingValid,
  keepsUnmappedAsMetadata,
  suggestMapping,
  unmappedHeaders,
  validateMapping,
  type FieldLike,
} from '../../src-renderer/src/pages/import/mapping';

const activities: FieldLike[] = [
  { name: 'occurred_at', required: true },
  { name: 'action', required: true },
  { name: 'source', required: false },
  { name: 'provider', required: false },
  { name: 'external_user_id', required: false },
  { name: 'handle', required: false },
  { name: 'email', required: false },
  { name: 'anon_id', required: false },
];

const budgets: FieldLike[] = [
  { name: 'campaign', required: true },
  { name: 'amount', required: true },
  { name: 'spent_at', required: true },
  { name: 'memo', required: false },
];

// The formats' rules as import:list-formats gives them (test/unit/import-formats-registry.test.ts checks these in the core).
const actorSets = [['provider', 'external_user_id'], ['provider', 'handle'], ['email'], ['anon_id']];
const formats = {
  activities: { actorFieldSets: actorSets, keepsUnmapped: true },
  connpass: { actorFieldSets: [], keepsUnmapped: true },
  developers: { actorFieldSets: [], keepsUnmapped: false },
  budgets: { actorFieldSets: [], keepsUnmapped: false },
};

describe('validateMapping', () => {
  const headers = ['日時', 'アクション', 'メール', 'provider', 'handle', 'anon'];

  it('accepts every required field mapped and an actor', () => {
    const problems = validateMapping(
      formats.activities,
      activities,
      { occurred_at: '日時', action: 'アクション', email: 'メール' },
      headers,
    );
    expect(problems).toEqual({ missing: [], needsActor: false });
    expect(isMappingValid(problems)).toBe(true);
  });

  it('lists every missing required field, in the editor’s order', () => {
    const problems = validateMapping(formats.budgets, budgets, { memo: 'x' }, ['x']);
    expect(problems.missing).toEqual(['campaign', 'amount', 'spent_at']);
    expect(isMappingValid(problems)).toBe(false);
  });

  it('counts a field mapped to a header the file does not have as missing', () => {
    const problems = validateMapping(
      formats.activities,
      activities,
      { occurred_at: 'gone', action: 'アクション', email: 'メール' },
      headers,
    );
    expect(problems.missing).toEqual(['occurred_at']);
  });

  it('asks for someone who did each activity', () => {
    const base = { occurred_at: '日時', action: 'アクション' };
    expect(validateMapping(formats.activities, activities, base, headers).needsActor).toBe(true);
    // A provider alone does not say who.
    expect(validateMapping(formats.activities, activities, { ...base, provider: 'provider' }, headers).needsActor).toBe(true);
    expect(validateMapping(formats.activities, activities, { ...base, provider: 'provider', handle: 'handle' }, headers).needsActor).toBe(
      false,
    );
    expect(validateMapping(formats.activities, activities, { ...base, anon_id: 'anon' }, headers).needsActor).toBe(false);
  });

  it('asks for an actor only for activities, and only when the engine lists the actor fields', () => {
    expect(validateMapping(formats.budgets, budgets, { campaign: 'x', amount: 'x', spent_at: 'x' }, ['x']).needsActor).toBe(false);
    const renamed = activities.filter((f) => f.name !== 'anon_id');
    expect(validateMapping(formats.activities, renamed, { occurred_at: '日時', action: 'アクション' }, headers).needsActor).toBe(false);
  });
});

describe('suggestMapping', () => {
  it('keeps the preview’s suggestion where the header exists', () => {
    const mapping = suggestMapping(activities, ['日時', 'アクション', 'Mail'], {
      occurred_at: '日時',
      action: 'アクション',
      email: 'Mail',
    });
    expect(mapping).toEqual({ occurred_at: '日時', action: 'アクション', email: 'Mail' });
  });

  it('matches headers spelled like the field (case, spaces, _ and - ignored) after a type change', () => {
    const mapping = suggestMapping(budgets, ['Campaign', 'AMOUNT', 'spent-at', 'Memo '], {});
    expect(mapping).toEqual({ campaign: 'Campaign', amount: 'AMOUNT', spent_at: 'spent-at', memo: 'Memo ' });
  });

  it('drops suggestions for other fields or absent headers, and never maps one header twice', () => {
    const mapping = suggestMapping(budgets, ['campaign', 'amount'], {
      campaign: 'campaign',
      memo: 'campaign',
      spent_at: 'nope',
      occurred_at: 'amount',
    });
    expect(mapping).toEqual({ campaign: 'campaign', amount: 'amount' });
  });
});

describe('cleanMapping and unmappedHeaders', () => {
  it('sends only this type’s fields that point at real headers', () => {
    expect(cleanMapping({ campaign: 'c', amount: 'gone', occurred_at: 'c' }, budgets, ['c'])).toEqual({ campaign: 'c' });
  });

  it('lists the leftover columns in file order', () => {
    expect(unmappedHeaders(['a', 'b', 'c', 'd'], { x: 'c', y: 'a' })).toEqual(['b', 'd']);
  });

  it('keeps leftovers as metadata for activity-like files only', () => {
    expect(keepsUnmappedAsMetadata(formats.activities)).toBe(true);
    expect(keepsUnmappedAsMetadata(formats.connpass)).toBe(true);
    expect(keepsUnmappedAsMetadata(formats.developers)).toBe(false);
  });
});

describe('companionWarnings (issue 11, defect 1)', () => {
  const companions = ['resource_title', 'resource_external_id', 'resource_group'].map((when) => ({
    when,
    need: 'resource_category',
    unless: 'resource_url',
  }));
  const fields: FieldLike[] = ['resource_category', 'resource_title', 'resource_url', 'resource_group'].map((name) => ({
    name,
    required: false,
  }));
  const headers = ['resource_title', 'category', 'url', 'group'];

  it('flags a mapped field whose companion has no column, once per companion', () => {
    expect(companionWarnings({ companions }, fields, { resource_title: 'resource_title', resource_group: 'group' }, headers)).toEqual([
      { when: 'resource_title', need: 'resource_category' },
    ]);
  });

  it('is quiet when the companion, or the field that stands in for it, has a column', () => {
    expect(companionWarnings({ companions }, fields, { resource_title: 'resource_title', resource_category: 'category' }, headers)).toEqual(
      [],
    );
    expect(companionWarnings({ companions }, fields, { resource_title: 'resource_title', resource_url: 'url' }, headers)).toEqual([]);
    expect(companionWarnings({ companions }, fields, {}, headers)).toEqual([]);
    // A mapping to a header this file does not have counts as no column.
    expect(companionWarnings({ companions }, fields, { resource_title: 'resource_title', resource_category: 'gone' }, headers)).toEqual([
      { when: 'resource_title', need: 'resource_category' },
    ]);
  });
});
