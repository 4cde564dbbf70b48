/**
 * Where importing stands, for the pages that wait on it (Import) and the ones
 * that offer the sample data while nothing has been imported (Import, Overview).
 */
import type { ImportStatus } from '../../../src-shared/contract/imports';
import type { DataPresence } from '../../../src-shared/contract/system';

/** A job that will not change any more. */
export function isFinished(status: ImportStatus): boolean {
  return status !== 'queued' && status !== 'running';
}

/** Nothing imported yet: no developers and no activities (what the sample data fills). */
export function isEmptyDatabase(presence: DataPresence | undefined): boolean {
  if (!presence) return false;
  return !presence.developers && !presence.activities;
}
