import { describe, expect, it } from 'vitest';
import type { OrganizationRow } from '../../src-shared/contract/organizations';
import { mergeTargets, renameError, stageMixRows } from '../../src-renderer/src/pages/organizations/organization-view';

describe('renameError', () => {
  it('accepts a new, trimmed name', () => {
    expect(renameError('  Contoso  ', 'contoso.jp')).toBeNull();
  });

  it('refuses an empty, too long or unchanged name', () => {
    expect(renameError('   ', 'Acme')).toBe('empty');
    expect(renameError('x'.repeat(201), 'Acme')).toBe('tooLong');
    expect(renameError('x'.repeat(200), 'Acme')).toBeNull();
    expect(renameError(' Acme ', 'Acme')).toBe('unchanged');
  });
});

describe('mergeTargets', () => {
  const row = (orgId: string, name: string): OrganizationRow => ({ orgId, name, domain: null, developers: 0, lastActionAt: null });

  it('offers every other organization, by name', () => {
    const rows = [row('1', 'Zeta'), row('2', 'Acme'), row('3', 'Beta')];
    expect(mergeTargets(rows, '3').map((r) => r.orgId)).toEqual(['2', '1']);
    expect(rows.map((r) => r.orgId)).toEqual(['1', '2', '3']); // the input is left alone
  });
});

describe('stageMixRows', () => {
  it('gives each stage its share of the members', () => {
    expect(
      stageMixRows([
        { stage: 'adoption', developers: 3 },
        { stage: null, developers: 1 },
      ]),
    ).toEqual([
      { stage: 'adoption', developers: 3, share: 0.75 },
      { stage: null, developers: 1, share: 0.25 },
    ]);
    expect(stageMixRows([])).toEqual([]);
  });
});
