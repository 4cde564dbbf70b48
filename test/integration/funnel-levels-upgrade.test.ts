/**
 * Upgrading a database at 0012 (funnel_bits rows at all ten day-tree levels)
 * to 0013_funnel_stored_levels: the start that applies it deletes the rows of
 * the levels no longer stored and rebuilds nothing, as the rows it keeps are
 * already those today's refresh writes; the funnel, its filters and lists and
 * the overview answer as before.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core';
import { STORED_LEVELS } from '../../src-main/core/derived/funnel-nodes';
import { loadFunnelData, observeFunnel } from '../helpers/funnel-data';
import { queryRows } from '../helpers/imports';
import { shippedMigrationsFrom } from '../helpers/migrations';
import { useOlderDatabase } from '../helpers/older-database';
import { FUNNEL_LEVELS_MIGRATION, undoFunnelLevelsMigration } from '../helpers/older-schema';

const ROWS_SQL = `select dim, stage, node, chunk, bits is null as listed, members, coalesce(bit_count(bits), cardinality(members))::int as held
                    from derived.funnel_bits order by dim, stage, node, chunk`;

async function observed(on: Core, url: string) {
  return { answers: await observeFunnel(on, url), rows: await queryRows(url, ROWS_SQL) };
}

let restored = 0;
const older = useOlderDatabase('funnel-levels-upgrade', {
  load: loadFunnelData,
  observe: observed,
  undo: async (url) => void (restored = await undoFunnelLevelsMigration(url)),
});

describe('the start that applies 0013_funnel_stored_levels', () => {
  it('keeps every answer and leaves exactly the rows of the stored levels that a refresh writes', async () => {
    const { url, before } = older();
    // Today's refresh writes stored levels only (and node −1, every counted developer).
    const levels = before.rows.map((r) => Math.floor((r.node as number) / 100_000)).filter((l) => l >= 0);
    expect(new Set(levels)).toEqual(new Set(STORED_LEVELS));
    // At 0012: the other levels too.
    expect(restored).toBeGreaterThan(0);
    expect(await queryRows(url, 'select count(*)::int as n from derived.funnel_bits')).toEqual([{ n: before.rows.length + restored }]);
    const core = await older().start();
    expect(core.migrationsApplied).toEqual(shippedMigrationsFrom(FUNNEL_LEVELS_MIGRATION));
    expect(await queryRows(url, ROWS_SQL)).toEqual(before.rows);
    expect(await observeFunnel(core, url)).toEqual(before.answers);
    expect(before.answers.funnels[0]![0]![1]).toBeGreaterThan(0);
  });
});
