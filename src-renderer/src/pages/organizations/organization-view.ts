/** Pure helpers of the Organizations page (no React), unit-tested. */
import type { OrganizationRow } from '../../../../src-shared/contract/organizations';

export const ORG_PAGE_SIZE = 50;
export const ORG_NAME_MAX = 200;

export type RenameError = 'empty' | 'tooLong' | 'unchanged';

/** Why a new name cannot be sent, or null when it can (the server still refuses a taken name). */
export function renameError(draft: string, current: string): RenameError | null {
  const name = draft.trim();
  if (name === '') return 'empty';
  if (name.length > ORG_NAME_MAX) return 'tooLong';
  if (name === current) return 'unchanged';
  return null;
}

/** The organizations another one can be merged into: every other one, by name. */
export function mergeTargets(rows: readonly OrganizationRow[], fromId: string): OrganizationRow[] {
  return rows.filter((r) => r.orgId !== fromId).sort((a, b) => a.name.localeCompare(b.name));
}

/** The stage mix with each stage's share of the members (0 when there are none). */
export function stageMixRows(mix: readonly { stage: string | null; developers: number }[]) {
  const total = mix.reduce((sum, row) => sum + row.developers, 0);
  return mix.map((row) => ({ ...row, share: total === 0 ? 0 : row.developers / total }));
}
