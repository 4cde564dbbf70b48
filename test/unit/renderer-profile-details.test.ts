/**
 * The profile details form (pages/developers/profile-details.ts): only changed
 * fields are sent, trimmed, an emptied field clears, an email differing only
 * in case is no change; what counts as an email before the core is asked.
 */
import { describe, expect, it } from 'vitest';
import { detailsChange, isEmailLike, mergeCandidates } from '../../src-renderer/src/pages/developers/profile-details';

const profile = { displayName: '田中 太郎', primaryEmail: 'taro@example.jp', organization: { orgId: 'o1', name: 'Acme' } };

describe('detailsChange', () => {
  it('sends only what changed, trimmed', () => {
    expect(detailsChange(profile, { displayName: ' 田中 太郎 ', primaryEmail: 'TARO@example.jp', organization: 'Acme' })).toEqual({});
    expect(detailsChange(profile, { displayName: 'Taro', primaryEmail: 'taro@example.jp', organization: ' Beta KK ' })).toEqual({
      displayName: 'Taro',
      organization: 'Beta KK',
    });
  });

  it('clears an emptied field, and fills one the profile did not have', () => {
    expect(detailsChange(profile, { displayName: '', primaryEmail: '', organization: '' })).toEqual({
      displayName: '',
      primaryEmail: '',
      organization: '',
    });
    expect(
      detailsChange(
        { displayName: null, primaryEmail: null, organization: null },
        { displayName: 'A', primaryEmail: 'a@b.co', organization: '' },
      ),
    ).toEqual({ displayName: 'A', primaryEmail: 'a@b.co' });
  });
});

describe('isEmailLike', () => {
  it('takes an email or nothing', () => {
    expect(isEmailLike('')).toBe(true);
    expect(isEmailLike(' a@b.co ')).toBe(true);
    expect(isEmailLike('not an email')).toBe(false);
    expect(isEmailLike('a@b')).toBe(false);
    expect(isEmailLike('a b@c.d')).toBe(false);
  });
});

describe('mergeCandidates', () => {
  it('never offers the developer itself, and at most eight', () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ developerId: `d${i}` }));
    expect(mergeCandidates(rows, 'd0').map((r) => r.developerId)).toEqual(['d1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8']);
    expect(mergeCandidates([{ developerId: 'me' }], 'me')).toEqual([]);
  });
});
