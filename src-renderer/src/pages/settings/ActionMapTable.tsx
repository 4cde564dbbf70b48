import { useTranslation } from 'react-i18next';
import { actionLabel } from '../../lib/labels';
import type { FunnelStage } from '../../../../src-shared/contract/settings';
import { useAnalyticsFormat } from '../../analytics/use-analytics-format';
import { useStageName } from '../../analytics/use-stage-name';
import type { ActionRow } from './settings-view';

const UNMAPPED = '';

interface Props {
  /** The prefix of the ids in the action map (its title's too). */
  id: string;
  rows: readonly ActionRow[];
  stages: readonly FunnelStage[];
  /** The action being saved, if any: every select waits for it. */
  pendingAction: string | null;
  disabled: boolean;
  onMap: (action: string, stageKey: string | null) => void;
}

/** One row per action with its count and a select of the stage it counts for (or none). */
export function ActionMapTable({ id, rows, stages, pendingAction, disabled, onMap }: Props) {
  const { t } = useTranslation();
  const format = useAnalyticsFormat();
  const stageName = useStageName();
  return (
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
                {/* The key stays beside its label: it is what import files say. */}
                {actionLabel(t, row.action) !== row.action ? <>{actionLabel(t, row.action)} </> : null}
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
                  disabled={disabled}
                  aria-describedby={pendingAction === row.action ? `${id}-pending` : undefined}
                  onChange={(e) => onMap(row.action, e.target.value === UNMAPPED ? null : e.target.value)}
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
  );
}
