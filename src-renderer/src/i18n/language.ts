export const languages = ['en', 'ja'] as const;
export type Language = (typeof languages)[number];

/** Each language named in itself, so a user can find theirs whatever is active. */
export const languageNames: Record<Language, string> = { en: 'English', ja: '日本語' };

/** The language the UI shows now (what exports write their words in). */
export function shownLanguage(i18n: { resolvedLanguage?: string; language?: string }): Language {
  const current = i18n.resolvedLanguage ?? i18n.language;
  return isLanguage(current) ? current : 'en';
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

/**
 * The user's explicit choice wins; otherwise the first OS/browser language we
 * ship decides (so `fr, ja` gives Japanese), and English is the fallback.
 */
export function detectLanguage(stored: string | null, preferred: readonly string[]): Language {
  if (isLanguage(stored)) return stored;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}
