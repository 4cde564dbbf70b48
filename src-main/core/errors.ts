import { DrizzleQueryError } from 'drizzle-orm';
import { ZodError } from 'zod';
import type { ApiError, ApiErrorCode } from '../../src-shared/contract/common';
import { databaseStoppedMessage, isConnectionLost } from './db/connection-errors';

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
  // PostgreSQL went away (stopped, killed, unreachable): not a bug, and the answer to it is a restart.
  if (isConnectionLost(error))
    return { code: 'UNAVAILABLE', message: databaseStoppedMessage(error), details: { reason: 'database-stopped' } };
  // Unknown failures keep their message but never their stack (nor Drizzle's "Failed query: …" and its parameters).
  const cause = error instanceof DrizzleQueryError && error.cause instanceof Error ? error.cause : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  return { code: 'INTERNAL', message };
}

/** An error's message for a sentence shown to the user or logged (anything thrown, not only an Error). */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
