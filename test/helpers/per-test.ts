/**
 * What the embedded-server tests share: cleanups that run after each test
 * (in reverse, so a server stops before its folder is removed), data folders
 * removed with them, and waiting for a condition without a fixed sleep.
 */
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { makeTempDir } from './temp';

export function perTestCleanups() {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const defer = (cleanup: () => Promise<void> | void) => void cleanups.push(cleanup);
  /** `<fresh temp folder>/data`, not created yet: the start creates it, as the app does. */
  const tempDataDir = (label: string): string => {
    const dir = makeTempDir(label);
    defer(() => dir.remove());
    return join(dir.path, 'data');
  };
  return { defer, tempDataDir };
}

export async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}
