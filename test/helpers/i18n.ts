/**
 * The renderer's English and Japanese translations in a fresh i18next
 * instance, and a component rendered to static markup with them: what the
 * renderer unit tests need to check a page's words in both languages.
 */
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { createInstance, type i18n as I18n } from 'i18next';
import en from '../../src-renderer/src/i18n/en';
import ja from '../../src-renderer/src/i18n/ja';

export type Language = 'en' | 'ja';

/** A new i18next instance in `language`, holding both languages' translations as the app does. */
export async function testI18n(language: Language): Promise<I18n> {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({
    lng: language,
    resources: { en: { translation: en }, ja: { translation: ja } },
    interpolation: { escapeValue: false },
  });
  return i18n;
}

/** `element`'s markup, rendered with `i18n` (one of testI18n's). */
export const markupWith = (i18n: I18n, element: ReactElement): string =>
  renderToStaticMarkup(createElement(I18nextProvider, { i18n }, element));

/** `element`'s markup in `language`. */
export const renderIn = async (language: Language, element: ReactElement): Promise<string> => markupWith(await testI18n(language), element);
