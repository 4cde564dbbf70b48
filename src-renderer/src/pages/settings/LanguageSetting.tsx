import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { cachedLanguage } from '../../i18n';
import { languageNames, languages, type Language } from '../../i18n/language';
import { useLanguageSetting } from '../../i18n/use-language';

type Choice = Language | 'system';

/**
 * The UI language: the same switch as the sidebar's, plus "System" (follow the
 * OS again). Both save it in the tenant's settings, which the app reads back
 * at start-up (the command line and the other shells read the same value).
 */
export function LanguageSetting() {
  const { t } = useTranslation();
  const id = useId();
  const language = useLanguageSetting();
  // Until the settings answer, the cached value is the best guess of what they hold.
  const choice: Choice = (language.choice === undefined ? cachedLanguage() : language.choice) ?? 'system';
  const change = (next: Choice) => language.change(next === 'system' ? null : next);

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
      {language.error ? <ErrorAlert error={language.error} /> : null}
    </section>
  );
}
