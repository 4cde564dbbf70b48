/**
 * Asks V8 for a full garbage collection now, where an import has just let go
 * of a large structure (identity resolution's, activity-resolve.ts) and what
 * follows is long SQL, not JavaScript.
 *
 * Why: V8 starts its next full collection when the old generation reaches a
 * limit set at the last one, up to four times what was alive then. The last
 * one runs during identity resolution, with its structures alive (168 MB at
 * 1M rows), and Node does not collect while it waits on the database. So the
 * derived refresh began on top of resolution's dead structures (heap 240 MB
 * at 200k identity rows) and its funnel build grew the heap further before
 * any collection: the import's peak RSS, 433–551 MB.
 *
 * How: `vm.measureMemory({ execution: 'eager' })` starts a regular full
 * collection (it measures at its end), the only way without a V8 flag, which
 * the Electron app cannot pass to its main process. Not awaited there:
 * resolution goes on to its SQL while the collection's tasks run in the idle
 * main thread. Where it is awaited (collectIfHeapOver, the funnel's chunks),
 * it gives up waiting after AWAIT_LIMIT_MS, so that a promise that never
 * settled could not hold up an import. The API is marked experimental: Node's
 * one-time warning about it is kept from the CLI's output (it names nothing
 * the user can act on).
 */
import { getHeapStatistics } from 'node:v8';
import { measureMemory } from 'node:vm';

/**
 * The heap (live and dead) from which collectIfHeapOver's callers collect before their next large step. V8's
 * own limit for its next full collection is set at the last one, up to a few times what was alive then: in
 * identity resolution at 10M rows one collection before the identifiers took the heap from 340 to 216 MB.
 * Under it (at most imports' sizes) no collection is asked for.
 */
export const LARGE_HEAP = 160 * 1024 * 1024;

/** The longest an awaited collection holds its caller (a full one over a 200 MB heap takes well under a second). */
const AWAIT_LIMIT_MS = 10_000;

/** Starts a full collection; resolves once it is done (false when the API is not there, failed or took too long). */
export function collectGarbage(): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), AWAIT_LIMIT_MS);
    timer.unref();
  });
  return Promise.race([startCollection(), limit]).finally(() => clearTimeout(timer));
}

function startCollection(): Promise<boolean> {
  const emitWarning = process.emitWarning;
  // Node emits it synchronously, from the call below.
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (!String(warning instanceof Error ? warning.message : warning).startsWith('vm.measureMemory')) {
      (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
    }
  }) as typeof process.emitWarning;
  try {
    return measureMemory({ mode: 'summary', execution: 'eager' }).then(
      () => true,
      () => false,
    );
  } catch {
    return Promise.resolve(false);
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** A full collection, awaited, when the heap holds more than `bytes` (LARGE_HEAP); resolves whether one ran. */
export async function collectIfHeapOver(bytes = LARGE_HEAP): Promise<boolean> {
  if (getHeapStatistics().used_heap_size < bytes) return false;
  return collectGarbage();
}
