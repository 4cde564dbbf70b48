/**
 * Settings → Team database → the connect form: a DATABASE_URL and workspace,
 * or a team server's address. What was typed stays on a refusal (each kind
 * keeps its own address while the other is chosen); the core names the bad
 * fields (BAD_INPUT) or says why it could not connect (UNAVAILABLE, CONFLICT).
 * The URL is never filled in from the saved setting: the core only returns it
 * without its password.
 */
import { useId, useState, type ReactNode, type RefObject } from 'react';
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
          <TextField
            id={`${id}-url`}
            label={t('teamClient.databaseUrl')}
            hint={t('teamClient.databaseUrlHint')}
            error={fieldError('url', t('teamClient.errors.databaseUrl'))}
            invalid={invalid('url')}
            inputRef={urlInputRef}
            placeholder="postgres://user:password@db.example.com:5432/drm"
            value={databaseUrl}
            onChange={setDatabaseUrl}
          />
          <TextField
            id={`${id}-tenant`}
            narrow
            label={t('teamClient.workspace')}
            hint={t('teamClient.workspaceHint')}
            error={fieldError('tenantId', t('teamClient.errors.workspace'))}
            invalid={invalid('tenantId')}
            value={tenantId}
            onChange={setTenantId}
          />
        </>
      ) : (
        <TextField
          id={`${id}-server`}
          type="url"
          label={t('teamClient.serverUrl')}
          hint={t('teamClient.serverUrlHint')}
          error={fieldError('url', t('teamClient.errors.serverUrl'))}
          invalid={invalid('url')}
          inputRef={urlInputRef}
          placeholder="https://drm.example.com"
          value={serverUrl}
          onChange={setServerUrl}
        />
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

interface TextFieldProps {
  id: string;
  label: string;
  hint: string;
  /** The core's complaint about this field, already rendered (fieldError), or null. */
  error: ReactNode;
  invalid: { 'aria-invalid'?: true; 'aria-describedby'?: string };
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'url';
  placeholder?: string;
  inputRef?: RefObject<HTMLInputElement | null>;
  narrow?: boolean;
}

/** An address or an id typed by hand: no autofill, no spelling fixes, no capital first letter. */
function TextField({ id, label, hint, error, invalid, value, onChange, type = 'text', placeholder, inputRef, narrow }: TextFieldProps) {
  return (
    <div className={narrow ? 'field field-narrow' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={inputRef}
        type={type}
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="off"
        placeholder={placeholder}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...invalid}
      />
      {error}
      <p className="hint">{hint}</p>
    </div>
  );
}
