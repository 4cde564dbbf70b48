/**
 * How a failed call is shown. The user reads the translated summary; the
 * core's own message (English, with ids and field paths such as
 * "campaignId: Invalid UUID") is for a bug report, so it stays folded away,
 * and is left out where it only repeats the summary with an id. Asking again
 * helps only when the failure may pass.
 */
import { isApiCallError, type ApiCallErrorCode } from '../api-error';

export interface ErrorView {
  code: ApiCallErrorCode;
  /** The raw message, shown folded under "Technical details"; null: not shown at all. */
  detail: string | null;
  /** Whether "Try again" can help. */
  retry: boolean;
}

const TRANSIENT: ReadonlySet<ApiCallErrorCode> = new Set(['UNAVAILABLE', 'CONFLICT', 'INTERNAL']);
const NO_DETAIL: ReadonlySet<ApiCallErrorCode> = new Set(['NOT_FOUND', 'UNAUTHORIZED']);

export function errorView(error: unknown): ErrorView {
  const code = isApiCallError(error) ? error.code : 'INTERNAL';
  const message = error instanceof Error ? error.message : String(error);
  return { code, detail: NO_DETAIL.has(code) || message.trim() === '' ? null : message, retry: TRANSIENT.has(code) };
}

/**
 * A record page's own read failed because the address names nothing: an id
 * that is not there (NOT_FOUND) or not an id at all (BAD_INPUT: the id is the
 * read's only input). Such a page says so instead of showing an error.
 */
export function isMissingRecord(error: unknown): boolean {
  return isApiCallError(error) && (error.code === 'NOT_FOUND' || error.code === 'BAD_INPUT');
}
