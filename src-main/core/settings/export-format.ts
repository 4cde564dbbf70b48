/**
 * How CSV exports write what a person reads (issue 11): stage titles in the
 * UI's language instead of keys, and times on the tenant's clock with the
 * offset instead of UTC. Column names stay English identifiers, like every
 * file the app reads.
 */
import { stageTitle } from '../../../src-shared/funnel-stages';
import { zonedIso } from '../../../src-shared/zoned-time';
import type { Db } from '../db/db';
import { readSettings } from './read';

export interface ExportFormat {
  /** An ISO instant (or null) in the tenant's zone with its offset. */
  time(iso: string | null): string | null;
  /** A stage key (or null) as its title; `ownTitle` names a stage the tenant added. */
  stage(key: string | null, ownTitle?: string | null): string | null;
}

export async function exportFormat(db: Db, tenant: string, language?: 'en' | 'ja'): Promise<ExportFormat> {
  const settings = await readSettings(db, tenant);
  const words = language ?? settings.language ?? 'en';
  return {
    time: (iso) => (iso === null ? null : zonedIso(iso, settings.timeZone)),
    stage: (key, ownTitle) => (key === null || key === '' ? key : stageTitle(key, words, ownTitle)),
  };
}
