/**
 * What must happen however a benchmark ends — PostgreSQL stopped, a child
 * killed, the temp folder removed — run once each, last registered first,
 * from the normal path, a failure, or Ctrl-C / SIGTERM.
 */
export const cleanups: (() => unknown)[] = [];

export async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!();
    } catch (error) {
      console.error(`cleanup: ${(error as Error).message}`);
    }
  }
}

/** Cleans up on Ctrl-C and SIGTERM, then exits with the signal's code. */
export function cleanUpOnSignals(): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping PostgreSQL and removing the temp folder…`);
      // The terminal signals PostgreSQL too, which drops every connection at once; a pool client
      // checked out at that moment (an import's) has no error listener and would crash the cleanup.
      process.on('uncaughtException', (error) => console.error(`(while stopping: ${error.message})`));
      void cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}

/** Runs a benchmark's `main` (its exit code), prints what threw, and cleans up however it ended. */
export async function runBenchmark(main: () => Promise<number>): Promise<void> {
  try {
    process.exitCode = await main();
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}
