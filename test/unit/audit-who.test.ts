/**
 * Who did what (README "Who did what"): the contract's audit fields are
 * additions (every field the CLI's JSON had keeps its shape), the local
 * user's email is a stable, valid `<username>@localhost` that two names never
 * share, and the UI names the user or says why nobody is named.
 */
import { describe, expect, it } from 'vitest';
import { apiKeySummary } from '../../src-shared/contract/api-keys';
import { auditUser } from '../../src-shared/contract/common';
import { importJobSummary } from '../../src-shared/contract/imports';
import { mergeHistoryEntry } from '../../src-shared/contract/merges';
import { localEmail } from '../../src-main/core/audit/local-user';

const ada = { userId: '6f1c1a52-4c1e-4b7e-9a39-0d5c3b1f8a10', displayName: 'Ada', email: 'ada@team.example' };

describe('the contract’s audit fields', () => {
  const entry = {
    mergeId: 'm',
    action: 'merge',
    intoDeveloperId: 'a',
    fromDeveloperId: 'b',
    intoName: null,
    fromName: null,
    reason: null,
    mergedAt: '2024-05-01T00:00:00.000Z',
    undoneBy: null,
  };

  it('name the user, or null for rows recorded before the app recorded who', () => {
    expect(mergeHistoryEntry.parse({ ...entry, mergedBy: ada }).mergedBy).toEqual(ada);
    expect(mergeHistoryEntry.parse({ ...entry, mergedBy: null }).mergedBy).toBeNull();
    // A producer that forgets the field fails loudly rather than dropping it.
    expect(mergeHistoryEntry.safeParse(entry).success).toBe(false);
    expect(auditUser.safeParse({ userId: 'u', displayName: null }).success).toBe(false);
    expect(auditUser.parse({ userId: 'u', displayName: null, email: 'me@localhost' })).toEqual({
      userId: 'u',
      displayName: null,
      email: 'me@localhost',
    });
  });

  it('keep every field the JSON had: an API key’s createdBy is still the id, its user an addition', () => {
    const key = {
      apiKeyId: 'k',
      name: 'n',
      publicId: 'p',
      scopes: ['ingest'],
      createdAt: '2024-05-01T00:00:00.000Z',
      createdBy: ada.userId,
      createdByUser: ada,
      lastUsedAt: null,
      lastUsedFrom: null,
      revokedAt: null,
    };
    expect(apiKeySummary.parse(key)).toEqual(key);
    expect(apiKeySummary.safeParse({ ...key, createdBy: ada }).success).toBe(false);
    expect(Object.keys(importJobSummary.shape)).toContain('createdBy');
    expect(importJobSummary.shape.createdBy.safeParse(null).success).toBe(true);
  });
});

describe('the local user’s email', () => {
  it('is <username>@localhost for an ordinary name', () => {
    expect(localEmail('taro')).toBe('taro@localhost');
    expect(localEmail('john.smith')).toBe('john.smith@localhost');
    expect(localEmail('a_b-c+d')).toBe('a_b-c+d@localhost');
  });

  it('escapes what a local part cannot hold, so that it stays valid and two names never share one', () => {
    expect(localEmail('John Smith')).toBe('John%20Smith@localhost');
    expect(localEmail('山田')).toBe('%E5%B1%B1%E7%94%B0@localhost');
    expect(localEmail('.hidden')).toBe('%2Ehidden@localhost');
    expect(localEmail('a..b')).toBe('a.%2Eb@localhost');
    expect(localEmail('dom\\user')).toBe('dom%5Cuser@localhost');
    expect(localEmail('a@b')).toBe('a%40b@localhost');
    // `%` itself is escaped: no name can spell another's escape.
    expect(localEmail('a%20b')).not.toBe(localEmail('a b'));
    for (const email of ['John Smith', '山田', '.x.', 'a..b', 'ü'].map(localEmail)) {
      expect(email).toMatch(/^[A-Za-z0-9_+%-]+(\.[A-Za-z0-9_+%-]+)*@localhost$/);
    }
  });
});
