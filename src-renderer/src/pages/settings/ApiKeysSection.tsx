import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiKeySummary } from '../../../../src-shared/contract/api-keys';
import { apiKeyScopes, type ApiKeyScope } from '../../../../src-shared/contract/values';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Who } from '../../components/Who';
import { useFormatters } from '../../format';
import { apiKeyMutations, apiKeyQueries } from '../../queries/api-keys';
import { NewKeyDialog } from './NewKeyDialog';

/** Settings → API keys: create (the key shown once), list with scope and last use, revoke after a confirm. */
export function ApiKeysSection() {
  const { t } = useTranslation();
  const id = useId();
  const client = useQueryClient();
  const query = useQuery(apiKeyQueries.list());
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['ingest']);
  const [secret, setSecret] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKeySummary | null>(null);
  const [done, setDone] = useState('');
  const refresh = () => void client.invalidateQueries({ queryKey: apiKeyQueries.all() });

  const create = useMutation({
    ...apiKeyMutations.create(),
    onSuccess: (created) => {
      setSecret(created.key);
      setName('');
      refresh();
    },
  });
  const revoke = useMutation({
    ...apiKeyMutations.revoke(),
    onSuccess: (revoked) => {
      setRevoking(null);
      setDone(t('apiKeys.revoked', { name: revoked.name }));
      refresh();
    },
  });
  const toggle = (scope: ApiKeyScope, on: boolean) => setScopes((s) => (on ? [...s, scope] : s.filter((x) => x !== scope)));

  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`} data-testid="api-keys">
      <h2 id={`${id}-title`}>{t('apiKeys.title')}</h2>
      <p className="hint">{t('apiKeys.help')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setDone('');
          if (name.trim() && scopes.length > 0) create.mutate({ name: name.trim(), scopes });
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('apiKeys.name')}</label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={200}
            required
            aria-describedby={`${id}-name-hint`}
            onChange={(e) => setName(e.target.value)}
          />
          <p className="hint" id={`${id}-name-hint`}>
            {t('apiKeys.nameHint')}
          </p>
        </div>
        <fieldset className="field">
          <legend>{t('apiKeys.scopes')}</legend>
          {apiKeyScopes.map((scope) => (
            <label key={scope} className="checkbox">
              <input type="checkbox" checked={scopes.includes(scope)} onChange={(e) => toggle(scope, e.target.checked)} />{' '}
              {t(`apiKeys.scope.${scope}`)}
            </label>
          ))}
          {scopes.length === 0 ? <p className="field-error">{t('apiKeys.noScope')}</p> : null}
        </fieldset>
        <button type="submit" disabled={create.isPending || scopes.length === 0}>
          {create.isPending ? t('apiKeys.creating') : t('apiKeys.create')}
        </button>
      </form>
      {create.isError ? <ErrorAlert error={create.error} /> : null}
      {revoke.isError ? <ErrorAlert error={revoke.error} /> : null}
      {query.isError ? <ErrorAlert error={query.error} onRetry={() => void query.refetch()} retrying={query.isFetching} /> : null}
      <p role="status" className={done ? 'saved-note' : 'visually-hidden'}>
        {done}
      </p>
      {query.data ? <ApiKeyTable keys={query.data} onRevoke={setRevoking} /> : null}
      <NewKeyDialog secret={secret} onClose={() => setSecret(null)} />
      <ConfirmDialog
        open={revoking !== null}
        title={t('apiKeys.revokeTitle', { name: revoking?.name ?? '' })}
        confirmLabel={t('apiKeys.revoke')}
        cancelLabel={t('apiKeys.cancel')}
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate({ apiKeyId: revoking.apiKeyId })}
        onCancel={() => setRevoking(null)}
      >
        <p>{t('apiKeys.revokeBody')}</p>
      </ConfirmDialog>
    </section>
  );
}

function ApiKeyTable({ keys, onRevoke }: { keys: ApiKeySummary[]; onRevoke(key: ApiKeySummary): void }) {
  const { t } = useTranslation();
  const f = useFormatters();
  if (keys.length === 0) return <p className="muted">{t('apiKeys.empty')}</p>;
  const when = (iso: string | null) => (iso === null ? t('apiKeys.never') : f.dateTime(new Date(iso)));
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">{t('apiKeys.listLabel')}</caption>
        <thead>
          <tr>
            {(['name', 'key', 'scope', 'created', 'createdBy', 'lastUsed', 'state'] as const).map((c) => (
              <th scope="col" key={c}>
                {t(`apiKeys.columns.${c}`)}
              </th>
            ))}
            <th scope="col">
              <span className="visually-hidden">{t('apiKeys.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k.apiKeyId} data-testid="api-key-row">
              <th scope="row">{k.name}</th>
              <td className="mono">{`drm_${k.publicId}_…`}</td>
              <td>{k.scopes.join(' ')}</td>
              <td>{when(k.createdAt)}</td>
              <td>
                <Who user={k.createdByUser} />
              </td>
              <td data-testid="api-key-last-used">{when(k.lastUsedAt)}</td>
              <td>{k.revokedAt ? t('apiKeys.revokedAt', { when: when(k.revokedAt) }) : t('apiKeys.active')}</td>
              <td>
                {k.revokedAt ? null : (
                  <button
                    type="button"
                    className="button-secondary button-small"
                    aria-label={t('apiKeys.revokeOf', { name: k.name })}
                    onClick={() => onRevoke(k)}
                  >
                    {t('apiKeys.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
