/**
 * What every room of the contract shares: how errors and results cross the
 * boundary, and the zod shapes several domains take (ids, days, periods,
 * money). A shape used by one domain stays in that domain's file.
 *
 * Periods are half-open [from, to) of calendar days ('YYYY-MM-DD') in the
 * tenant's time zone. Money travels as numbers of the currency's unit and is
 * never added across currencies.
 */
import { z } from 'zod';
import { amountProblem, DATE_RANGE_TEXT, isPeriodEnd, isStorableDay } from '../bounds';

export const apiErrorCodes = ['BAD_INPUT', 'NOT_FOUND', 'CONFLICT', 'UNAVAILABLE', 'INTERNAL'] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

/** How an error crosses the boundary: data, never a stack trace. */
export interface ApiError {
  code: ApiErrorCode;
  message: string;
  details?: unknown;
}

/** The envelope every channel answers with, over IPC and HTTP alike. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const emptyInput = z.object({}).strict();

export const uuid = z.string().uuid();
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
/** A day the app stores or a period starts on (src-shared/bounds.ts). */
export const day = isoDay.refine(isStorableDay, `a date ${DATE_RANGE_TEXT}`);
/** A period's (excluded) end: it may be the day after the last storable one. */
export const periodEnd = isoDay.refine(isPeriodEnd, `an end date after 1970-01-01, up to 2100-01-01 (excluded)`);
export const period = { from: day, to: periodEnd };

/** Money in a currency's unit: finite, at most 10^12 either way, at most 4 decimal places. */
export const amount = z.number().superRefine((n, ctx) => {
  const problem = amountProblem(n);
  if (problem) ctx.addIssue({ code: 'custom', message: `an amount ${problem}` });
});
export const currency = z
  .string()
  .trim()
  .regex(/^[A-Z]{3}$/, 'a three-letter currency code such as JPY');

export const money = z.object({ currency: z.string(), amount: z.number() });
export type Money = z.infer<typeof money>;

/**
 * Who did something, as an audit column records it (README "Who did what"):
 * a signed-in team member, or on the desktop the OS account's local user
 * (`email` then `<username>@localhost`). Outputs hold null where nobody was
 * recorded: rows written before the app recorded it.
 */
export const auditUser = z.object({ userId: z.string(), displayName: z.string().nullable(), email: z.string() });
export type AuditUser = z.infer<typeof auditUser>;

/** How reports group days over time (the trend, a campaign's activity over time). */
import { trendBuckets, type TrendBucket } from './values';

export { trendBuckets, type TrendBucket };

/** A file the core made for the user to save (a CSV export, a template). */
export const csvFile = z.object({ fileName: z.string(), content: z.string() });

/**
 * The language a CSV export writes its words in (stage titles): the UI's.
 * Without it, the tenant's language setting, else English.
 */
export const exportLanguage = z.enum(['en', 'ja']).optional();
