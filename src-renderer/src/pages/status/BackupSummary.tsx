import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormatters } from '../../format';
import { backupQueries, useBackupsFreshness } from '../../queries/backup';
import { hrefFor } from '../../routes';
import { backupSummary } from '../../lib/backup-view';

/** When the data was last backed up, and the way to Settings → Backups. */
export function BackupSummary() {
  const { t } = useTranslation();
  const format = useFormatters();
  useBackupsFreshness();
  const list = useQuery(backupQueries.list());
  const summary = list.data ? backupSummary(list.data) : null;
  const latest = summary?.latest ? new Date(summary.latest.createdAt) : null;
  return (
    <section className="card status-backups" aria-labelledby="status-backups">
      <h2 id="status-backups">{t('backups.summary.title')}</h2>
      {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} retrying={list.isFetching} /> : null}
      {summary ? (
        <dl className="facts">
          <div>
            <dt>{t('backups.summary.last')}</dt>
            <dd data-testid="last-backup">
              {latest ? (
                <time dateTime={latest.toISOString()} title={format.dateTime(latest)}>
                  {format.dateTime(latest)} ({format.relative(latest)})
                </time>
              ) : (
                t('backups.summary.none')
              )}
            </dd>
          </div>
          <div>
            <dt>{t('backups.summary.count')}</dt>
            <dd>{format.number(summary.count)}</dd>
          </div>
          <div>
            <dt>{t('backups.folder')}</dt>
            <dd>
              <code dir="ltr">{list.data!.folder}</code>
            </dd>
          </div>
        </dl>
      ) : null}
      <p>
        <a href={`${hrefFor('settings')}/backups`}>{t('backups.summary.manage')}</a>
      </p>
    </section>
  );
}
