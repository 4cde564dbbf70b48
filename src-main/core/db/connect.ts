import pg from 'pg';

export interface ConnectionOptions {
  /** Shown in pg_stat_activity, so a long backup or restore can be told apart. */
  applicationName?: string;
  /** Ends the connection: a running statement fails, an open transaction rolls back. */
  signal?: AbortSignal;
}

/**
 * Runs `body` on a connection of its own (not the pool's: a backup or restore
 * holds one for minutes), always closed afterwards.
 */
export async function withConnection<T>(url: string, body: (client: pg.Client) => Promise<T>, options: ConnectionOptions = {}): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: options.applicationName });
  // A lost connection fails the running statement; it must not crash the process as well.
  client.on('error', () => undefined);
  await client.connect();
  const abort = () => void client.end().catch(() => undefined);
  options.signal?.addEventListener('abort', abort);
  try {
    options.signal?.throwIfAborted();
    return await body(client);
  } finally {
    options.signal?.removeEventListener('abort', abort);
    await client.end().catch(() => undefined);
  }
}
