/**
 * What a step cost the server in write-ahead log: bytes of WAL and the
 * checkpoints it caused, from the server's cumulative statistics read before
 * and after. Unlike seconds, these do not move with the machine's load, so
 * bench:import prints them beside its timings (the import against its COPY
 * baseline, and one server configuration against another).
 */
import pg from 'pg';

export interface WalState {
  bytes: number;
  checkpoints: number;
}

/** The server's WAL bytes and checkpoints so far (PostgreSQL 17+ counts checkpoints in pg_stat_checkpointer). */
export async function walState(url: string): Promise<WalState> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const major = Number((await client.query<{ v: string }>("select current_setting('server_version_num') as v")).rows[0]!.v) / 10000;
    const checkpoints =
      major >= 17
        ? 'select num_timed + num_requested as n from pg_stat_checkpointer'
        : 'select checkpoints_timed + checkpoints_req as n from pg_stat_bgwriter';
    const { rows } = await client.query<{ bytes: string; n: string }>(
      `select (select wal_bytes from pg_stat_wal)::text as bytes, (${checkpoints})::text as n`,
    );
    return { bytes: Number(rows[0]!.bytes), checkpoints: Number(rows[0]!.n) };
  } finally {
    await client.end();
  }
}

/** "3.1 GB of WAL, 4 checkpoints" between two states. */
export function walSince(before: WalState, after: WalState): string {
  const gb = (after.bytes - before.bytes) / 1024 ** 3;
  const checkpoints = after.checkpoints - before.checkpoints;
  return `${gb.toFixed(2)} GB of WAL, ${checkpoints} checkpoint${checkpoints === 1 ? '' : 's'}`;
}
