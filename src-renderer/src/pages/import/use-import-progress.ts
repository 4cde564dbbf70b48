import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { ImportStatus } from '../../../../src-shared/contract/imports';
import { api } from '../../api';
import { importQueries } from '../../queries/imports';
import { addSample, progressView, type ProgressSample, type ProgressView } from './import-rate';
import { isFinished } from '../../lib/import-status';

export interface LiveProgress {
  view: ProgressView | null;
  /** The status the last event reported, ahead of the job query. */
  status: ImportStatus | null;
}

/**
 * Follows one job's `import:progress` events. When one says the job ended,
 * the job query is refetched at once rather than waiting for `db:changed`.
 */
export function useImportProgress(jobId: string): LiveProgress {
  const queryClient = useQueryClient();
  const [samples, setSamples] = useState<ProgressSample[]>([]);
  const [status, setStatus] = useState<ImportStatus | null>(null);

  useEffect(
    () =>
      api.on('import:progress', (event) => {
        if (event.jobId !== jobId) return;
        const { rowsRead, bytesRead, totalBytes, errorCount } = event;
        setSamples((current) => addSample(current, { at: performance.now(), rowsRead, bytesRead, totalBytes, errorCount }));
        setStatus(event.status);
        if (isFinished(event.status)) void queryClient.invalidateQueries({ queryKey: importQueries.job(jobId).queryKey });
      }),
    [jobId, queryClient],
  );

  return { view: progressView(samples), status };
}
