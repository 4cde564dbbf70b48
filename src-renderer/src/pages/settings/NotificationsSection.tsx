import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationChannel } from '../../../../src-shared/contract/notifications';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notificationMutations, notificationQueries } from '../../queries/notifications';
import { ChannelForm } from './ChannelForm';
import { ChannelTable } from './ChannelTable';
import { NotificationHistory } from './NotificationHistory';
import { SmtpSection } from './SmtpForm';

/** Settings → Notifications: channels (add, edit, delete with undo, send test), the SMTP server, and the history. */
export function NotificationsSection() {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const query = useQuery(notificationQueries.channels());
  // null: no form; 'new': adding; a channel: editing it.
  const [editing, setEditing] = useState<NotificationChannel | 'new' | null>(null);
  const [note, setNote] = useState('');
  const [deleted, setDeleted] = useState<{ undoToken: string; name: string } | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: notificationQueries.all() });
  const remove = useMutation({
    ...notificationMutations.delete(),
    onSuccess: (r) => {
      setDeleted(r);
      setNote('');
      refresh();
    },
  });
  const restore = useMutation({
    ...notificationMutations.restore(),
    onSuccess: (c) => {
      setDeleted(null);
      setNote(t('notifications.restored', { name: c.name }));
      refresh();
    },
  });
  const test = useMutation({
    ...notificationMutations.sendTest(),
    onSuccess: (entry) => {
      const name = entry.channelName ?? '';
      setNote(
        entry.status === 'sent'
          ? t('notifications.testSent', { name })
          : t('notifications.testFailed', { name, error: entry.errorMessage ?? '' }),
      );
      refresh();
    },
  });
  const channels = query.data ?? [];

  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`} data-testid="notifications">
      <h2 id={`${id}-title`}>{t('notifications.title')}</h2>
      <p className="hint">{t('notifications.description')}</p>
      {query.isPending ? <p className="muted">{t('notifications.loading')}</p> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      <p role="status" className={note ? 'saved-note' : 'visually-hidden'}>
        {note}
      </p>
      {deleted ? (
        <div className="notice undo-notice" role="status">
          <p>
            {t('notifications.deleted', { name: deleted.name })}{' '}
            <button
              type="button"
              className="button-secondary button-small"
              onClick={() => restore.mutate({ undoToken: deleted.undoToken })}
              disabled={restore.isPending}
            >
              {restore.isPending ? t('notifications.undoing') : t('notifications.undo')}
            </button>
          </p>
          <button type="button" className="link-button dismiss" onClick={() => setDeleted(null)} aria-label={t('notifications.dismiss')}>
            ×
          </button>
        </div>
      ) : null}
      {[remove, restore, test].map((m, i) => (m.isError ? <ErrorAlert key={i} error={m.error} /> : null))}
      {query.isSuccess && channels.length === 0 && editing === null ? (
        <EmptyState id={`${id}-empty`} title={t('notifications.emptyTitle')} body={t('notifications.emptyBody')}>
          <button type="button" onClick={() => setEditing('new')}>
            {t('notifications.add')}
          </button>
        </EmptyState>
      ) : null}
      {channels.length > 0 ? (
        <ChannelTable
          channels={channels}
          testing={test.isPending ? test.variables.channelId : null}
          onEdit={(c) => setEditing(c)}
          onDelete={(c) => remove.mutate({ channelId: c.channelId })}
          onTest={(c) => {
            setNote('');
            test.mutate({ channelId: c.channelId });
          }}
        />
      ) : null}
      {editing !== null ? (
        <ChannelForm
          key={editing === 'new' ? 'new' : editing.channelId}
          channel={editing === 'new' ? null : editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) setNote(t('notifications.form.saved', { name: saved.name }));
          }}
        />
      ) : channels.length > 0 ? (
        <div className="button-row">
          <button type="button" onClick={() => setEditing('new')}>
            {t('notifications.add')}
          </button>
        </div>
      ) : null}
      <SmtpSection />
      <NotificationHistory />
    </section>
  );
}
