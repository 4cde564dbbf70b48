/**
 * Opt-in timing of import and refresh steps (DRM_IMPORT_TRACE=1), printed to
 * stderr: the benchmark's way to see where an import spends its time.
 *
 * On a loaded machine wall times move several-fold; CPU time barely does. So
 * each line also gives the CPU used so far by this Node process and by the
 * import's backend (traceBackend; read from /proc when the server runs on
 * this machine): the difference between two lines is the CPU of what ran
 * between them.
 *
 * And the memory of this process at that point (MB): rss now and its peak so
 * far (the kernel's high-water mark, getrusage: free to read, and it catches
 * a peak inside a step that the figures at its end no longer show), both
 * counting the parse workers (worker threads of this process); heap and ext
 * (external, of which arrayBuffers is part) are the main thread's. The step
 * that sets the import's peak is the one after which "peak" rises.
 */
import type { QueryResult, QueryResultRow } from 'pg';
import type { Db, SqlClient } from './db';
import { processCpuNs } from './process-cpu';

const enabled = process.env.DRM_IMPORT_TRACE === '1';
let backendPid: number | undefined;

/** The server process whose CPU the trace reports (the import's connection); undefined to stop. */
export function traceBackend(pid: number | undefined): void {
  backendPid = pid;
}

function cpuSoFar(): string {
  const node = process.cpuUsage();
  // Not on this machine, or gone: the node figure alone.
  const ns = backendPid === undefined ? undefined : processCpuNs(backendPid);
  const server = ns === undefined ? '' : `, server ${Math.round(ns / 1e6)}`;
  return ` (cpu so far: node ${Math.round((node.user + node.system) / 1000)}${server})`;
}

const mb = (bytes: number) => Math.round(bytes / 1048576);

function memoryNow(): string {
  const m = process.memoryUsage();
  const peak = process.resourceUsage().maxRSS * 1024; // kB
  return ` [mem MB: rss ${mb(m.rss)}, peak ${mb(peak)}, heap ${mb(m.heapUsed)}, ext ${mb(m.external)}, ab ${mb(m.arrayBuffers)}]`;
}

export function traceStep(name: string, startedAt: number): void {
  if (enabled) process.stderr.write(`[import] ${name}: ${Math.round(performance.now() - startedAt)} ms${cpuSoFar()}${memoryNow()}\n`);
}

/** `db`'s connection as a `SqlClient` whose statements are timed and labelled by their first words when tracing. */
export function tracedClient(db: Db): SqlClient {
  const client = db.$client;
  const query = async <T extends QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<T>> => {
    const started = performance.now();
    const result = await client.query<T>(text, values);
    traceStep(text.trim().replace(/\s+/g, ' ').slice(0, 70), started);
    return result;
  };
  // Only text statements pass through here; pg's other overloads (configs, COPY streams) are never used on it.
  return { query } as SqlClient;
}
