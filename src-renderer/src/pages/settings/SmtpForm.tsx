import { useMutation, useQuery, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../src-shared/contract/index';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SmtpSettings } from '../../../../src-shared/contract/notifications';
import { smtpSecurities } from '../../../../src-shared/contract/values';
import { ErrorAlert } from '../../components/ErrorAlert';
import { notificationMutations, notificationQueries } from '../../queries/notifications';

/** Settings → Notifications → Email (SMTP). The password is write-only: the field starts empty and empty keeps it. */
export function SmtpSection() {
  const client = useQueryClient();
  const current = useQuery(notificationQueries.smtp());
  // Here, not in the form: the form starts again from each new answer, and "Saved." must outlive that.
  const save = useMutation({
    ...notificationMutations.saveSmtp(),
    onSuccess: () => void client.invalidateQueries({ queryKey: notificationQueries.smtp().queryKey }),
  });
  if (!current.data) return current.isError ? <ErrorAlert error={current.error} /> : null;
  const s = current.data;
  return <SmtpForm key={`${s.host}|${s.port}|${s.security}|${s.username}|${s.from}|${s.hasPassword}`} saved={s} save={save} />;
}

type Save = UseMutationResult<SmtpSettings, Error, ChannelInput<'notifications:save-smtp'>>;

function SmtpForm({ saved, save }: { saved: SmtpSettings; save: Save }) {
  const { t } = useTranslation();
  const id = useId();
  const [host, setHost] = useState(saved.host);
  const [port, setPort] = useState(String(saved.port));
  const [security, setSecurity] = useState(saved.security);
  const [username, setUsername] = useState(saved.username);
  const [password, setPassword] = useState('');
  const [removePassword, setRemovePassword] = useState(false);
  const [from, setFrom] = useState(saved.from);
  const text = (key: 'host' | 'port' | 'username' | 'from', value: string, set: (v: string) => void, type = 'text', auto = 'off') => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{t(`notifications.smtp.${key}`)}</label>
      <input id={`${id}-${key}`} type={type} value={value} autoComplete={auto} spellCheck={false} onChange={(e) => set(e.target.value)} />
    </div>
  );
  return (
    <form
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          host,
          port: Number(port),
          security,
          username,
          password: removePassword ? '' : password === '' ? undefined : password,
          from,
        });
      }}
    >
      <h3 id={`${id}-title`}>{t('notifications.smtp.title')}</h3>
      <p className="hint">{t('notifications.smtp.hint')}</p>
      {text('host', host, setHost)}
      {text('port', port, setPort, 'number')}
      <div className="field">
        <label htmlFor={`${id}-security`}>{t('notifications.smtp.security')}</label>
        <select id={`${id}-security`} value={security} onChange={(e) => setSecurity(e.target.value as SmtpSettings['security'])}>
          {smtpSecurities.map((s) => (
            <option key={s} value={s}>
              {t(`notifications.smtp.securities.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {text('username', username, setUsername, 'text', 'username')}
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('notifications.smtp.password')}</label>
        <input
          id={`${id}-password`}
          type="password"
          value={password}
          autoComplete="new-password"
          disabled={removePassword}
          aria-describedby={`${id}-password-hint`}
          onChange={(e) => setPassword(e.target.value)}
        />
        <p className="hint" id={`${id}-password-hint`}>
          {saved.hasPassword ? t('notifications.smtp.passwordSet') : t('notifications.smtp.passwordNone')}
        </p>
      </div>
      {saved.hasPassword ? (
        <div className="checkbox-field">
          <input id={`${id}-remove`} type="checkbox" checked={removePassword} onChange={(e) => setRemovePassword(e.target.checked)} />
          <label htmlFor={`${id}-remove`}>{t('notifications.smtp.removePassword')}</label>
        </div>
      ) : null}
      {text('from', from, setFrom, 'email')}
      {save.isError ? <ErrorAlert error={save.error} /> : null}
      <div className="button-row">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? t('notifications.smtp.saving') : t('notifications.smtp.save')}
        </button>
        <span role="status" className="hint">
          {save.isSuccess ? t('notifications.smtp.saved') : ''}
        </span>
      </div>
    </form>
  );
}
