/**
 * Upgrading a database at 0006 (every funnel_bits row a 65,536-bit bitset) to
 * 0007_funnel_sparse: the migration empties the funnel's rows and the start
 * that applies it rebuilds them, each row holding at most 1,024 developers
 * as the sorted list of its members, so the funnel, its filters and lists,
 * and the overview answer as before, and the rows are exactly those today's
 * refresh writes.
 */
import { describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core';
import { loadFunnelData, observeFunnel } from '../helpers/funnel-data';
import { queryRows } from '../helpers/imports';
import { shippedMigrationsFrom } from '../helpers/migrations';
import { useOlderDatabase } from '../helpers/older-database';
import { FUNNEL_SPARSE_MIGRATION, undoFunnelSparseMigration } from '../helpers/older-schema';

const ROWS_SQL = `select dim, stage, node, chunk, bits is null as listed, members, coalesce(bit_count(bits), cardinality(members))::int as held
                    from derived.funnel_bits order by dim, stage, node, chunk`;

async function observed(on: Core, url: string) {
  return { answers: await observeFunnel(on, url), rows: await queryRows(url, ROWS_SQL) };
}

const older = useOlderDatabase('funnel-sparse-upgrade', { load: loadFunnelData, observe: observed, undo: undoFunnelSparseMigration });

describe('the start that applies 0007_funnel_sparse', () => {
  it('keeps every answer and turns the small bitsets into the lists a refresh writes', async () => {
    const { url, before, start } = older();
    // At 0006: bitsets only.
    expect(await queryRows(url, 'select count(*)::int as n from derived.funnel_bits where bit_count(bits) > 0')).toEqual([
      { n: before.rows.length },
    ]);
    const core = await start();
    expect(core.migrationsApplied).toEqual(shippedMigrationsFrom(FUNNEL_SPARSE_MIGRATION));
    expect(await queryRows(url, ROWS_SQL)).toEqual(before.rows);
    expect(await observeFunnel(core, url)).toEqual(before.answers);
    // Not vacuous: rows of several developers became lists, and the funnel had developers.
    expect(before.rows.filter((r) => r.listed && (r.held as number) > 1).length).toBeGreaterThan(0);
    expect(before.answers.funnels[0]![0]![1]).toBeGreaterThan(0);
  });
});
