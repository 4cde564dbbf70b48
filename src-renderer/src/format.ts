import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatBytes, formatDuration } from './format-units';
import { relativeParts } from './lib/time';

export interface Formatters {
  number(value: number): string;
  dateTime(value: Date): string;
  /** A date without the time: "Mar 4, 2025" */
  date(value: Date): string;
  /** "3 days ago", relative to now */
  relative(value: Date, now?: number): string;
  /** 0.42 → "42%" */
  percent(value: number): string;
  /** A file size: "1.5 MB" */
  bytes(value: number): string;
  /** Milliseconds as "2 min 5 sec" */
  duration(ms: number): string;
}

/** Numbers, dates, sizes and durations in the active UI language, rebuilt only when it changes. */
export function useFormatters(): Formatters {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => {
    const numbers = new Intl.NumberFormat(locale);
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const days = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const relatives = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    const percents = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    return {
      number: (value) => numbers.format(value),
      dateTime: (value) => dates.format(value),
      date: (value) => days.format(value),
      relative: (value, now = Date.now()) => {
        const { value: amount, unit } = relativeParts(value.getTime(), now);
        return relatives.format(amount, unit);
      },
      percent: (value) => percents.format(value),
      bytes: (value) => formatBytes(value, locale),
      duration: (ms) => formatDuration(ms, locale),
    };
  }, [locale]);
}
