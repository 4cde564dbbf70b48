/**
 * Upgrading a database at 0004 (the funnel in derived.developer_funnel and
 * developer_funnel_dim) to 0005_derived_v3: the start that applies it drops
 * the old tables and builds the bitsets from the existing data, so the
 * funnel, its filters and lists, and the overview answer as before the
 * update, and nothing of the user's data is lost.
 */
import { describe, expect, it } from 'vitest';
import { loadFunnelData, observeFunnel } from '../helpers/funnel-data';
import { queryRows } from '../helpers/imports';
import { shippedMigrationsFrom } from '../helpers/migrations';
import { useOlderDatabase } from '../helpers/older-database';
import { DERIVED_V3_MIGRATION, undoDerivedV3Migration } from '../helpers/older-schema';

const older = useOlderDatabase('funnel-bits-upgrade', { load: loadFunnelData, observe: observeFunnel, undo: undoDerivedV3Migration });

describe('the start that applies 0005_derived_v3', () => {
  it('replaces developer_funnel and developer_funnel_dim by funnel_bits built from the existing data', async () => {
    const { url, before, start } = older();
    expect(await queryRows(url, "select to_regclass('derived.funnel_bits') as t")).toEqual([{ t: null }]);
    const core = await start();
    expect(core.migrationsApplied).toEqual(shippedMigrationsFrom(DERIVED_V3_MIGRATION));
    expect(
      await queryRows(url, "select to_regclass('derived.developer_funnel') as a, to_regclass('derived.developer_funnel_dim') as b"),
    ).toEqual([{ a: null, b: null }]);
    const built = await queryRows<{ bits: number; numbered: number }>(
      url,
      'select (select count(*)::int from derived.funnel_bits) as bits, (select count(*)::int from app.developer_number) as numbered',
    );
    expect(built[0]!.bits).toBeGreaterThan(0);
    expect(built[0]!.numbered).toBe(before.counts[0]!.developers);
    const after = await observeFunnel(core, url);
    expect(after).toEqual(before);
    // The comparison is not vacuous: the funnel had developers, and so did a filtered one.
    expect(after.funnels[0]![0]![1]).toBeGreaterThan(0);
    expect(after.funnels[2]![0]![1]).toBeGreaterThan(0);
  });
});
