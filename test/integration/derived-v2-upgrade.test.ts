/**
 * Upgrading a database at 0003 (ROI touches in derived.conversion_touches) to
 * 0004_derived_v2: the start that applies it drops the old table and fills
 * roi_steps from the existing data, so ROI under every model answers as
 * before the update, and nothing of the user's data is lost.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core';
import { loadCampaignData } from '../helpers/campaign-data';
import { queryRows } from '../helpers/imports';
import { call } from '../helpers/merges';
import { shippedMigrationsFrom } from '../helpers/migrations';
import { useOlderDatabase } from '../helpers/older-database';
import { DERIVED_V2_MIGRATION, undoDerivedV2Migration } from '../helpers/older-schema';

const QUERIES = [
  { model: 'first', lookbackDays: 90 },
  { model: 'last', lookbackDays: 3 },
  { model: 'linear', lookbackDays: 31 },
] as const;

/** What the user sees and owns: ROI under several models, and row counts of the spec's tables. */
async function observed(on: Core, url: string) {
  const roi = [];
  for (const q of QUERIES) roi.push((await call(on, 'campaigns:get-roi', q)).campaigns.map((c) => [c.campaign, c.actions, c.conversions]));
  const counts = await queryRows(
    url,
    `select (select count(*)::int from activities) as activities, (select count(*)::int from developers) as developers,
            (select count(*)::int from activity_campaigns) as attributions, (select count(*)::int from budgets) as budgets`,
  );
  return { roi, counts };
}

const older = useOlderDatabase('derived-v2-upgrade', { load: loadCampaignData, observe: observed, undo: undoDerivedV2Migration });

describe('the start that applies 0004_derived_v2', () => {
  it('replaces conversion_touches by roi_steps built from the existing data', async () => {
    const { url, before, start } = older();
    expect(await queryRows(url, "select to_regclass('derived.roi_steps') as t")).toEqual([{ t: null }]);
    const core = await start();
    expect(core.migrationsApplied).toEqual(shippedMigrationsFrom(DERIVED_V2_MIGRATION));
    expect(await queryRows(url, "select to_regclass('derived.conversion_touches') as t")).toEqual([{ t: null }]);
    const steps = await queryRows<{ n: number }>(url, 'select count(*)::int as n from derived.roi_steps');
    expect(steps[0]!.n).toBeGreaterThan(0);
    const after = await observed(core, url);
    expect(after).toEqual(before);
    // Multi-touch credit is in what is compared: fractional credit under linear.
    expect(after.roi[2]!.some(([, actions]) => !Number.isInteger(actions))).toBe(true);
  });
});
