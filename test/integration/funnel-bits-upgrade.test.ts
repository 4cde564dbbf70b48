/**
 * Upgrading a database at 0004 (the funnel in derived.developer_funnel and
 * developer_funnel_dim) to 0005_derived_v3: the start that applies it drops
 * the old tables and builds the bitsets from the existing data, so the
 * funnel, its filters and lists, and the overview answer as before the
 * update, and nothing of the user's data is lost.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core';
import { APRIL, loadFunnelData } from '../helpers/funnel-data';
import { queryRows } from '../helpers/imports';
import { call } from '../helpers/merges';
import { shippedMigrationsFrom } from '../helpers/migrations';
import { useOlderDatabase } from '../helpers/older-database';
import { DERIVED_V3_MIGRATION, undoDerivedV3Migration } from '../helpers/older-schema';

/** What the user sees and owns: the funnel unfiltered and per filter, a stage's developers, the overview, row counts. */
async function observed(on: Core, url: string) {
  const [spring] = await queryRows<{ id: string }>(url, "select campaign_id as id from campaigns where name = 'Spring'");
  const funnels = [];
  for (const filter of [{}, { source: 'web' }, { campaignId: spring!.id }, { campaignId: spring!.id, source: 'web' }]) {
    const report = await call(on, 'analytics:get-funnel', { ...APRIL, ...filter });
    funnels.push(report.stages.map((s) => [s.key, s.reached, s.atOrBeyond]));
  }
  const listed = await call(on, 'analytics:list-funnel-developers', { ...APRIL, stageKey: 'awareness', mode: 'atOrBeyond' });
  const overview = await call(on, 'analytics:get-overview', { ...APRIL, bucket: 'week' });
  const counts = await queryRows(
    url,
    `select (select count(*)::int from activities) as activities, (select count(*)::int from developers) as developers,
            (select count(*)::int from activity_campaigns) as attributions`,
  );
  return {
    funnels,
    listed: listed.rows.map((r) => [r.displayName, r.stage]),
    overview: [overview.developers, overview.activeDevelopers],
    counts,
  };
}

const older = useOlderDatabase('funnel-bits-upgrade', { load: loadFunnelData, observe: observed, undo: undoDerivedV3Migration });

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
    const after = await observed(core, url);
    expect(after).toEqual(before);
    // The comparison is not vacuous: the funnel had developers, and so did a filtered one.
    expect(after.funnels[0]![0]![1]).toBeGreaterThan(0);
    expect(after.funnels[2]![0]![1]).toBeGreaterThan(0);
  });
});
