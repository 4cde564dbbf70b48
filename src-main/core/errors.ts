import { ZodError } from 'zod';
import type { ApiError, ApiErrorCode } from '../../src-shared/contract';

/** An error the core means to show the user: it carries a code and details. */
export class CoreError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

/** Turns anything thrown by a handler into the data that crosses the boundary. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof CoreError) {
    return error.details === undefined
      ? { code: error.code, message: error.message }
      : { code: error.code, message: error.message, details: error.details };
  }
  if (error instanceof ZodError) {
    return {
      code: 'BAD_INPUT',
      message: error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; '),
      details: error.issues.map((i) => ({ path: i.path.map(String), message: i.message })),
    };
  }
  // Unknown failures keep their message but never their stack.
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}
