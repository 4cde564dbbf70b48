import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../src-shared/contract/settings';
import { byOrder } from '../../analytics/chart-data';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { useStageName } from '../../analytics/use-stage-name';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { refreshAnalytics } from '../../queries/analytics';
import { settingsQueries } from '../../queries/settings';
import { ACTION_MAX, actionRows, newActionError } from './settings-view';

const UNMAPPED = '';

/**
 * Which actions count for which funnel stage. Every mapped action, and every
 * action seen in the data but mapped to nothing, is a row with a select; a
 * change is saved at once and the core recomputes every number from it.
 */
// eslint-disable-next-line max-lines-per-function -- split in issue 10 wave B
export function ActionMap({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const stageName = useStageName();
  const client = useQueryClient();
  const id = useId();
  const [newAction, setNewAction] = useState('');
  const [newStage, setNewStage] = useState(() => byOrder(settings.stages)[0]?.key ?? '');
  const [submitted, setSubmitted] = useState(false);
  const map = useMutation({
    mutationFn: (input: { action: string; stageKey: string | null }) => api.call('settings:map-action', input),
    onSuccess: (next) => {
      client.setQueryData(settingsQueries.get().queryKey, next);
      refreshAnalytics(client);
    },
  });
  const rows = actionRows(settings);
  const stages = byOrder(settings.stages);
  const addError = submitted ? newActionError(newAction, rows) : null;
  const pendingAction = map.isPending ? map.variables.action : null;

  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`} aria-busy={map.isPending}>
      <h2 id={`${id}-title`}>{t('settings.actions.title')}</h2>
      <p className="hint">{t('settings.actions.help')}</p>
      <p role="status" className={map.isPending ? 'loading' : map.isSuccess ? 'saved-note' : 'visually-hidden'}>
        {map.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {map.isPending ? t('settings.recomputing') : map.isSuccess ? t('settings.actions.saved', { action: map.variables.action }) : ''}
      </p>
      {map.isError ? <ErrorAlert error={map.error} /> : null}
      <div className="table-scroll">
        <table className="data-table action-map" aria-labelledby={`${id}-title`} data-testid="action-map">
          <thead>
            <tr>
              <th scope="col">{t('settings.actions.action')}</th>
              <th scope="col" className="num">
                {t('settings.actions.activities')}
              </th>
              <th scope="col">{t('settings.actions.stage')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.action}>
                <th scope="row">
                  <code>{row.action}</code>
                  {row.stageKey === null ? <span className="tag">{t('settings.actions.unmappedTag')}</span> : null}
                </th>
                <td className="num">{format.count(row.activities)}</td>
                <td>
                  <label className="visually-hidden" htmlFor={`${id}-${row.action}`}>
                    {t('settings.actions.stageOf', { action: row.action })}
                  </label>
                  <select
                    id={`${id}-${row.action}`}
                    value={row.stageKey ?? UNMAPPED}
                    disabled={map.isPending}
                    aria-describedby={pendingAction === row.action ? `${id}-pending` : undefined}
                    onChange={(e) => map.mutate({ action: row.action, stageKey: e.target.value === UNMAPPED ? null : e.target.value })}
                  >
                    <option value={UNMAPPED}>{t('settings.actions.notCounted')}</option>
                    {stages.map((s) => (
                      <option key={s.key} value={s.key}>
                        {stageName(s)}
                      </option>
                    ))}
                  </select>
                  {pendingAction === row.action ? (
                    <span id={`${id}-pending`} className="muted row-pending">
                      {t('settings.saving')}
                    </span>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form
        className="filter-bar add-action"
        aria-label={t('settings.actions.addLabel')}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSubmitted(true);
          if (newActionError(newAction, rows) === null && newStage) {
            map.mutate(
              { action: newAction.trim(), stageKey: newStage },
              {
                onSuccess: () => {
                  setNewAction('');
                  setSubmitted(false);
                },
              },
            );
          }
        }}
      >
        <div className="field">
          <label htmlFor={`${id}-new`}>{t('settings.actions.newAction')}</label>
          <input
            id={`${id}-new`}
            type="text"
            value={newAction}
            maxLength={ACTION_MAX + 20}
            autoComplete="off"
            spellCheck={false}
            placeholder={t('settings.actions.newActionPlaceholder')}
            aria-invalid={addError ? true : undefined}
            aria-describedby={addError ? `${id}-new-error` : undefined}
            onChange={(e) => setNewAction(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-new-stage`}>{t('settings.actions.stage')}</label>
          <select id={`${id}-new-stage`} value={newStage} onChange={(e) => setNewStage(e.target.value)}>
            {stages.map((s) => (
              <option key={s.key} value={s.key}>
                {stageName(s)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={map.isPending}>
          {t('settings.actions.add')}
        </button>
        {addError ? (
          <p id={`${id}-new-error`} role="alert" className="field-error">
            {t(`settings.actions.errors.${addError}`, { max: ACTION_MAX })}
          </p>
        ) : null}
      </form>
    </section>
  );
}
