import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotificationChannel } from '../../../../src-shared/contract/notifications';
import {
  DEFAULT_MERGE_THRESHOLD,
  notificationChannelKinds,
  notificationEvents,
  type NotificationChannelKind,
  type NotificationEvent,
} from '../../../../src-shared/contract/values';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notificationMutations, notificationQueries } from '../../queries/notifications';

/** 32 random bytes as hex: a signing secret made on this machine, shown once in the field. */
function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Adds a channel (`channel` null) or edits one. The secret field starts empty: a stored secret is never sent here. */
export function ChannelForm({ channel, onDone }: { channel: NotificationChannel | null; onDone(saved: NotificationChannel | null): void }) {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const [kind, setKind] = useState<NotificationChannelKind>(channel?.kind ?? 'slack');
  const [name, setName] = useState(channel?.name ?? '');
  const [target, setTarget] = useState(channel?.target ?? '');
  const [secret, setSecret] = useState('');
  const [events, setEvents] = useState<NotificationEvent[]>(channel?.events ?? ['import.failed', 'backup.failed']);
  const [threshold, setThreshold] = useState(String(channel?.mergeThreshold ?? DEFAULT_MERGE_THRESHOLD));
  const [enabled, setEnabled] = useState(channel?.enabled ?? true);
  const save = useMutation({
    ...notificationMutations.save(),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: notificationQueries.all() });
      onDone(saved);
    },
  });
  const keepsSecret = channel?.kind === 'webhook' && channel.hasSecret && kind === 'webhook';
  const toggle = (event: NotificationEvent, on: boolean) =>
    setEvents((current) => (on ? [...current, event] : current.filter((e) => e !== event)));

  return (
    <form
      className="notification-channel-form"
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        const score = Number(threshold);
        save.mutate({
          channelId: channel?.channelId,
          kind,
          name,
          target,
          secret: kind === 'webhook' && secret !== '' ? secret : undefined,
          events,
          mergeThreshold: Number.isFinite(score) ? score : undefined,
          enabled,
        });
      }}
    >
      <h3 id={`${id}-title`}>{channel ? t('notifications.form.editTitle') : t('notifications.form.newTitle')}</h3>
      <div className="field">
        <label htmlFor={`${id}-kind`}>{t('notifications.form.kind')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as NotificationChannelKind)}>
          {notificationChannelKinds.map((k) => (
            <option key={k} value={k}>
              {t(`notifications.kinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('notifications.form.name')}</label>
        <input id={`${id}-name`} type="text" value={name} required maxLength={100} onChange={(e) => setName(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-target`}>{t(`notifications.form.target.${kind}`)}</label>
        <input
          id={`${id}-target`}
          type={kind === 'email' ? 'text' : 'url'}
          value={target}
          required
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-target-hint`}
          onChange={(e) => setTarget(e.target.value)}
        />
        <p className="hint" id={`${id}-target-hint`}>
          {t(`notifications.form.targetHint.${kind}`)}
        </p>
      </div>
      {kind === 'webhook' ? <SecretField secret={secret} setSecret={setSecret} keeps={keepsSecret} /> : null}
      <EventsField events={events} toggle={toggle} threshold={threshold} setThreshold={setThreshold} />
      <div className="checkbox-field">
        <input id={`${id}-enabled`} type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <label htmlFor={`${id}-enabled`}>{t('notifications.form.enabled')}</label>
      </div>
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <div className="button-row">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? t('notifications.form.saving') : t('notifications.form.save')}
        </button>
        <button type="button" className="button-secondary" onClick={() => onDone(null)}>
          {t('notifications.form.cancel')}
        </button>
      </div>
    </form>
  );
}

function SecretField({ secret, setSecret, keeps }: { secret: string; setSecret(value: string): void; keeps: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={`${id}-secret`}>{t('notifications.form.secret')}</label>
      <div className="button-row">
        <input
          id={`${id}-secret`}
          type="text"
          value={secret}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-secret-hint`}
          onChange={(e) => setSecret(e.target.value)}
        />
        <button type="button" className="button-secondary" onClick={() => setSecret(newSecret())}>
          {t('notifications.form.generate')}
        </button>
      </div>
      <p className="hint" id={`${id}-secret-hint`}>
        {keeps ? t('notifications.form.secretKeep') : t('notifications.form.secretHint')}
      </p>
    </div>
  );
}

function EventsField({
  events,
  toggle,
  threshold,
  setThreshold,
}: {
  events: NotificationEvent[];
  toggle(event: NotificationEvent, on: boolean): void;
  threshold: string;
  setThreshold(value: string): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <>
      <fieldset>
        <legend>{t('notifications.form.eventsLegend')}</legend>
        {notificationEvents.map((event) => (
          <div className="checkbox-field" key={event}>
            <input
              id={`${id}-event-${event}`}
              type="checkbox"
              checked={events.includes(event)}
              onChange={(e) => toggle(event, e.target.checked)}
            />
            <label htmlFor={`${id}-event-${event}`}>{t(`notifications.events.${event}`)}</label>
          </div>
        ))}
      </fieldset>
      {events.includes('merge.suggested') ? (
        <div className="field">
          <label htmlFor={`${id}-threshold`}>{t('notifications.form.threshold')}</label>
          <input
            id={`${id}-threshold`}
            type="number"
            min={0}
            max={1}
            step={0.05}
            value={threshold}
            aria-describedby={`${id}-threshold-hint`}
            onChange={(e) => setThreshold(e.target.value)}
          />
          <p className="hint" id={`${id}-threshold-hint`}>
            {t('notifications.form.thresholdHint')}
          </p>
        </div>
      ) : null}
    </>
  );
}
