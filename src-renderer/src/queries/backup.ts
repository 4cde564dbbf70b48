import { mutationOptions, queryOptions, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { BackupProgress } from '../../../src-shared/contract/backup';
import { api } from '../api';
import { NO_TABLES } from './invalidation';
import { channelMutation } from './mutation';

// The list reads the backup folder, not a table: no `db:changed` makes it stale.
// A backup or restore ending does (this window's, the daily one, another window's).
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

export const backupMutations = {
  create: () => mutationOptions({ mutationKey: ['backup:create'], mutationFn: () => api.call('backup:create', {}) }),
  /** Replaces the whole database with the backup of this id (the core keeps a safety backup first). */
  restore: () => mutationOptions({ mutationKey: ['backup:restore'], mutationFn: (id: string) => api.call('backup:restore', { id }) }),
  updateSettings: () => channelMutation('backup:update-settings'),
  /** The shell's folder picker; the answer is the settings as saved. */
  chooseFolder: () => mutationOptions({ mutationKey: ['backup:choose-folder'], mutationFn: () => api.call('backup:choose-folder', {}) }),
  /** The backup of this id, or the folder itself when none is given. */
  showInFolder: () =>
    mutationOptions({
      mutationKey: ['backup:show-in-folder'],
      mutationFn: (id: string | undefined) => api.call('backup:show-in-folder', id === undefined ? {} : { id }),
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

/** The latest `backup:progress` of one operation, cleared when it ends. */
export function useBackupProgress(operation: BackupProgress['operation']): BackupProgress | null {
  const [progress, setProgress] = useState<BackupProgress | null>(null);
  useEffect(
    () =>
      api.on('backup:progress', (p) => {
        if (p.operation !== operation) return;
        setProgress(p.phase === 'done' || p.phase === 'failed' ? null : p);
      }),
    [operation],
  );
  return progress;
}
