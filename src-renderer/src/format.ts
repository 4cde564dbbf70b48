import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

export interface Formatters {
  number(value: number): string;
  dateTime(value: Date): string;
}

/** Numbers and dates in the active UI language, rebuilt only when it changes. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const numbers = new Intl.NumberFormat(locale);
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return { number: (value) => numbers.format(value), dateTime: (value) => dates.format(value) };
  }, [locale]);
}
