import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../src-shared/contract/events';
import type { TableName } from '../../src-shared/contract/tables';
import type { RendererApi } from '../../src-renderer/src/api-client';
import { ALL_TABLES, type TablesRead } from '../../src-renderer/src/queries/invalidation';
import { invalidateOnDbChanges } from '../../src-renderer/src/query-client';

// No DOM needed: QueryClient and QueryObserver run in Node; the event source is a stub.
function setup() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
  let listener: ((payload: EventPayload<'db:changed'>) => void) | undefined;
  const on = ((_event: string, l: typeof listener) => {
    listener = l;
    return () => (listener = undefined);
  }) as RendererApi['on'];
  const stop = invalidateOnDbChanges(client, on);
  const emit = (tables: TableName[]) => listener?.({ tables });
  const watch = (name: string, tables: TablesRead, queryFn: () => Promise<unknown>) => {
    const fn = vi.fn(queryFn);
    const observer = new QueryObserver(client, { queryKey: [name], queryFn: fn, meta: { tables } });
    cleanups.push(observer.subscribe(() => {}));
    return fn;
  };
  cleanups.push(stop, () => client.clear());
  const settled = () => vi.waitFor(() => expect(client.isFetching()).toBe(0));
  return { emit, watch, stop, settled };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('invalidateOnDbChanges', () => {
  it('refetches only the queries that read a changed table', async () => {
    const { emit, watch, settled } = setup();
    const developers = watch('developers', ['developers', 'accounts'], async () => 1);
    const campaigns = watch('campaigns', ['campaigns'], async () => 2);
    const status = watch('status', ALL_TABLES, async () => 3);
    await settled();

    emit(['accounts']);
    await vi.waitFor(() => expect(developers).toHaveBeenCalledTimes(2));
    await vi.waitFor(() => expect(status).toHaveBeenCalledTimes(2));
    await settled();
    expect(campaigns).toHaveBeenCalledTimes(1);
  });

  // Also covers the first fetch: TanStack folds an invalidation into a running
  // fetch that has no data yet, which would drop the change altogether.
  it('lets a running fetch finish, then refetches once however many events came', async () => {
    const { emit, watch } = setup();
    let release!: () => void;
    const fn = watch('status', ALL_TABLES, () => new Promise<number>((resolve) => (release = () => resolve(1))));
    await vi.waitFor(() => expect(fn).toHaveBeenCalledTimes(1));

    emit(['activities']);
    emit(['activities', 'developer_stats']);
    emit(['import_jobs']);
    expect(fn).toHaveBeenCalledTimes(1);

    release();
    await vi.waitFor(() => expect(fn).toHaveBeenCalledTimes(2));
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('stops listening when unsubscribed', async () => {
    const { emit, watch, stop, settled } = setup();
    const fn = watch('status', ALL_TABLES, async () => 1);
    await settled();
    stop();
    emit(['developers']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fn).toHaveBeenCalledTimes(1);
  });
});

describe('invalidateOnDbChanges after a failed fetch', () => {
  it('marks a failed query stale instead of hiding its error behind a new fetch', async () => {
    const { emit, watch, settled } = setup();
    let fail!: () => void;
    const fn = watch('status', ALL_TABLES, () => new Promise<number>((_, reject) => (fail = () => reject(new Error('down')))));
    await vi.waitFor(() => expect(fn).toHaveBeenCalledTimes(1));
    emit(['activities']);
    fail();
    await settled();
    emit(['activities']);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
