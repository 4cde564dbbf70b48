import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../../src-shared/contract/imports';
import { useFormatters } from '../../format';
import { importQueries } from '../../queries/imports';
import { EarlyStop } from './EarlyStop';
import { ErrorTable } from './ErrorTable';
import { insertedFacts, rowFacts } from './job-view';

/** How a finished job went, in words per status, with its numbers and its bad rows. */
export function JobResult({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const formats = useQuery(importQueries.formats()).data ?? [];
  const rows = format.number(job.rowsRead);
  const duration = format.duration(job.durationMs ?? 0);
  const succeeded = job.status === 'succeeded';
  // Bad news interrupts; good news waits its turn.
  const role = succeeded || job.status === 'cancelled' ? 'status' : 'alert';

  let summary: string;
  if (succeeded)
    summary = job.dryRun ? t('imports.result.succeededDryRun', { rows, duration }) : t('imports.result.succeeded', { rows, duration });
  else if (job.status === 'rejected') summary = t('imports.result.rejected');
  else if (job.status === 'failed') summary = t('imports.result.failed');
  else summary = t('imports.result.cancelled');

  return (
    <div className={`job-result job-result-${job.status}`}>
      <div role={role} className={succeeded || job.status === 'cancelled' ? 'result-summary' : 'result-summary alert'}>
        <p className="result-lead" data-testid="import-result">
          {summary}
        </p>
        {job.eventTitle ? (
          <p data-testid="event-title-result">
            {/* A dry run renamed nothing: it says what the import will do. */}
            {t(
              job.eventTitle.kept === 'stored'
                ? 'imports.result.eventKept'
                : job.dryRun
                  ? 'imports.options.eventRenamed'
                  : 'imports.result.eventRenamed',
              {
                id: job.eventTitle.eventId,
                stored: job.eventTitle.storedTitle,
                typed: job.eventTitle.typedTitle,
              },
            )}
          </p>
        ) : null}
        {job.clickIdConflicts ? (
          <p data-testid="click-id-conflicts">
            {t('imports.result.clickIdConflicts', {
              count: job.clickIdConflicts.count,
              ids: job.clickIdConflicts.first
                .slice(0, 5)
                .map((c) => c.clickId)
                .join(', '),
            })}
          </p>
        ) : null}
        {job.status === 'failed' && job.message ? (
          <p className="alert-detail">{t('imports.result.failedReason', { message: job.message })}</p>
        ) : null}
        {job.status === 'rejected' && job.earlyStop ? <EarlyStop stop={job.earlyStop} /> : null}
      </div>
      <div className="result-facts">
        {succeeded && !job.dryRun ? (
          <dl className="stat-list" aria-label={t('imports.result.inserted')}>
            {insertedFacts(job, formats).map((fact) => (
              <div key={fact.name} className="stat">
                <dt>{t(`imports.counts.${fact.name}`)}</dt>
                <dd data-testid={`inserted-${fact.name}`}>{format.number(fact.value)}</dd>
              </div>
            ))}
          </dl>
        ) : null}
        <dl className="stat-list stat-list-muted" aria-label={t('imports.result.rowsTitle')}>
          {rowFacts(job).map((fact) => (
            <div key={fact.name} className="stat">
              <dt>{t(`imports.counts.${fact.name}`)}</dt>
              <dd data-testid={`rows-${fact.name}`}>{format.number(fact.value)}</dd>
            </div>
          ))}
        </dl>
      </div>
      {job.errors.length > 0 ? <ErrorTable job={job} /> : null}
    </div>
  );
}
