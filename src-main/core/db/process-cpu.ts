/**
 * CPU time a process of this machine has spent, from /proc/<pid>/schedstat
 * (first field: ns on CPU). On a shared machine wall times move several-fold
 * with the load while CPU time barely does, so the import trace and the
 * benchmarks report a PostgreSQL backend's CPU beside wall time.
 */
import { readFileSync } from 'node:fs';

/** ns on CPU so far; undefined when the process is gone or not on this machine (a remote server). */
export function processCpuNs(pid: number): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return undefined;
  }
}
