import { QueryClient, type Query } from '@tanstack/react-query';
import type { RendererApi } from './api-client';
import { isApiCallError } from './api-error';
import { readsChangedTables, type TablesRead } from './queries/invalidation';

// Declared here, beside the code that reads it, so every program that compiles
// this file (the renderer's and the unit tests') sees the same typed `meta`.
declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { tables?: TablesRead };
  }
}

// Asking again cannot fix these: the input, the token or the target is wrong.
const PERMANENT = new Set(['BAD_INPUT', 'NOT_FOUND', 'UNAUTHORIZED']);

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Freshness comes from `db:changed`, not from polling; the stale time only
        // covers events missed while the event stream was reconnecting.
        staleTime: 60_000,
        retry: (failures, error) => !(isApiCallError(error) && PERMANENT.has(error.code)) && failures < 2,
      },
    },
  });
}

/**
 * Subscribe once per app: the core says which tables a write touched, and the
 * queries reading them refetch.
 *
 * An import commits batch after batch, so events can arrive faster than a
 * query answers. Cancelling the running fetch on each one (TanStack's default)
 * would starve the page; ignoring the event could keep an answer computed
 * before the write. So a running query finishes, then refetches once.
 *
 * A query in error is only marked stale: refetching one that never had data
 * puts it back to "pending", replacing the error the user should read with a
 * spinner; its retry button is right there.
 */
export function invalidateOnDbChanges(client: QueryClient, on: RendererApi['on']): () => void {
  const cache = client.getQueryCache();
  const changedWhileFetching = new Set<string>();

  const refetch = (query: Query) => {
    const refetchType = query.state.status === 'error' ? 'none' : 'active';
    void client.invalidateQueries({ queryKey: query.queryKey, exact: true, refetchType }, { cancelRefetch: false });
  };

  const offCache = cache.subscribe((event) => {
    const hash = event.query.queryHash;
    if (!changedWhileFetching.has(hash)) return;
    if (event.type === 'removed') changedWhileFetching.delete(hash);
    else if (event.type === 'updated' && event.query.state.fetchStatus === 'idle') {
      changedWhileFetching.delete(hash);
      refetch(event.query);
    }
  });

  const offEvents = on('db:changed', ({ tables }) => {
    for (const query of cache.findAll({ predicate: (q) => readsChangedTables(q.meta?.tables, tables) })) {
      if (query.state.fetchStatus === 'idle') refetch(query);
      else changedWhileFetching.add(query.queryHash);
    }
  });

  return () => {
    offEvents();
    offCache();
  };
}
