/** Shapes an import job for the result summary and the history. */
import type { ImportJob } from '../../../../src-shared/contract/imports';

export type CountName = keyof ImportJob['inserted'];

const COUNT_ORDER: readonly CountName[] = [
  'activities',
  'developers',
  'accounts',
  'identifiers',
  'organizations',
  'resources',
  'campaigns',
  'budgets',
];

export interface Fact {
  name: CountName;
  value: number;
}

/**
 * What the job added: its format's own table first (the registry's primary
 * count), then every other non-zero count. A job of a format this app no
 * longer lists leads with activities.
 */
export function insertedFacts(
  job: Pick<ImportJob, 'type' | 'inserted'>,
  formats: readonly { type: string; primaryCount: CountName }[],
): Fact[] {
  const primary = formats.find((format) => format.type === job.type)?.primaryCount ?? 'activities';
  const rest = COUNT_ORDER.filter((name) => name !== primary && job.inserted[name] > 0);
  return [primary, ...rest].map((name) => ({ name, value: job.inserted[name] }));
}

export type RowFactName = 'rowsRead' | 'duplicates' | 'skipped' | 'rejected';

/** Rows read always; duplicates, skipped and rejected when there were any. */
export function rowFacts(job: Pick<ImportJob, RowFactName>): { name: RowFactName; value: number }[] {
  const facts: { name: RowFactName; value: number }[] = [{ name: 'rowsRead', value: job.rowsRead }];
  for (const name of ['duplicates', 'skipped', 'rejected'] as const) {
    if (job[name] > 0) facts.push({ name, value: job[name] });
  }
  return facts;
}

/** Page an error list: `page` is 0-based. */
export function pageOf<T>(items: readonly T[], page: number, size: number): { items: T[]; pages: number; page: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const current = Math.min(Math.max(0, page), pages - 1);
  return { items: items.slice(current * size, current * size + size), pages, page: current };
}
