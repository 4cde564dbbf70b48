import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SettingsDraft, SettingsErrors } from './settings-view';

type Field = keyof SettingsErrors;

/** What each section of the general settings form needs to show and edit its fields. */
export interface DraftFields {
  id: string;
  draft: SettingsDraft;
  set: <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => void;
  /** The invalid state of a field (after a submit), for its input. */
  invalid: (key: Field) => { 'aria-invalid'?: true; 'aria-describedby'?: string };
  /** The error under a field (after a submit), or nothing. */
  message: (key: Field) => ReactNode;
}

/** The form's fields over `draft`: errors show only once the user tried to save. */
export function useDraftFields(
  id: string,
  draft: SettingsDraft,
  setDraft: (draft: SettingsDraft) => void,
  errors: SettingsErrors,
  submitted: boolean,
): DraftFields {
  const { t } = useTranslation();
  const error = (key: Field) => (submitted ? errors[key] : undefined);
  return {
    id,
    draft,
    set: (key, value) => setDraft({ ...draft, [key]: value }),
    invalid: (key) => (error(key) ? { 'aria-invalid': true, 'aria-describedby': `${id}-${key}-error` } : {}),
    message: (key) => {
      const e = error(key);
      return e ? (
        <p className="field-error" id={`${id}-${key}-error`}>
          {t(
            `settings.errors.${key === 'valuePerConversion' ? (e === 'negative' ? 'negative' : 'invalidNumber') : key === 'valueCurrency' ? 'invalidCurrency' : 'invalidLookback'}`,
          )}
        </p>
      ) : null;
    },
  };
}
