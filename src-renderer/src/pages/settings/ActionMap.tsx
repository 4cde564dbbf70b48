import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../src-shared/contract/settings';
import { byOrder } from '../../analytics/chart-data';
import { ErrorAlert } from '../../components/ErrorAlert';
import { refreshAnalytics } from '../../queries/analytics';
import { settingsMutations, settingsQueries } from '../../queries/settings';
import { ActionMapTable } from './ActionMapTable';
import { AddActionForm } from './AddActionForm';
import { actionRows } from './settings-view';

/**
 * Which actions count for which funnel stage. Every mapped action, and every
 * action seen in the data but mapped to nothing, is a row with a select; a
 * change is saved at once and the core recomputes every number from it.
 */
export function ActionMap({ settings }: { settings: Settings }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const id = useId();
  const map = useMutation({
    ...settingsMutations.mapAction(),
    onSuccess: (next) => {
      client.setQueryData(settingsQueries.get().queryKey, next);
      refreshAnalytics(client);
    },
  });
  const rows = actionRows(settings);
  const stages = byOrder(settings.stages);

  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`} aria-busy={map.isPending}>
      <h2 id={`${id}-title`}>{t('settings.actions.title')}</h2>
      <p className="hint">{t('settings.actions.help')}</p>
      <p role="status" className={map.isPending ? 'loading' : map.isSuccess ? 'saved-note' : 'visually-hidden'}>
        {map.isPending ? <span className="spinner" aria-hidden="true" /> : null}
        {map.isPending ? t('settings.recomputing') : map.isSuccess ? t('settings.actions.saved', { action: map.variables.action }) : ''}
      </p>
      {map.isError ? <ErrorAlert error={map.error} /> : null}
      <ActionMapTable
        id={id}
        rows={rows}
        stages={stages}
        pendingAction={map.isPending ? map.variables.action : null}
        disabled={map.isPending}
        onMap={(action, stageKey) => map.mutate({ action, stageKey })}
      />
      <AddActionForm
        id={id}
        rows={rows}
        stages={stages}
        disabled={map.isPending}
        onAdd={(input, added) => map.mutate(input, { onSuccess: added })}
      />
    </section>
  );
}
