import type { ApiError, ApiErrorCode } from '../../src-shared/contract/common';

/**
 * The contract's codes plus the one only a transport can produce: the HTTP
 * shell refusing our token happens before any handler runs, so the core never
 * has a code for it.
 */
export type ApiCallErrorCode = ApiErrorCode | 'UNAUTHORIZED';

/** What `api.call` throws; pages show `code` (translated) and `message` (as detail). */
export class ApiCallError extends Error {
  readonly code: ApiCallErrorCode;
  readonly details: unknown;

  constructor(code: ApiCallErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiCallError';
    this.code = code;
    this.details = details;
  }

  static from(error: ApiError): ApiCallError {
    return new ApiCallError(error.code, error.message, error.details);
  }
}

export function isApiCallError(error: unknown): error is ApiCallError {
  return error instanceof ApiCallError;
}
