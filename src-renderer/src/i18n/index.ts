import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en, { type Messages } from './en';
import ja from './ja';
import { readStored, writeStored } from '../lib/storage';
import { detectLanguage, isLanguage, type Language } from './language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

/**
 * The language lives in the tenant's settings (`app.tenant_settings.language`,
 * read with `settings:get`); this key only caches the last value read, so that
 * the first paint is already in it. The database value overrides it as soon
 * as it arrives (`applyLanguage`).
 */
const CACHE_KEY = 'drm.language';

/** The cached choice, or null while the OS language decides (nothing cached, or "System"). */
export function cachedLanguage(): Language | null {
  const cached = readStored('local', CACHE_KEY);
  return isLanguage(cached) ? cached : null;
}

/** Without storage the first paint follows the OS until the settings answer. */
const cacheLanguage = (language: Language | null) => writeStored('local', CACHE_KEY, language);

const osLanguages = () => navigator.languages ?? [navigator.language];

/** Screen readers pick their voice from `lang`; fonts pick Japanese glyph shapes from it too. */
function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
}

export async function initI18n(): Promise<typeof i18next> {
  const language = detectLanguage(cachedLanguage(), osLanguages());
  i18next.on('languageChanged', applyDocumentLanguage);
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, ja: { translation: ja } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['en', 'ja'],
    // React already escapes what it renders; escaping here would double-escape.
    interpolation: { escapeValue: false },
    returnNull: false,
    // An offline desktop app has no use for a vendor notice in its console.
    showSupportNotice: false,
  });
  applyDocumentLanguage(language);
  return i18next;
}

/** Shows the app in the tenant's language (null: the OS's), and caches it for the next first paint. */
export async function applyLanguage(language: Language | null): Promise<void> {
  cacheLanguage(language);
  const next = detectLanguage(language, osLanguages());
  if (i18next.resolvedLanguage !== next) await i18next.changeLanguage(next);
}

export function currentLanguage(language: string | undefined): Language {
  return isLanguage(language) ? language : 'en';
}
