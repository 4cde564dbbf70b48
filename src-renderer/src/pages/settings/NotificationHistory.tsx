import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationEntry } from '../../../../src-shared/contract/notifications';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormatters } from '../../format';
import { notificationQueries } from '../../queries/notifications';

/** What was sent, newest first: status, the error of a failure (or why it is being retried), and when. */
export function NotificationHistory() {
  const { t } = useTranslation();
  const id = useId();
  const query = useQuery(notificationQueries.history());
  return (
    <section aria-labelledby={`${id}-title`} data-testid="notification-history">
      <h3 id={`${id}-title`}>{t('notifications.history.title')}</h3>
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      {query.data && query.data.length === 0 ? <p className="muted">{t('notifications.history.empty')}</p> : null}
      {query.data && query.data.length > 0 ? <HistoryTable entries={query.data} /> : null}
    </section>
  );
}

function HistoryTable({ entries }: { entries: NotificationEntry[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const id = useId();
  const detail = (e: NotificationEntry) => {
    if (e.status === 'queued' && e.errorMessage && e.nextAttemptAt) {
      return t('notifications.history.retrying', {
        time: format.dateTime(new Date(e.nextAttemptAt)),
        attempts: e.attempts + 1,
        error: e.errorMessage,
      });
    }
    return e.errorMessage ?? e.target ?? '';
  };
  return (
    <div className="table-scroll">
      <table className="data-table" aria-labelledby={`${id}-caption`}>
        <caption id={`${id}-caption`} className="visually-hidden">
          {t('notifications.history.label')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('notifications.history.columns.time')}</th>
            <th scope="col">{t('notifications.history.columns.channel')}</th>
            <th scope="col">{t('notifications.history.columns.event')}</th>
            <th scope="col">{t('notifications.history.columns.status')}</th>
            <th scope="col">{t('notifications.history.columns.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.notificationId} data-status={e.status}>
              <td>{format.dateTime(new Date(e.sentAt ?? e.createdAt))}</td>
              <td>{`${e.channelName ?? t('notifications.history.deletedChannel')} (${t(`notifications.kinds.${e.channel as 'slack'}`, { defaultValue: e.channel })})`}</td>
              <td>{t(`notifications.events.${e.event as 'test'}`, { defaultValue: e.title })}</td>
              <td>{t(`notifications.history.statuses.${e.status}`)}</td>
              <td className="wrap">{detail(e)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
