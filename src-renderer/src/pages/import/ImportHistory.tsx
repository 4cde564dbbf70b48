import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Who } from '../../components/Who';
import { useFormatters } from '../../format';
import { importQueries } from '../../queries/imports';
import { useImportLabels } from './labels';
import { StatusBadge } from './StatusBadge';

interface ImportHistoryProps {
  selected: string | null;
  onOpen(jobId: string): void;
}

/** Every import, newest first; a row opens that job above. Refreshed by `db:changed` on import_jobs. */
export function ImportHistory({ selected, onOpen }: ImportHistoryProps) {
  const { t } = useTranslation();
  const labels = useImportLabels();
  const format = useFormatters();
  const query = useQuery(importQueries.jobs());
  const jobs = query.data;

  return (
    <section className="card" aria-labelledby="import-history-title">
      <h2 id="import-history-title">{t('imports.history.title')}</h2>
      {query.isPending ? (
        <p className="loading">
          <span className="spinner" aria-hidden="true" />
          {t('common.loading')}
        </p>
      ) : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {jobs && jobs.length === 0 ? <p className="section-summary">{t('imports.history.empty')}</p> : null}
      {jobs && jobs.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table history-table" aria-label={t('imports.history.title')}>
            <thead>
              <tr>
                <th scope="col">{t('imports.history.file')}</th>
                <th scope="col">{t('imports.history.type')}</th>
                <th scope="col">{t('imports.history.status')}</th>
                <th scope="col" className="num">
                  {t('imports.history.rows')}
                </th>
                <th scope="col" className="num">
                  {t('imports.history.activities')}
                </th>
                <th scope="col">{t('imports.history.startedAt')}</th>
                <th scope="col">{t('audit.column')}</th>
                <th scope="col" className="num">
                  {t('imports.history.duration')}
                </th>
              </tr>
            </thead>
            <tbody>
              {jobs.map((job) => (
                <tr key={job.jobId} aria-current={job.jobId === selected ? 'true' : undefined}>
                  <th scope="row">
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('imports.history.open', { name: job.fileName })}
                      onClick={() => onOpen(job.jobId)}
                    >
                      {job.fileName}
                    </button>
                    {job.dryRun ? <span className="tag">{t('imports.result.dryRunTag')}</span> : null}
                  </th>
                  <td>{labels.typeShort(job.type)}</td>
                  <td>
                    <StatusBadge status={job.status} />
                  </td>
                  <td className="num">{format.number(job.rowsRead)}</td>
                  <td className="num">{format.number(job.inserted.activities)}</td>
                  <td>
                    {job.startedAt ? <time dateTime={job.startedAt}>{format.dateTime(new Date(job.startedAt))}</time> : t('common.none')}
                  </td>
                  <td>
                    <Who user={job.createdBy} />
                  </td>
                  <td className="num">{job.durationMs === null ? t('common.none') : format.duration(job.durationMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
