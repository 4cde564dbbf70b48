/**
 * Server CPU time beside wall time: on a shared 2-core machine wall times
 * move 3–6× with the load, while the CPU a backend spent on a statement
 * barely does. Read from /proc/<pid>/schedstat (first field: ns on CPU) of
 * every backend of the app's pool (application_name), summed before and
 * after the measured call. Only when PostgreSQL runs on this machine (the
 * embedded server, or a local external one); otherwise null, and the
 * benchmark prints wall time alone.
 */
import type { SqlClient } from '../src-main/core/db/db';
import { processCpuNs as cpuNs } from '../src-main/core/db/process-cpu';

/** The pool's application_name (db/client.ts). */
const APP = 'drm-desktop';

export interface CpuSample {
  byPid: Map<number, number>;
}

/** CPU ns so far of each of the app's backends; null when they cannot be read here. */
export async function sampleServerCpu(client: SqlClient): Promise<CpuSample | null> {
  const { rows } = await client.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1', [APP]);
  const byPid = new Map<number, number>();
  for (const { pid } of rows) {
    const ns = cpuNs(pid);
    if (ns !== undefined) byPid.set(pid, ns);
  }
  return rows.length > 0 && byPid.size === 0 ? null : { byPid };
}

/**
 * Milliseconds of server CPU between two samples: backends present in both
 * count their difference, backends that appeared in between all of theirs
 * (a pool connection opened for the call). Null when either sample is.
 */
export async function serverCpuSince(client: SqlClient, before: CpuSample | null): Promise<number | null> {
  const after = await sampleServerCpu(client);
  if (!before || !after) return null;
  let ns = 0;
  for (const [pid, now] of after.byPid) ns += now - (before.byPid.get(pid) ?? 0);
  return ns / 1e6;
}
