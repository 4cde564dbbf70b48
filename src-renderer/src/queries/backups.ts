import { queryOptions, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../api';
import type { TablesRead } from './invalidation';

// The list reads the backup folder, not a table: no `db:changed` makes it stale.
// A backup or restore ending does (this window's, the daily one, another window's).
const NO_TABLES: TablesRead = [];

export const backupQueries = {
  all: () => ['backups'] as const,
  list: () =>
    queryOptions({
      queryKey: [...backupQueries.all(), 'list'] as const,
      queryFn: () => api.call('backup:list', {}),
      meta: { tables: NO_TABLES },
    }),
  settings: () =>
    queryOptions({
      queryKey: [...backupQueries.all(), 'settings'] as const,
      queryFn: () => api.call('backup:get-settings', {}),
      meta: { tables: NO_TABLES },
    }),
};

/** Refetches the backup queries whenever a backup or restore ends, wherever it was started. */
export function useBackupsFreshness(): void {
  const client = useQueryClient();
  useEffect(
    () =>
      api.on('backup:progress', (p) => {
        if (p.phase === 'done' || p.phase === 'failed') void client.invalidateQueries({ queryKey: backupQueries.all() });
      }),
    [client],
  );
}
