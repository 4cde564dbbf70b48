/**
 * Numbers, money and days of the analytics pages in the UI language, with
 * Intl only. Money keeps its currency's own digits (JPY none, USD two) and is
 * never summed across currencies. Days are calendar days ('YYYY-MM-DD'): they
 * are formatted in UTC so that no zone shifts them by one.
 */
import type { TrendBucket } from '../../../src-shared/contract/common';
import { lastDay, type Period } from './period';

export interface AnalyticsFormat {
  /** Whole counts: "1,234". */
  count(value: number): string;
  /** Attribution weights and weighted conversions: up to two decimals ("3.33"). */
  weight(value: number): string;
  /** An amount in its currency: "¥12,346", "$1,234.50". */
  money(amount: number, currency: string): string;
  /** A share 0…1 with one decimal: "66.7%". */
  share(value: number): string;
  /** A change as a signed share: "+12.5%", "-3%", "0%". */
  signedShare(value: number): string;
  /** A percentage already ×100 (ROI %): "-12.5%". */
  percentValue(value: number): string;
  /** Small ratios such as conversions per yen: three significant digits. */
  ratio(value: number): string;
  /** '2025-03-04' → "Mar 4, 2025". */
  day(day: string): string;
  /** A trend bucket's first day, as short as its size allows. */
  bucket(day: string, bucket: TrendBucket): string;
  /** A half-open period as the inclusive range people read: "Mar 4 – 10, 2025". */
  period(period: Period): string;
}

function utcDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function createAnalyticsFormat(locale: string): AnalyticsFormat {
  const counts = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const weights = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const shares = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 });
  const signedShares = new Intl.NumberFormat(locale, {
    style: 'percent',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  });
  const ratios = new Intl.NumberFormat(locale, { maximumSignificantDigits: 3 });
  const days = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' });
  const dayShort = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const months = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', timeZone: 'UTC' });
  const moneyFormats = new Map<string, Intl.NumberFormat | null>();
  const moneyFormat = (currency: string) => {
    if (!moneyFormats.has(currency)) {
      try {
        moneyFormats.set(currency, new Intl.NumberFormat(locale, { style: 'currency', currency }));
      } catch {
        // Not an ISO 4217 code this engine knows: the number and the code as given.
        moneyFormats.set(currency, null);
      }
    }
    return moneyFormats.get(currency) ?? null;
  };
  return {
    count: (value) => counts.format(value),
    weight: (value) => weights.format(value),
    money: (amount, currency) => {
      const format = moneyFormat(currency);
      return format ? format.format(amount) : `${weights.format(amount)} ${currency}`;
    },
    share: (value) => shares.format(value),
    signedShare: (value) => signedShares.format(value),
    percentValue: (value) => shares.format(value / 100),
    ratio: (value) => ratios.format(value),
    day: (day) => days.format(utcDate(day)),
    bucket: (day, bucket) => (bucket === 'month' ? months.format(utcDate(day)) : dayShort.format(utcDate(day))),
    period: (period) => days.formatRange(utcDate(period.from), utcDate(lastDay(period))),
  };
}
