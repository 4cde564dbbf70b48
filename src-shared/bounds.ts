/**
 * The ranges every way in (import, channels, reports) accepts, defined once:
 * a date an import takes is one a report can ask for, and an amount the app
 * stores is one it can show and add without losing digits.
 */

/** The first day the app stores or reports. */
export const DATE_MIN = '1970-01-01';
/** The day after the last one: stored days are before it; a period may end on it (ends are excluded). */
export const DATE_END = '2100-01-01';
export const DATE_RANGE_TEXT = `from ${DATE_MIN} to 2099-12-31`;
/** Both bounds are January 1sts, so a day's year alone decides (a fast check for a million rows). */
export const isStorableYear = (year: number): boolean => year >= Number(DATE_MIN.slice(0, 4)) && year < Number(DATE_END.slice(0, 4));

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A 'YYYY-MM-DD' the app can store: DATE_MIN ≤ day < DATE_END (compared as text, which is exact for four-digit years). */
export const isStorableDay = (day: string): boolean => ISO_DAY.test(day) && day >= DATE_MIN && day < DATE_END;

/** The end of a period [from, to): a day after DATE_MIN, up to DATE_END itself. */
export const isPeriodEnd = (day: string): boolean => ISO_DAY.test(day) && day > DATE_MIN && day <= DATE_END;

export const dayOutOfRange = (day: string) => `the date ${day} is outside the range the app keeps (${DATE_RANGE_TEXT})`;

/** The largest amount of money, in a currency's unit, the app takes (either sign). */
export const MAX_AMOUNT = 1e12;
export const MAX_AMOUNT_TEXT = '1,000,000,000,000';
/** Decimal places an amount may have (enough for any currency's minor unit, and for unit prices). */
export const AMOUNT_DECIMALS = 4;

/**
 * Why an exact decimal text ('-1234.5', digits without leading zeros) is not
 * an amount the app takes, or undefined. Trailing zeros of the fraction do
 * not count as decimal places.
 */
export function amountTextProblem(text: string): string | undefined {
  const m = /^-?(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return 'not a decimal number';
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (m[2] ?? '').replace(/0+$/, '');
  if (fraction.length > AMOUNT_DECIMALS) return `more than ${AMOUNT_DECIMALS} decimal places`;
  if (whole.length > 13 || (whole.length === 13 && (whole !== '1000000000000' || fraction !== ''))) {
    return `larger than ${MAX_AMOUNT_TEXT} (either sign)`;
  }
  return undefined;
}

/** The same rule for a number (a channel's input): finite, |n| ≤ MAX_AMOUNT, at most AMOUNT_DECIMALS places as written. */
export function amountProblem(n: number): string | undefined {
  if (!Number.isFinite(n)) return 'not a finite number';
  if (Math.abs(n) > MAX_AMOUNT) return `larger than ${MAX_AMOUNT_TEXT} (either sign)`;
  // String(n) is the shortest text that reads back as n: the number as it was typed or sent.
  const text = String(n);
  if (text.includes('e')) return n === 0 ? undefined : `more than ${AMOUNT_DECIMALS} decimal places`;
  return amountTextProblem(text);
}

/**
 * A team account's password (`POST /auth/password`, checked again by the
 * page): at least 12 characters, the length OWASP asks of a password without
 * composition rules; at most 1024, so no one makes argon2 hash a megabyte.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

/**
 * A new password's length outside those bounds, or undefined. The minimum
 * counts characters (an emoji is one), the maximum UTF-16 units (what the
 * server reads); the page and the server ask this same function.
 */
export function passwordLengthProblem(password: string): 'tooShort' | 'tooLong' | undefined {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (password.length > MAX_PASSWORD_LENGTH) return 'tooLong';
  return undefined;
}
