import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { chooseLanguage, followSystemLanguage, storedLanguage } from '../../i18n';
import { languageNames, languages, type Language } from '../../i18n/language';

type Choice = Language | 'system';

/**
 * The UI language: the same switch as the sidebar's, plus "System" (follow the
 * OS again). It applies at once; the choice is also saved in the tenant's
 * settings so that the command line and a later shell can read it.
 */
export function LanguageSetting() {
  const { t } = useTranslation();
  const id = useId();
  // Read from storage at each render: the sidebar's switch changes it too (and re-renders us through i18n).
  const [, setVersion] = useState(0);
  const choice: Choice = storedLanguage() ?? 'system';
  const save = useMutation({ mutationFn: (language: Language | null) => api.call('settings:update', { language }) });

  const change = (next: Choice) => {
    // Both store the choice synchronously, before switching the language.
    const switched = next === 'system' ? followSystemLanguage() : chooseLanguage(next);
    setVersion((v) => v + 1);
    void switched.then(() => save.mutate(next === 'system' ? null : next));
  };

  return (
    <section className="card settings-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.language.title')}</h2>
      <div className="field">
        <label htmlFor={`${id}-language`}>{t('settings.language.label')}</label>
        <select id={`${id}-language`} value={choice} onChange={(e) => change(e.target.value as Choice)} aria-describedby={`${id}-hint`}>
          <option value="system">{t('settings.language.system')}</option>
          {languages.map((language) => (
            <option key={language} value={language} lang={language}>
              {languageNames[language]}
            </option>
          ))}
        </select>
        <p className="hint" id={`${id}-hint`}>
          {t('settings.language.hint')}
        </p>
      </div>
      {save.isError ? <ErrorAlert error={save.error} /> : null}
    </section>
  );
}
