import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FunnelStage } from '../../../../src-shared/contract/settings';
import { useStageName } from '../../analytics/use-stage-name';
import { ACTION_MAX, newActionError, type ActionRow } from './settings-view';

interface Props {
  /** The prefix of the ids in the action map. */
  id: string;
  rows: readonly ActionRow[];
  /** In order; the first is chosen at first. */
  stages: readonly FunnelStage[];
  disabled: boolean;
  /** Maps the new action; `added` clears the form once it is saved. */
  onAdd: (input: { action: string; stageKey: string }, added: () => void) => void;
}

/** Maps an action not seen yet (one a future import will bring). Its errors show once the user tried to add it. */
export function AddActionForm({ id, rows, stages, disabled, onAdd }: Props) {
  const { t } = useTranslation();
  const stageName = useStageName();
  const [newAction, setNewAction] = useState('');
  const [newStage, setNewStage] = useState(() => stages[0]?.key ?? '');
  const [submitted, setSubmitted] = useState(false);
  const addError = submitted ? newActionError(newAction, rows) : null;
  return (
    <form
      className="filter-bar add-action"
      aria-label={t('settings.actions.addLabel')}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSubmitted(true);
        if (newActionError(newAction, rows) === null && newStage) {
          onAdd({ action: newAction.trim(), stageKey: newStage }, () => {
            setNewAction('');
            setSubmitted(false);
          });
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
      <button type="submit" disabled={disabled}>
        {t('settings.actions.add')}
      </button>
      {addError ? (
        <p id={`${id}-new-error`} role="alert" className="field-error">
          {t(`settings.actions.errors.${addError}`, { max: ACTION_MAX })}
        </p>
      ) : null}
    </form>
  );
}
