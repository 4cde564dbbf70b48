/**
 * Settings → Team database → the connect form: a DATABASE_URL and workspace,
 * or a team server's address. What was typed stays on a refusal (each kind
 * keeps its own address while the other is chosen); the core names the bad
 * fields (BAD_INPUT) or says why it could not connect (UNAVAILABLE, CONFLICT).
 * The URL is never filled in from the saved setting: the core only returns it
 * without its password.
 */
import { useId, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamTarget } from '../../../../src-shared/contract/team';
import { ConnectAlert } from '../../team/ConnectAlert';
import { connectFailure, type ConnectField } from '../../team/team-client-view';
import { useTeamConnect } from '../../team/use-team-switch';

type Kind = TeamTarget['kind'];
const kinds: readonly Kind[] = ['database', 'server'];

export function TeamConnectForm({ urlInputRef }: { urlInputRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const id = useId();
  const connect = useTeamConnect();
  const [kind, setKind] = useState<Kind>('database');
  const [databaseUrl, setDatabaseUrl] = useState('');
  const [tenantId, setTenantId] = useState('default');
  const [serverUrl, setServerUrl] = useState('');
  // The kind the refusal was about: switching kinds hides the other kind's field errors.
  const failure = connect.isError && connect.variables.kind === kind ? connectFailure(connect.error) : null;
  const invalid = (field: ConnectField) =>
    failure?.fields.has(field) ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-error` } : {};
  const fieldError = (field: ConnectField, text: string) =>
    failure?.fields.has(field) ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        {text}
      </p>
    ) : null;

  return (
    <form
      className="team-connect-form"
      aria-labelledby={`${id}-legend`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        connect.mutate(kind === 'database' ? { kind, url: databaseUrl, tenantId } : { kind, url: serverUrl });
      }}
    >
      <fieldset>
        <legend id={`${id}-legend`}>{t('teamClient.how')}</legend>
        {kinds.map((k) => (
          <div className="checkbox-field" key={k}>
            <input
              id={`${id}-kind-${k}`}
              type="radio"
              name={`${id}-kind`}
              value={k}
              checked={kind === k}
              aria-describedby={`${id}-kind-${k}-hint`}
              onChange={() => setKind(k)}
            />
            <label htmlFor={`${id}-kind-${k}`}>{t(`teamClient.kinds.${k}`)}</label>
            <p className="hint" id={`${id}-kind-${k}-hint`}>
              {t(`teamClient.kindHints.${k}`)}
            </p>
          </div>
        ))}
      </fieldset>
      {kind === 'database' ? (
        <>
          <div className="field">
            <label htmlFor={`${id}-url`}>{t('teamClient.databaseUrl')}</label>
            <input
              id={`${id}-url`}
              ref={urlInputRef}
              type="text"
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="off"
              placeholder="postgres://user:password@db.example.com:5432/drm"
              value={databaseUrl}
              onChange={(e) => setDatabaseUrl(e.target.value)}
              {...invalid('url')}
            />
            {fieldError('url', t('teamClient.errors.databaseUrl'))}
            <p className="hint">{t('teamClient.databaseUrlHint')}</p>
          </div>
          <div className="field field-narrow">
            <label htmlFor={`${id}-tenant`}>{t('teamClient.workspace')}</label>
            <input
              id={`${id}-tenant`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="off"
              value={tenantId}
              onChange={(e) => setTenantId(e.target.value)}
              {...invalid('tenantId')}
            />
            {fieldError('tenantId', t('teamClient.errors.workspace'))}
            <p className="hint">{t('teamClient.workspaceHint')}</p>
          </div>
        </>
      ) : (
        <div className="field">
          <label htmlFor={`${id}-server`}>{t('teamClient.serverUrl')}</label>
          <input
            id={`${id}-server`}
            ref={urlInputRef}
            type="url"
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="off"
            placeholder="https://drm.example.com"
            value={serverUrl}
            onChange={(e) => setServerUrl(e.target.value)}
            {...invalid('url')}
          />
          {fieldError('url', t('teamClient.errors.serverUrl'))}
          <p className="hint">{t('teamClient.serverUrlHint')}</p>
        </div>
      )}
      {failure?.alert ? <ConnectAlert title={t('teamClient.connectFailed')} error={failure.alert} /> : null}
      <div className="button-row">
        <button type="submit" disabled={connect.isPending} aria-busy={connect.isPending}>
          {t('teamClient.connect')}
        </button>
        <span role="status" className="hint">
          {connect.isPending ? t('teamClient.connecting') : ''}
        </span>
      </div>
    </form>
  );
}
