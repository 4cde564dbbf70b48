/**
 * The search index's worker protocol (developers/search-index/): each
 * question gets its own reply by sequence number, a failure in the thread is
 * a reply too, and every way the worker can be lost (an error, an exit, a
 * close) turns the waiting questions into `null`, so that the SQL path
 * answers and the page never hangs. The worker is a fake here; the real one
 * runs in test/integration/developer-search-index.test.ts.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createSearchIndexClient, type WorkerLike } from '../../src-main/core/developers/search-index/client';
import type { IndexQuery } from '../../src-main/core/developers/search-index/index-data';
import { reply, type Answerer, type FromWorker, type ToWorker } from '../../src-main/core/developers/search-index/protocol';

const QUERY: IndexQuery = { key: 'tanaka', sort: 'name', reverse: false, offset: 0, size: 50 };

class FakeWorker extends EventEmitter implements WorkerLike {
  readonly sent: ToWorker[] = [];
  terminated = false;
  postMessage(message: ToWorker): void {
    this.sent.push(message);
  }
  answer(message: FromWorker): void {
    this.emit('message', message);
  }
  async terminate(): Promise<number> {
    this.terminated = true;
    return 0;
  }
}

function withFakes() {
  const workers: FakeWorker[] = [];
  const client = createSearchIndexClient({ url: 'postgres://unused', tenant: 'default' }, () => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker;
  });
  return { client, workers };
}

describe('reply (the worker side)', () => {
  const answerer = (overrides: Partial<Answerer>): Answerer => ({
    answer: async () => null,
    refresh: async () => undefined,
    settled: async () => undefined,
    ...overrides,
  });

  it('answers a query with its sequence number', async () => {
    const seen: [string, IndexQuery][] = [];
    const result = await reply(
      answerer({
        answer: async (tenant, query) => {
          seen.push([tenant, query]);
          return { total: 3, ids: ['a', 'b'] };
        },
      }),
      { type: 'query', seq: 7, tenant: 'default', query: QUERY },
    );
    expect(result).toEqual({ type: 'answer', seq: 7, answer: { total: 3, ids: ['a', 'b'] } });
    expect(seen).toEqual([['default', QUERY]]);
  });

  it('turns a failure into a reply, never a crash of the thread', async () => {
    const result = await reply(
      answerer({
        answer: async () => {
          throw new Error('connection lost');
        },
      }),
      { type: 'query', seq: 8, tenant: 'default', query: QUERY },
    );
    expect(result).toEqual({ type: 'failed', seq: 8, message: 'connection lost' });
  });

  it('acknowledges refresh and settle once the work is done', async () => {
    const done: string[] = [];
    const a = answerer({ refresh: async (t) => void done.push(`refresh ${t}`), settled: async (t) => void done.push(`settled ${t}`) });
    expect(await reply(a, { type: 'refresh', seq: 1, tenant: 'x' })).toEqual({ type: 'answer', seq: 1, answer: null });
    expect(await reply(a, { type: 'settle', seq: 2, tenant: 'y' })).toEqual({ type: 'answer', seq: 2, answer: null });
    expect(done).toEqual(['refresh x', 'settled y']);
  });
});

describe('the client (the core side)', () => {
  it('starts no worker before the first question, then routes replies by sequence number', async () => {
    const { client, workers } = withFakes();
    client.refresh('default'); // no worker yet: nothing to nudge, nothing started
    expect(workers).toHaveLength(0);
    const first = client.query('default', QUERY);
    const second = client.query('default', { ...QUERY, key: 'sato' });
    expect(workers).toHaveLength(1);
    const [a, b] = workers[0]!.sent;
    expect([a!.type, b!.type]).toEqual(['query', 'query']);
    // Replies in the other order still reach their question.
    workers[0]!.answer({ type: 'answer', seq: b!.seq, answer: { total: 2, ids: ['s1', 's2'] } });
    workers[0]!.answer({ type: 'answer', seq: a!.seq, answer: { total: 1, ids: ['t1'] } });
    expect(await first).toEqual({ total: 1, ids: ['t1'] });
    expect(await second).toEqual({ total: 2, ids: ['s1', 's2'] });
    await client.close();
  });

  it('answers null for a failure in the worker', async () => {
    const { client, workers } = withFakes();
    const asked = client.query('default', QUERY);
    workers[0]!.answer({ type: 'failed', seq: workers[0]!.sent[0]!.seq, message: 'boom' });
    expect(await asked).toBeNull();
    await client.close();
  });

  it('answers null for every waiting question when the worker dies, and starts a new one for the next', async () => {
    const { client, workers } = withFakes();
    const waiting = [client.query('default', QUERY), client.query('default', QUERY)];
    workers[0]!.emit('error', new Error('out of memory'));
    expect(await Promise.all(waiting)).toEqual([null, null]);
    const next = client.query('default', QUERY);
    expect(workers).toHaveLength(2);
    workers[1]!.answer({ type: 'answer', seq: workers[1]!.sent[0]!.seq, answer: { total: 0, ids: [] } });
    expect(await next).toEqual({ total: 0, ids: [] });
    workers[1]!.emit('exit', 1);
    const after = client.query('default', QUERY);
    expect(workers).toHaveLength(3);
    await client.close();
    expect(await after).toBeNull();
  });

  it('stops the worker on close and answers null afterwards', async () => {
    const { client, workers } = withFakes();
    const waiting = client.query('default', QUERY);
    await client.close();
    expect(await waiting).toBeNull();
    expect(workers[0]!.terminated).toBe(true);
    expect(await client.query('default', QUERY)).toBeNull();
    expect(workers).toHaveLength(1);
  });
});
