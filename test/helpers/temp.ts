import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every folder a test run creates starts with this prefix, so its leftovers
 * can be found without touching another run's (global setup sets the id and
 * the test workers inherit it).
 */
process.env.DRM_TEST_RUN ??= randomBytes(4).toString('hex');
export const TEST_PREFIX = `drm-test-${process.env.DRM_TEST_RUN}-`;

/**
 * A fresh temp folder. 0711, because as root the server runs as `postgres`,
 * which must be able to pass through it (mkdtemp makes 0700).
 */
export function makeTempDir(label: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), `${TEST_PREFIX}${label}-`));
  chmodSync(path, 0o711);
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
