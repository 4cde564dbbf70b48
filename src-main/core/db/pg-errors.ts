/**
 * PostgreSQL's error codes (SQLSTATE), whether the error is pg's own or
 * Drizzle's wrapper around it ("Failed query: …", pg's error as its cause):
 * the code decides what the user is told, not which API ran the statement.
 */

/** The SQLSTATE of `error` or of the error it wraps; undefined for anything else. */
export function sqlState(error: unknown): string | undefined {
  for (let e = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** A unique constraint refused the row (23505). */
export const isUniqueViolation = (error: unknown): boolean => sqlState(error) === '23505';
