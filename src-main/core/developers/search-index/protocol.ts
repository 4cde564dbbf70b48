/**
 * Messages between the core (client.ts) and the search index's worker
 * thread (worker.ts). Every question carries a sequence number and gets
 * exactly one reply with it: an answer, `null` (SQL must answer: not loaded
 * yet, too large, catching up) or a failure.
 */
import type { IndexAnswer, IndexQuery } from './index-data';

export interface WorkerSetup {
  /** The database the core uses; the worker opens a connection of its own. */
  connectionString: string;
  /** Startup options of its connection: the session's tenant (db/tenant.ts). */
  options: string;
  maxRows: number;
}

export type ToWorker =
  | { type: 'query'; seq: number; tenant: string; query: IndexQuery }
  | { type: 'refresh'; seq: number; tenant: string }
  | { type: 'settle'; seq: number; tenant: string };

export type FromWorker = { type: 'answer'; seq: number; answer: IndexAnswer | null } | { type: 'failed'; seq: number; message: string };

/** What a worker does with a question; the keeper in the thread, a fake in tests. */
export interface Answerer {
  answer(tenant: string, query: IndexQuery): Promise<IndexAnswer | null>;
  refresh(tenant: string): Promise<void>;
  settled(tenant: string): Promise<void>;
}

/** One question's reply (never throws: a failure is a reply too). */
export async function reply(answerer: Answerer, message: ToWorker): Promise<FromWorker> {
  try {
    if (message.type === 'query') return { type: 'answer', seq: message.seq, answer: await answerer.answer(message.tenant, message.query) };
    await (message.type === 'refresh' ? answerer.refresh(message.tenant) : answerer.settled(message.tenant));
    return { type: 'answer', seq: message.seq, answer: null };
  } catch (error) {
    return { type: 'failed', seq: message.seq, message: error instanceof Error ? error.message : String(error) };
  }
}
