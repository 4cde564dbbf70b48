/**
 * Exchange rates into the reporting currency (the tenant's value currency):
 * one rate per currency per month, entered by hand, set from the CLI or
 * imported from a `currency,month,rate` CSV. No network is needed. ROI,
 * campaign_stats and Overview's spend convert each budget entry at its
 * spent_at month's rate.
 */
import { z } from 'zod';
import { currency, emptyInput } from './common';

/** A calendar month as 'YYYY-MM'. */
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM such as 2026-04');

/** Units of the reporting currency one unit of `currency` was worth in `month`. */
export const exchangeRate = z.object({ currency: z.string(), month: z.string(), rate: z.number() });
export type ExchangeRate = z.infer<typeof exchangeRate>;

/** A rate ROI needed and did not find. */
export const missingRate = z.object({ currency: z.string(), month: z.string() });
export type MissingRate = z.infer<typeof missingRate>;

const rateValue = z.number().finite().positive('a rate above 0').max(1e9, 'a rate up to 1,000,000,000');

export const rateInput = z.object({ currency, month, rate: rateValue }).strict();

export const rateList = z.object({
  /** The currency the rates convert into. */
  reportingCurrency: z.string(),
  /** Newest month first, then by currency. */
  rates: z.array(exchangeRate),
});
export type RateList = z.infer<typeof rateList>;

export const rateImportResult = z.object({ imported: z.number().int(), reportingCurrency: z.string() });

export const rateChannels = {
  'rates:list': { input: emptyInput, output: rateList },
  /** Sets (adds or replaces) the rate of a currency for a month. */
  'rates:set': { input: rateInput, output: exchangeRate },
  /** Returns the deleted rate so that the renderer can offer undo (rates:set with it). */
  'rates:delete': { input: z.object({ currency, month }).strict(), output: exchangeRate },
  /** Sets every rate of a `currency,month,rate` CSV (header required), all or none. */
  'rates:import': { input: z.object({ csv: z.string().max(1_000_000) }).strict(), output: rateImportResult },
} as const;
