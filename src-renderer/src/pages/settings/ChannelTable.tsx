import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationChannel } from '../../../../src-shared/contract/notifications';

/** The channels with what they send and their actions: edit, send test, delete (undoable). */
export function ChannelTable({
  channels,
  testing,
  onEdit,
  onDelete,
  onTest,
}: {
  channels: NotificationChannel[];
  testing: string | null;
  onEdit(channel: NotificationChannel): void;
  onDelete(channel: NotificationChannel): void;
  onTest(channel: NotificationChannel): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="table-scroll">
      <table className="data-table" aria-labelledby={`${id}-caption`}>
        <caption id={`${id}-caption`} className="visually-hidden">
          {t('notifications.channelsLabel')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('notifications.columns.name')}</th>
            <th scope="col">{t('notifications.columns.kind')}</th>
            <th scope="col">{t('notifications.columns.target')}</th>
            <th scope="col">{t('notifications.columns.events')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('notifications.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {channels.map((c) => (
            <tr key={c.channelId}>
              <th scope="row">
                {c.name}
                {c.enabled ? null : <span className="muted">{` (${t('notifications.disabled')})`}</span>}
              </th>
              <td>{t(`notifications.kinds.${c.kind}`)}</td>
              <td className="wrap">{c.target}</td>
              <td>{c.events.map((e) => t(`notifications.events.${e}`)).join(', ')}</td>
              <td>
                <div className="button-row">
                  <button
                    type="button"
                    className="button-secondary button-small"
                    aria-label={t('notifications.sendTestOf', { name: c.name })}
                    disabled={testing !== null}
                    onClick={() => onTest(c)}
                  >
                    {testing === c.channelId ? t('notifications.sending') : t('notifications.sendTest')}
                  </button>
                  <button
                    type="button"
                    className="button-secondary button-small"
                    aria-label={t('notifications.editOf', { name: c.name })}
                    onClick={() => onEdit(c)}
                  >
                    {t('notifications.edit')}
                  </button>
                  <button
                    type="button"
                    className="button-secondary button-small"
                    aria-label={t('notifications.deleteOf', { name: c.name })}
                    onClick={() => onDelete(c)}
                  >
                    {t('notifications.delete')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
