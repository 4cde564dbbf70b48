import { useTranslation } from 'react-i18next';
import { chooseLanguage, currentLanguage } from '../i18n';
import { isLanguage, languageNames, languages } from '../i18n/language';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <div className="language-switch">
      <label htmlFor="language-select">{t('app.language')}</label>
      <select
        id="language-select"
        value={currentLanguage(i18n.resolvedLanguage)}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void chooseLanguage(event.target.value);
        }}
      >
        {languages.map((language) => (
          <option key={language} value={language} lang={language}>
            {languageNames[language]}
          </option>
        ))}
      </select>
    </div>
  );
}
