import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en, { type Messages } from './en';
import ja from './ja';
import { detectLanguage, isLanguage, type Language } from './language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: Messages };
  }
}

const STORAGE_KEY = 'drm.language';

function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** Screen readers pick their voice from `lang`; fonts pick Japanese glyph shapes from it too. */
function applyDocumentLanguage(language: string): void {
  document.documentElement.lang = language;
}

export async function initI18n(): Promise<typeof i18next> {
  const language = detectLanguage(readStoredLanguage(), navigator.languages ?? [navigator.language]);
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

/** The explicit choice is remembered; until then the OS language keeps deciding. */
export async function chooseLanguage(language: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Without storage the choice lasts for this session only.
  }
  await i18next.changeLanguage(language);
}

/** The remembered choice, or null while the OS language decides (Settings shows "System"). */
export function storedLanguage(): Language | null {
  const stored = readStoredLanguage();
  return isLanguage(stored) ? stored : null;
}

/** Forgets the explicit choice: the OS/browser language decides again, now and at the next start. */
export async function followSystemLanguage(): Promise<void> {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing was stored, or storage is unavailable: either way nothing overrides the OS.
  }
  await i18next.changeLanguage(detectLanguage(null, navigator.languages ?? [navigator.language]));
}

export function currentLanguage(language: string | undefined): Language {
  return isLanguage(language) ? language : 'en';
}
