import { describe, expect, it } from 'vitest';
import { events } from '../../src-shared/contract/events';
import { tableNames } from '../../src-shared/contract/tables';
import { schemaTables, tableNameOf } from '../../src-main/core/db/tables';
import { developerSearch, tenantSettings } from '../../src-main/core/db/schema-app';
import { activities } from '../../src-main/core/db/schema';
import { DERIVED_TABLE_NAMES } from '../../src-main/core/derived/tables';
import { REBUILT_TABLES } from '../../src-main/core/analytics/rebuild';

// The compiler already proves the list equals the schema (core/db/tables.ts); this checks the running code agrees.
describe('table names', () => {
  it('lists every table of the schema once, and nothing else', () => {
    const fromSchema = schemaTables().map(tableNameOf);
    expect(new Set(tableNames).size).toBe(tableNames.length);
    expect([...fromSchema].sort()).toEqual([...tableNames].sort());
    expect(tableNames.filter((name) => !name.includes('.'))).toHaveLength(25);
  });

  it('qualifies the app’s own schemas and leaves public unqualified', () => {
    expect(tableNameOf(activities)).toBe('activities');
    expect(tableNameOf(tenantSettings)).toBe('app.tenant_settings');
    expect(tableNameOf(developerSearch)).toBe('derived.developer_search');
  });

  it('refuses a name that is not a table in db:changed', () => {
    const changed = (table: string) => events['db:changed'].safeParse({ tables: [table] }).success;
    expect(changed('derived.developer_search')).toBe(true);
    expect(changed('developer_search')).toBe(false);
    expect(changed('tenant_settings')).toBe(false);
  });

  it('announces the same derived tables after a settings change, a rebuild and a restore', () => {
    for (const name of tableNames.filter((n) => n.startsWith('derived.'))) expect(DERIVED_TABLE_NAMES).toContain(name);
    expect(REBUILT_TABLES).toEqual(expect.arrayContaining([...DERIVED_TABLE_NAMES, 'developer_stats']));
  });
});
