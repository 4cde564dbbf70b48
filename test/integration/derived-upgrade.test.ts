/**
 * Upgrading a database whose data predates the derived structures: the start
 * that applies the migration creating them also fills them, so the first
 * dashboards after an update agree with a rebuild instead of showing nothing.
 */
import { describe, expect, it } from 'vitest';
import { DERIVED_MIGRATION } from '../../src-main/core';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { shippedMigrationsFrom } from '../helpers/migrations';
import { useOlderDatabase } from '../helpers/older-database';
import { undoDerivedMigration } from '../helpers/older-schema';

const CSV = `occurred_at,action,source,email,display_name
2026-04-01T03:00:00Z,click,web,ann@example.com,Ann
2026-04-02T03:00:00Z,signup,console,ann@example.com,Ann
2026-04-03T03:00:00Z,view,web,ben@example.com,Ben
`;

// Back to the schema as it was before the derived migration, data kept.
const older = useOlderDatabase('derived-upgrade', {
  load: async (core, dir) => {
    expect((await importFile(core, writeCsv(dir, 'a.csv', CSV), { type: 'activities' })).status).toBe('succeeded');
  },
  undo: undoDerivedMigration,
});

describe('the start that creates the derived structures', () => {
  it('fills them from the existing data', async () => {
    const { url, start } = older();
    const core = await start();
    expect(core.migrationsApplied).toEqual(shippedMigrationsFrom(DERIVED_MIGRATION));
    const search = await queryRows<{ n: number }>(url, 'select count(*)::int as n from derived.developer_search');
    expect(search[0]!.n).toBe(2);
    const daily = await queryRows<{ n: number }>(url, 'select sum(activities)::int as n from derived.activity_daily');
    expect(daily[0]!.n).toBe(3);
    const funnel = await core.handlers['analytics:get-funnel']({ from: '2026-03-01', to: '2026-05-01' });
    if (!funnel.ok) throw new Error(funnel.error.message);
    expect(funnel.value.stages.map((s) => [s.key, s.reached])).toEqual([
      ['awareness', 2],
      ['engagement', 0],
      ['adoption', 1],
      ['advocacy', 0],
    ]);
  });
});
