import { useTranslation } from 'react-i18next';
import { currentLanguage } from '../i18n';
import { isLanguage, languageNames, languages } from '../i18n/language';
import { useLanguageSetting } from '../i18n/use-language';

/** The sidebar's switch; it saves the tenant's language like Settings does (and applies it at start-up). */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const language = useLanguageSetting();
  return (
    <div className="language-switch">
      <label htmlFor="language-select">{t('app.language')}</label>
      <select
        id="language-select"
        value={currentLanguage(i18n.resolvedLanguage)}
        onChange={(event) => {
          if (isLanguage(event.target.value)) language.change(event.target.value);
        }}
      >
        {languages.map((code) => (
          <option key={code} value={code} lang={code}>
            {languageNames[code]}
          </option>
        ))}
      </select>
    </div>
  );
}
