/**
 * Unticking analytics consent removes a developer from every number: it is
 * confirmed first and its saving is said (issue 11, defect 16).
 */
import { describe, expect, it } from 'vitest';
import { consentSavedKey, consentStep } from '../../src-renderer/src/pages/developers/consent-view';
import en from '../../src-renderer/src/i18n/en';
import ja from '../../src-renderer/src/i18n/ja';

describe('consentStep', () => {
  it('asks before withdrawing consent', () => {
    expect(consentStep(true, false)).toEqual({ kind: 'confirmWithdraw' });
  });
  it('gives consent back at once', () => {
    expect(consentStep(false, true)).toEqual({ kind: 'save', consent: true });
  });
  it('does nothing when nothing changes', () => {
    expect(consentStep(true, true)).toBeNull();
  });
});

describe('the consent texts', () => {
  it('say what withdrawing does and what was saved, in both languages', () => {
    for (const messages of [en, ja]) {
      expect(messages.profile.consentConfirmTitle).toContain('{{name}}');
      expect(messages.profile.consentConfirmBody.length).toBeGreaterThan(20);
      expect(messages.profile[consentSavedKey(true).split('.')[1] as 'consentSavedOn']).toBeTruthy();
      expect(messages.profile[consentSavedKey(false).split('.')[1] as 'consentSavedOff']).toBeTruthy();
    }
    expect(ja.profile.consentSavedOff).toContain('保存');
  });
});
