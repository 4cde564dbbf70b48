/**
 * The core's side of the developer search index: starts the worker thread
 * on the first question (so nothing is built before the first page is
 * served), sends questions, and turns every way the worker can fail (an
 * error, an exit, no reply in time) into `null`: the SQL path answers then.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { appConnection } from '../../db/tenant';
import type { IndexAnswer, IndexQuery } from './index-data';
import type { FromWorker, ToWorker, WorkerSetup } from './protocol';

/** Above this many developers a tenant is answered by SQL (~250 MB of index at 100 bytes of text each). */
export const DEFAULT_MAX_ROWS = 2_000_000;
/** A question not answered by then is answered from SQL (a catch-up stuck behind a slow server). */
const REPLY_TIMEOUT_MS = 3_000;

/** The part of a Worker the client uses (a fake in tests). */
export interface WorkerLike {
  postMessage(message: ToWorker): void;
  on(event: 'message', listener: (message: FromWorker) => void): unknown;
  on(event: 'error' | 'exit', listener: (arg: unknown) => void): unknown;
  terminate(): Promise<number>;
}

/** Same arrangement as imports/parse/parse-worker-client.ts: from source through the tsx bootstrap, bundled as a sibling entry. */
export function startSearchWorker(setup: WorkerSetup): WorkerLike {
  const here = import.meta.url;
  let worker: Worker;
  if (here.endsWith('.ts')) {
    const bootstrap = new URL(['../../imports/parse/worker-bootstrap', 'mjs'].join('.'), here);
    worker = new Worker(bootstrap, { workerData: { ...setup, entry: new URL(['worker', 'ts'].join('.'), here).href } });
  } else {
    const candidates = ['search-worker', '../search-worker'].map((name) => new URL([name, 'js'].join('.'), here));
    worker = new Worker(candidates.find((url) => existsSync(fileURLToPath(url))) ?? candidates[0]!, { workerData: setup });
  }
  // Never what keeps a process (a CLI command, a test) alive.
  worker.unref();
  return worker as WorkerLike;
}

/** A message without its sequence number (Omit over each member of the union). */
type Question = ToWorker extends infer T ? (T extends ToWorker ? Omit<T, 'seq'> : never) : never;

export interface SearchIndexClient {
  /** The page from memory, or null: the SQL path answers. */
  query(tenant: string, query: IndexQuery): Promise<IndexAnswer | null>;
  /** Starts a catch-up now (after db:changed), if the index is loaded; answers never depend on it. */
  refresh(tenant: string): void;
  /** Resolves once no load or catch-up runs for the tenant (tests, the bench). */
  settled(tenant: string): Promise<void>;
  close(): Promise<void>;
}

export function createSearchIndexClient(
  setup: { url: string; tenant: string; maxRows?: number },
  start: (setup: WorkerSetup) => WorkerLike = startSearchWorker,
): SearchIndexClient {
  let worker: WorkerLike | undefined;
  let closed = false;
  let seq = 0;
  const pending = new Map<number, (answer: IndexAnswer | null) => void>();

  const settleAll = () => {
    for (const resolve of pending.values()) resolve(null);
    pending.clear();
  };
  const running = (): WorkerLike => {
    if (worker) return worker;
    const started = start({ ...appConnection(setup.url, setup.tenant, '-c jit=off'), maxRows: setup.maxRows ?? DEFAULT_MAX_ROWS });
    started.on('message', (message: FromWorker) => {
      const resolve = pending.get(message.seq);
      pending.delete(message.seq);
      resolve?.(message.type === 'answer' ? message.answer : null);
    });
    // A crashed worker answers nothing: the waiting questions go to SQL, and the next one starts a new worker.
    const lost = () => {
      if (worker === started) worker = undefined;
      settleAll();
    };
    started.on('error', lost);
    started.on('exit', lost);
    return (worker = started);
  };
  const ask = (message: Question, timeoutMs: number): Promise<IndexAnswer | null> => {
    if (closed) return Promise.resolve(null);
    const id = ++seq;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(null);
      }, timeoutMs);
      timer.unref();
      pending.set(id, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      running().postMessage({ ...message, seq: id } as ToWorker);
    });
  };

  return {
    query: (tenant, query) => ask({ type: 'query', tenant, query }, REPLY_TIMEOUT_MS),
    refresh: (tenant) => {
      if (worker) void ask({ type: 'refresh', tenant }, REPLY_TIMEOUT_MS);
    },
    settled: async (tenant) => {
      await ask({ type: 'settle', tenant }, 10 * 60_000);
    },
    close: async () => {
      closed = true;
      settleAll();
      const stopping = worker;
      worker = undefined;
      await stopping?.terminate();
    },
  };
}
