/** Pure pieces of the exchange-rate form: the draft, its errors and what is sent. */
import { parseAmount } from '../../lib/form-values';

export interface RateDraft {
  currency: string;
  month: string;
  rate: string;
}

export type RateErrors = Partial<Record<keyof RateDraft, 'currency' | 'month' | 'rate' | 'sameCurrency'>>;

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The form, filled in from `#/settings?rateCurrency=USD&rateMonth=2026-04` (a "rate missing" link). */
export function rateDraftFrom(params: URLSearchParams): RateDraft {
  const currency = (params.get('rateCurrency') ?? '').toUpperCase();
  const month = params.get('rateMonth') ?? '';
  return { currency: /^[A-Z]{3}$/.test(currency) ? currency : '', month: MONTH.test(month) ? month : '', rate: '' };
}

export function rateErrors(draft: RateDraft, reportingCurrency: string): RateErrors {
  const errors: RateErrors = {};
  const currency = draft.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = 'currency';
  else if (currency === reportingCurrency) errors.currency = 'sameCurrency';
  if (!MONTH.test(draft.month.trim())) errors.month = 'month';
  const rate = parseAmount(draft.rate);
  if (rate === null || rate <= 0) errors.rate = 'rate';
  return errors;
}

/** What rates:set is sent once rateErrors has none. */
export function rateInput(draft: RateDraft): { currency: string; month: string; rate: number } {
  return { currency: draft.currency.trim().toUpperCase(), month: draft.month.trim(), rate: parseAmount(draft.rate)! };
}
