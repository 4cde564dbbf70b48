/**
 * Hash joins for a statement over many rows, whatever the statistics say.
 * Inside a refresh the statistics describe the tables as they were before
 * this transaction wrote them: right after a bulk import, or after a refresh
 * deleted the rows it is about to write again. The planner then takes a
 * join's output for one row and nests a loop over it, which walks a million
 * rows through per-row lookups or, with no index to probe, rescans a table
 * per row: attribution's conversions of 55k developers at 1M activities ran
 * past two minutes that way, 0.7 s with a hash join (README, "Attribution
 * on a later import"). An import's stage is never analysed at all: there a
 * merge join sorted a million staged rows to join a few thousand
 * (imports/load/activity-resolve.ts).
 */
import type { Db } from '../db/db';
import { tracedClient } from '../db/trace';

/**
 * Runs `read` with nested loops off when `many` rows are read, and merge
 * joins off too unless `mergeJoins`; each setting is local to `read` (its
 * previous value is put back after it) and to the transaction (a failure
 * rolls it back with everything else).
 */
export async function withHashJoins<T>(db: Db, many: boolean, read: () => Promise<T>, { mergeJoins = true } = {}): Promise<T> {
  const off = [...(many ? ['enable_nestloop'] : []), ...(mergeJoins ? [] : ['enable_mergejoin'])];
  if (off.length === 0) return read();
  const c = tracedClient(db);
  const set = (value: (i: number) => string) => off.map((_, i) => `set_config($${i + 1}, ${value(i)}, true)`).join(', ');
  const { was } = (
    await c.query<{ was: string[] }>(
      `select array[${off.map((_, i) => `current_setting($${i + 1})`).join(', ')}] as was, ${set(() => "'off'")}`,
      off,
    )
  ).rows[0]!;
  const result = await read();
  await c.query(`select ${set((i) => `$${off.length + i + 1}`)}`, [...off, ...was]);
  return result;
}
