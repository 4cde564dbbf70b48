/**
 * The bundled sample is a past fiscal year: opened on the default "last 30
 * days", Overview would show zeros. Once the sample's imports have all
 * succeeded the app lands on Overview showing the data's own period (issue
 * 11, section 3). The jobs being watched live here, outside any page: the
 * offer that started them may be gone (Overview hides it as data arrives).
 */
import { linkTo } from '../analytics/url-state';
import { isFinished } from './import-status';
import type { ImportStatus } from '../../../src-shared/contract/imports';

let watched: readonly string[] = [];
const listeners = new Set<() => void>();

export const sampleJobs = {
  /** The sample's jobs, until the app has landed (or given up). */
  get: (): readonly string[] => watched,
  set(jobIds: readonly string[]): void {
    watched = jobIds;
    for (const listener of listeners) listener();
  },
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

/** 'wait' while a job runs or is not known yet; 'land' when every one succeeded; 'stay' when one did not. */
export function sampleLanding(jobs: readonly ({ status: ImportStatus } | undefined)[]): 'wait' | 'land' | 'stay' {
  if (jobs.some((job) => job === undefined || !isFinished(job.status))) return 'wait';
  return jobs.every((job) => job?.status === 'succeeded') ? 'land' : 'stay';
}

/** Overview on [from, to) of the data, or as it opens by default when there is none. */
export function sampleLandingHref(range: { from: string | null; to: string | null }): string {
  if (range.from === null || range.to === null) return '#/';
  return linkTo('#/', { period: 'custom', from: range.from, to: range.to });
}
