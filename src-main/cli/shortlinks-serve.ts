/**
 * `drm shortlinks serve [--port N] [--host H] [--trust-proxy]`: the redirect
 * server (src-main/redirect/) until SIGINT or SIGTERM, which stop it
 * listening, write the clicks not yet written and stop the database it
 * started. Prints only the URL it listens on, on stdout; everything else
 * goes to stderr.
 */
import { DataDirInUseError } from '../core/db/postgres';
import { startRedirectServer } from '../redirect/server';
import { parseOptions, Refusal, resolveTarget, targetOptions, UsageError } from './context';

export const DEFAULT_REDIRECT_PORT = 8080;

export async function serveShortlinks(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    ...targetOptions,
    port: { type: 'string' },
    host: { type: 'string' },
    'trust-proxy': { type: 'boolean', default: false },
  });
  const port = values.port === undefined ? DEFAULT_REDIRECT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UsageError(`--port must be a number from 0 to 65535, got ${values.port}`);
  // Registered before the start, so that a signal during it still stops what it started.
  let stopRequested = false;
  let wake: (() => void) | undefined;
  const onSignal = () => {
    stopRequested = true;
    wake?.();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const server = await startRedirectServer({
      ...resolveTarget(values),
      onNotice: (message: string) => process.stderr.write(`drm: ${message}\n`),
      port,
      host: values.host,
      trustProxy: values['trust-proxy'],
    }).catch((error: unknown) => {
      if (error instanceof DataDirInUseError) throw new Refusal(error.message);
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Refusal(`Port ${port} is in use; choose another with --port`);
      throw error;
    });
    process.stdout.write(`${server.url}\n`);
    process.stderr.write('Redirecting GET /<key> to each short link; Ctrl-C stops (pending clicks are written first).\n');
    if (!stopRequested) await new Promise<void>((resolve) => (wake = resolve));
    await server.close();
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
