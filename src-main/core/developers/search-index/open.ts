/**
 * A session's search index: the worker client, nudged to catch up whenever
 * the core announces a change (other processes' writes are found by the
 * version check before each question, not by this).
 */
import type { CoreEvents } from '../../events';
import { createSearchIndexClient, type SearchIndexClient } from './client';

export function openSearchIndex(url: string, events: CoreEvents, tenant: string): { client: SearchIndexClient; close(): Promise<void> } {
  const client = createSearchIndexClient({ url, tenant, maxRows: maxRowsFromEnv() });
  const stop = events.on('db:changed', () => client.refresh(tenant));
  return {
    client,
    close: async () => {
      stop();
      await client.close();
    },
  };
}

/** DRM_SEARCH_INDEX_MAX_DEVELOPERS: the size cap (0 = always SQL), for a machine short of memory. */
function maxRowsFromEnv(): number | undefined {
  const raw = process.env.DRM_SEARCH_INDEX_MAX_DEVELOPERS;
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}
