import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { createAnalyticsFormat, type AnalyticsFormat } from './format';

/** The analytics formatters in the active UI language, rebuilt only when it changes. */
export function useAnalyticsFormat(): AnalyticsFormat {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => createAnalyticsFormat(locale), [locale]);
}
