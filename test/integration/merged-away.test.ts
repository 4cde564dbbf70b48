/**
 * derived.merged_away: who is merged into whom, kept by merge and unmerge
 * beside their log rows and filled from the log by the upgrade that adds it
 * (migration 0012). A database at 0011 with three merges — one undone, one
 * active, one of a developer merged again after its undo — starts on the new
 * code with exactly the log's answer, equal to a rebuild; then merges and
 * unmerges keep it so, and deleting a merged-away developer's log (the spec
 * cascades it from either developer) takes its row.
 */
import { describe, expect, it } from 'vitest';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, developerId } from '../helpers/merges';
import { rebuildChanges } from '../helpers/derived';
import { shippedMigrationsFrom } from '../helpers/migrations';
import { useOlderDatabase } from '../helpers/older-database';
import { MERGED_AWAY_MIGRATION, undoMergedAwayMigration } from '../helpers/older-schema';

const PEOPLE = ['display_name,email', 'A,a@a.example', 'B,b@b.example', 'C,c@c.example', 'D,d@d.example', 'E,e@e.example'];

const ROWS = 'select developer_id, into_developer_id, merge_id from derived.merged_away order by developer_id';

interface Ids {
  [email: string]: string;
}

const older = useOlderDatabase<{ ids: Ids; merges: Record<string, string> }>('merged-away', {
  load: async (core, dir) => {
    expect(await importFile(core, writeCsv(dir, 'people.csv', PEOPLE.join('\n') + '\n'), { type: 'developers' })).toMatchObject({
      status: 'succeeded',
    });
  },
  observe: async (core, url) => {
    const ids: Ids = {};
    for (const who of ['a', 'b', 'c', 'd', 'e']) ids[who] = await developerId(url, `${who}@${who}.example`);
    // B into A, undone; then B into C, active. D into E, active.
    const undone = (await call(core, 'developers:merge', { intoId: ids.a!, fromId: ids.b! })).mergeId;
    await call(core, 'developers:unmerge', { mergeId: undone });
    const bc = (await call(core, 'developers:merge', { intoId: ids.c!, fromId: ids.b! })).mergeId;
    const de = (await call(core, 'developers:merge', { intoId: ids.e!, fromId: ids.d! })).mergeId;
    return { ids, merges: { undone, bc, de } };
  },
  undo: undoMergedAwayMigration,
});

describe('derived.merged_away', () => {
  it('is filled from the log by the upgrade, kept by merges and unmerges, and equal to a rebuild', async () => {
    const { url, start, before } = older();
    const { ids, merges } = before;
    expect(await queryRows(url, "select to_regclass('derived.merged_away') as t")).toEqual([{ t: null }]);
    const core = await start();
    expect(core.migrationsApplied).toEqual(shippedMigrationsFrom(MERGED_AWAY_MIGRATION));
    const expected = [
      { developer_id: ids.b, into_developer_id: ids.c, merge_id: merges.bc },
      { developer_id: ids.d, into_developer_id: ids.e, merge_id: merges.de },
    ].sort((x, y) => x.developer_id!.localeCompare(y.developer_id!));
    expect(await queryRows(url, ROWS)).toEqual(expected);
    expect(await rebuildChanges(url)).toEqual([]);
    // The lists read it: B and D are hidden.
    const visible = await call(core, 'developers:list', { pageSize: 50 });
    expect(visible.rows.map((r) => r.developerId).sort()).toEqual([ids.a, ids.c, ids.e].sort());

    // Undo D into E, merge A into E: kept as they go.
    await call(core, 'developers:unmerge', { mergeId: merges.de! });
    const ae = (await call(core, 'developers:merge', { intoId: ids.e!, fromId: ids.a! })).mergeId;
    expect(await queryRows(url, ROWS)).toEqual(
      [
        { developer_id: ids.a, into_developer_id: ids.e, merge_id: ae },
        { developer_id: ids.b, into_developer_id: ids.c, merge_id: merges.bc },
      ].sort((x, y) => x.developer_id!.localeCompare(y.developer_id!)),
    );
    expect(await rebuildChanges(url)).toEqual([]);

    // A merge's log goes with either developer (the spec cascades it): so does its row.
    await queryRows(url, 'delete from developer_merge_logs where merge_id = $1', [ae]);
    expect(await queryRows(url, ROWS)).toEqual([{ developer_id: ids.b, into_developer_id: ids.c, merge_id: merges.bc }]);
  });
});
