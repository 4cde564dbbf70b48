import { describe, expect, it } from 'vitest';
import { ALL_TABLES, readsChangedTables } from '../../src-renderer/src/queries/invalidation';

describe('readsChangedTables', () => {
  it('invalidates a query that reads one of the changed tables', () => {
    expect(readsChangedTables(['developers', 'accounts'], ['activities', 'accounts'])).toBe(true);
  });

  it('leaves a query alone when none of its tables changed', () => {
    expect(readsChangedTables(['campaigns', 'budgets'], ['activities', 'developer_stats'])).toBe(false);
  });

  it('invalidates a query that reads every table on any change', () => {
    expect(readsChangedTables(ALL_TABLES, ['notifications'])).toBe(true);
  });

  it('treats a query without declared tables as reading everything', () => {
    expect(readsChangedTables(undefined, ['tenants'])).toBe(true);
  });

  it('does nothing when the event names no table', () => {
    expect(readsChangedTables(ALL_TABLES, [])).toBe(false);
    expect(readsChangedTables(undefined, [])).toBe(false);
    expect(readsChangedTables(['developers'], [])).toBe(false);
  });

  it('matches table names exactly, not by prefix', () => {
    expect(readsChangedTables(['developer_stats'], ['developers'])).toBe(false);
  });
});
