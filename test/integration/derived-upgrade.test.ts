/**
 * Upgrading a database whose data predates the derived structures: the start
 * that applies the migration creating them also fills them, so the first
 * dashboards after an update agree with a rebuild instead of showing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, DERIVED_MIGRATION, type Core } from '../../src-main/core';
import { createTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { undoDerivedMigration } from '../helpers/older-schema';
import { makeTempDir } from '../helpers/temp';
import { shippedMigrationsFrom } from '../helpers/migrations';

const CSV = `occurred_at,action,source,email,display_name
2026-04-01T03:00:00Z,click,web,ann@example.com,Ann
2026-04-02T03:00:00Z,signup,console,ann@example.com,Ann
2026-04-03T03:00:00Z,view,web,ben@example.com,Ben
`;

let url: string;
let drop: () => Promise<void>;
let core: Core | undefined;
const dir = makeTempDir('derived-upgrade');

beforeAll(async () => {
  ({ url, drop } = await createTestDatabase());
  const first = await startCore({ databaseUrl: url });
  try {
    expect((await importFile(first, writeCsv(dir.path, 'a.csv', CSV), { type: 'activities' })).status).toBe('succeeded');
  } finally {
    await first.stop();
  }
  // Back to the schema as it was before the derived migration, data kept.
  await undoDerivedMigration(url);
});
afterAll(async () => {
  await core?.stop();
  await drop?.();
  dir.remove();
});

describe('the start that creates the derived structures', () => {
  it('fills them from the existing data', async () => {
    core = await startCore({ databaseUrl: url });
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
