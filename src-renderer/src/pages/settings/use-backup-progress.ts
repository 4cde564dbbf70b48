import { useEffect, useState } from 'react';
import type { BackupProgress } from '../../../../src-shared/contract/backup';
import { api } from '../../api';

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
