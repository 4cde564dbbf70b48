/**
 * A test-only pause hook, off unless DRM_IMPORT_PAUSE_AT is set: the fault-
 * injection test (test/integration/import-fault-injection.test.ts) kills the
 * importing process or PostgreSQL at a chosen moment of an import, and needs
 * that moment to be certain, not a race against a timer.
 *
 *   DRM_IMPORT_PAUSE_AT=copy|resolve|derived|commit
 *     copy     after the first batch went into COPY, before the rest
 *     resolve  in the middle of resolution (developers written, accounts not yet)
 *     derived  after the activities are written, before the derived tables
 *     commit   just before COMMIT
 *   DRM_IMPORT_RESUME_FILE=/path   the import goes on once this file exists
 *
 * At the point the importer writes `DRM_IMPORT_PAUSED <point>` to stderr and
 * waits (for the file, or forever without one: until it is killed). Unset, a
 * point costs one environment look-up per import.
 */
import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export const pausePoints = ['copy', 'resolve', 'derived', 'commit'] as const;
export type PausePoint = (typeof pausePoints)[number];

export const PAUSED_MARKER = 'DRM_IMPORT_PAUSED';

export async function pausePoint(point: PausePoint): Promise<void> {
  if (process.env.DRM_IMPORT_PAUSE_AT !== point) return;
  process.stderr.write(`${PAUSED_MARKER} ${point}\n`);
  const resume = process.env.DRM_IMPORT_RESUME_FILE;
  while (!resume || !existsSync(resume)) await sleep(50);
}
