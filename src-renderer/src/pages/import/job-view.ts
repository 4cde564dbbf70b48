/** Shapes an import job for the result summary and the history. */
import type { ImportJob, ImportType } from '../../../../src-shared/contract/imports';

export type CountName = keyof ImportJob['inserted'];

/** The table each type is mostly about: its count is shown even when zero. */
const PRIMARY: Record<ImportType, CountName> = {
  activities: 'activities',
  connpass: 'activities',
  'github-stars': 'activities',
  'slack-members': 'activities',
  developers: 'developers',
  campaigns: 'campaigns',
  budgets: 'budgets',
};

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

/** What the job added: the type's own table first, then every other non-zero count. */
export function insertedFacts(job: Pick<ImportJob, 'type' | 'inserted'>): Fact[] {
  const primary = PRIMARY[job.type];
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
