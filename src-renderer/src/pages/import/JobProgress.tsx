import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../../src-shared/contract/imports';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormatters } from '../../format';
import { importMutations, importQueries } from '../../queries/imports';
import type { ProgressView } from './import-rate';

interface JobProgressProps {
  job: ImportJob;
  live: ProgressView | null;
}

/** Bytes done as a bar, rows read, rows per second and time left, and the way out. */
export function JobProgress({ job, live }: JobProgressProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const queryClient = useQueryClient();
  const cancel = useMutation({
    ...importMutations.cancel(job.jobId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: importQueries.all() }),
  });
  const rows = Math.max(live?.rowsRead ?? 0, job.rowsRead);
  const fraction = live?.fraction ?? null;
  // Announced to screen readers in tens of percent, not on every event.
  const announced =
    job.status === 'queued'
      ? t('imports.progress.queued')
      : fraction === null
        ? t('imports.progress.running', { name: job.fileName })
        : `${t('imports.progress.running', { name: job.fileName })} ${t('imports.progress.percent', {
            percent: format.percent(Math.floor(fraction * 10) / 10),
          })}`;

  return (
    <div className="job-progress">
      <p role="status" aria-live="polite" className="job-status-text">
        {announced}
      </p>
      {/* Without a byte count yet the bar is indeterminate rather than a false 0%. */}
      {fraction === null ? (
        <progress aria-label={t('imports.progress.label')} />
      ) : (
        <progress aria-label={t('imports.progress.label')} value={fraction} max={1} />
      )}
      <p className="progress-facts">
        <span>{t('imports.progress.rows', { rows: format.number(rows) })}</span>
        {live?.rowsPerSecond != null ? (
          <span>{t('imports.progress.rate', { rate: format.number(Math.round(live.rowsPerSecond)) })}</span>
        ) : null}
        {fraction !== null ? <span>{format.percent(fraction)}</span> : null}
        <span>
          {live?.secondsLeft != null
            ? t('imports.progress.left', { time: format.duration(live.secondsLeft * 1000) })
            : t('imports.progress.estimating')}
        </span>
      </p>
      {cancel.isError ? <ErrorAlert error={cancel.error} /> : null}
      <button type="button" className="button-secondary" onClick={() => cancel.mutate()} disabled={cancel.isPending || cancel.isSuccess}>
        {cancel.isPending || cancel.isSuccess ? t('imports.progress.cancelling') : t('imports.progress.cancel')}
      </button>
    </div>
  );
}
