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
  const errors = live?.errorCount ?? 0;
  // One number for the heading and the bar (issue 11, defect 5): whole percents, rounded
  // down so that 100% means done.
  const done = live?.fraction == null ? null : Math.floor(live.fraction * 100) / 100;

  return (
    <div className="job-progress">
      <p className="job-status-text">
        {/* The state is announced; the percentage is not, on every event: the bar has it for who asks. */}
        <span role="status" aria-live="polite">
          {job.status === 'queued' ? t('imports.progress.queued') : t('imports.progress.running', { name: job.fileName })}
        </span>
        {job.status !== 'queued' && done !== null ? <> {t('imports.progress.percent', { percent: format.percent(done) })}</> : null}
      </p>
      {/* Without a byte count yet the bar is indeterminate rather than a false 0%. */}
      {done === null ? (
        <progress aria-label={t('imports.progress.label')} />
      ) : (
        <progress aria-label={t('imports.progress.label')} value={done} max={1} />
      )}
      <p className="progress-facts">
        <span>{t('imports.progress.rows', { rows: format.number(rows) })}</span>
        {errors > 0 ? (
          <span className="progress-errors" data-testid="import-live-errors">
            {t('imports.progress.errors', { errors: format.number(errors) })}
          </span>
        ) : null}
        {live?.rowsPerSecond != null ? (
          <span>{t('imports.progress.rate', { rate: format.number(Math.round(live.rowsPerSecond)) })}</span>
        ) : null}
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
