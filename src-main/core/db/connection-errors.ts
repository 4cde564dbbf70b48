/**
 * Telling "the database went away" from every other failure: the server was
 * stopped or killed, the connection was reset, or it can no longer be
 * reached. Such a failure is not the user's input and not a bug of ours;
 * the shells say so (UNAVAILABLE, "restart the app") instead of showing a
 * driver's message as an internal error.
 */

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN', 'EHOSTUNREACH', 'ECONNABORTED']);
/** SQLSTATEs of a server shutting down or crashing (class 57P) and of connection exceptions (class 08). */
const SERVER_GONE = /^(57P0[123]|08\w{3})$/;
const DRIVER_MESSAGES = [
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'Cannot use a pool after calling end on the pool',
  'terminating connection due to',
];

export function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  // Drizzle wraps the driver's error ("Failed query: …") and keeps it as the cause.
  if (error.cause !== undefined && isConnectionLost(error.cause)) return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_GONE.test(code))) return true;
  // pg reports a refused connection of a pool as an AggregateError of each address's ECONNREFUSED.
  if (error instanceof AggregateError && error.errors.some(isConnectionLost)) return true;
  return DRIVER_MESSAGES.some((text) => error.message.includes(text));
}

/** The innermost cause of a failure (Drizzle and pg wrap the driver's error as `cause`). */
export function rootCause(error: unknown): unknown {
  let root = error;
  while (root instanceof Error && root.cause instanceof Error) root = root.cause;
  return root;
}

/** What a failure says: its message, else its code (ECONNREFUSED), else its name. */
export function detailOf(error: unknown): string {
  return error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
}

/** The sentence every shell shows when the database is gone. */
export function databaseStoppedMessage(error: unknown, during?: string): string {
  const detail = detailOf(rootCause(error));
  return (
    `The database stopped${during ? ` during ${during}` : ''} (${detail}). ` +
    'Restart the app (or run the `drm` command again) to start it; nothing half-done was kept.'
  );
}
