/**
 * Hash joins for a statement over many rows, whatever the statistics say.
 * Inside a refresh the statistics describe the tables as they were before
 * this transaction wrote them: right after a bulk import, or after a refresh
 * deleted the rows it is about to write again. The planner then takes a
 * join's output for one row and nests a loop over it, which walks a million
 * rows through per-row lookups or, with no index to probe, rescans a table
 * per row: attribution's conversions of 55k developers at 1M activities ran
 * past two minutes that way, 0.7 s with a hash join (README, "Attribution
 * on a later import").
 */
import type { Db } from '../db/db';
import { tracedClient } from '../db/trace';

/**
 * Runs `read` with nested loops off when `many` rows are read; the setting is
 * local to `read` (the previous value is put back after it) and to the
 * transaction (a failure rolls it back with everything else).
 */
export async function withHashJoins<T>(db: Db, many: boolean, read: () => Promise<T>): Promise<T> {
  if (!many) return read();
  const c = tracedClient(db);
  const { was } = (
    await c.query<{ was: string }>("select current_setting('enable_nestloop') as was, set_config('enable_nestloop', 'off', true)")
  ).rows[0]!;
  const result = await read();
  await c.query("select set_config('enable_nestloop', $1, true)", [was]);
  return result;
}
