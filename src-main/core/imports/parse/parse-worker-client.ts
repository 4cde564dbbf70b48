/**
 * The main-process side of the parse worker: start it, yield its batches,
 * acknowledge each one after the consumer has used it (the consumer resuming
 * the generator is the acknowledgement), and always stop the thread when the
 * iteration ends, whether it finished, failed, was aborted or abandoned.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { findSplit } from './split';
import type { WorkerInput, WorkerMessage } from '../types';
import { MSG_ACK, type AckMessage, type BatchMessage, type BootstrapData, type DoneMessage } from './worker-protocol';

/**
 * The parse workers' young generation: half of V8's default (48 MB). A
 * worker's objects live for one batch at most, so a scavenge finds few
 * survivors whatever the space's size, and with the default each of the two
 * workers held ~95 MB of heap while a large file streamed, beside the
 * importer's: the import's peak RSS. At 1M rows the peak went from 451 to
 * 396 MB with it, the parse's CPU unchanged (33.3 s, then 31.9 s).
 *
 * And an old generation of at most 256 MB: V8 lets a heap grow to up to 4
 * times what its last full collection kept when the heap may reach 2 GB or
 * more (the default), 1.3 times at 256 MB. A worker keeps ~15 MB alive, and
 * between collections its old generation held dead strings and the file's
 * read buffers. At 1M rows, beside a run without it started at the same
 * moment, the parse's peak RSS went from 342 to 308 MB, its CPU from 33.8
 * to 34.2 s (one pair of runs, load 11–16). A batch is bounded in bytes too (worker-protocol.ts), so
 * what a worker keeps alive stays far below the limit whatever its rows.
 */
export const PARSE_WORKER_LIMITS = { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 256 } as const;

/**
 * From source (this module's URL ends in .ts: tsx, vitest) the worker goes
 * through worker-bootstrap.mjs, which registers tsx in the thread. Bundled by
 * electron-vite, parse-worker.js is a sibling entry of the main bundle. The
 * file names are built at run time so that the bundler neither resolves nor
 * inlines them.
 */
export function startWorker(input: WorkerInput): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const data: BootstrapData = { ...input, entry: new URL(['parse-worker', 'ts'].join('.'), here).href };
    return new Worker(new URL(['worker-bootstrap', 'mjs'].join('.'), here), { workerData: data, resourceLimits: PARSE_WORKER_LIMITS });
  }
  // Beside the bundle's entry; one level up if this code was split into chunks/.
  const candidates = ['parse-worker', '../parse-worker'].map((name) => new URL([name, 'js'].join('.'), here));
  const script = candidates.find((url) => existsSync(fileURLToPath(url))) ?? candidates[0];
  return new Worker(script as URL, { workerData: input, resourceLimits: PARSE_WORKER_LIMITS });
}

type Event = { message: WorkerMessage } | { error: unknown };

/** The worker's fatal error: the file does not fit (content), could not be read (file), or a bug (internal). */
export class ParseFailure extends Error {
  constructor(
    readonly kind: Extract<WorkerMessage, { type: 'fatal' }>['kind'],
    message: string,
  ) {
    super(message);
    this.name = 'ParseFailure';
  }
}

/**
 * Parses `input` in a worker thread. Yields every batch; returns the 'done'
 * message (totals). Throws the worker's fatal message, a worker crash, or the
 * abort reason.
 */
export async function* parseInWorker(input: WorkerInput, signal?: AbortSignal): AsyncGenerator<BatchMessage, DoneMessage, undefined> {
  signal?.throwIfAborted();
  const worker = startWorker(input);
  const events: Event[] = [];
  let wake: (() => void) | undefined;
  const push = (event: Event) => {
    events.push(event);
    wake?.();
    wake = undefined;
  };
  const next = async (): Promise<Event> => {
    while (events.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return events.shift() as Event;
  };
  const onAbort = () => push({ error: signal?.reason });
  worker.on('message', (message: WorkerMessage) => push({ message }));
  worker.on('error', (error) => push({ error }));
  worker.on('messageerror', (error) => push({ error }));
  worker.on('exit', (code) => push({ error: new Error(`the CSV parse worker stopped before finishing (exit code ${code})`) }));
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      // An abort wins over batches already queued.
      signal?.throwIfAborted();
      const event = await next();
      signal?.throwIfAborted();
      if ('error' in event) throw event.error;
      const { message } = event;
      if (message.type === 'done') return message;
      if (message.type === 'fatal') throw new ParseFailure(message.kind, message.message);
      yield message;
      worker.postMessage({ type: MSG_ACK } satisfies AckMessage);
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    worker.removeAllListeners();
    worker.on('error', () => undefined); // a late error must not become an uncaught exception
    await worker.terminate();
  }
}

/**
 * Parses a file with two workers at once when it splits safely (split.ts),
 * else with one. Batches of both are yielded as they come, with rows and
 * bytes read summed over the parts. `headers` are the file's (from sniffing).
 */
export async function* parseFileInWorkers(
  input: WorkerInput,
  headers: string[],
  size: number,
  signal?: AbortSignal,
): AsyncGenerator<BatchMessage, void, undefined> {
  const split = await findSplit(input.filePath, size, input.encoding);
  if (!split) {
    yield* parseInWorker(input, signal);
    return;
  }
  const parts: WorkerInput[] = [
    { ...input, range: { start: 0, end: split.offset, firstLine: 1 } },
    { ...input, range: { start: split.offset, end: size, firstLine: split.line, headers } },
  ];
  const workers = parts.map((part) => parseInWorker(part, signal));
  const latest = parts.map(() => ({ rowsRead: 0, bytesRead: 0 }));
  type Step = { index: number; result: IteratorResult<BatchMessage, DoneMessage> };
  const pending = new Map<number, Promise<Step>>();
  const request = (index: number) => {
    const step = workers[index]!.next().then((result) => ({ index, result }));
    step.catch(() => undefined); // raced below; a rejection is seen there
    pending.set(index, step);
  };
  workers.forEach((_, index) => request(index));
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
        continue;
      }
      latest[index] = { rowsRead: result.value.rowsRead, bytesRead: result.value.bytesRead };
      yield {
        ...result.value,
        rowsRead: latest.reduce((sum, p) => sum + p.rowsRead, 0),
        bytesRead: latest.reduce((sum, p) => sum + p.bytesRead, 0),
      };
      request(index);
    }
  } finally {
    await Promise.allSettled(workers.map((worker) => worker.return(undefined as never)));
  }
}
