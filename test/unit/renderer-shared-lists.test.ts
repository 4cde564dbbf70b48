import { describe, expect, it } from 'vitest';
import en from '../../src-renderer/src/i18n/en';
import ja from '../../src-renderer/src/i18n/ja';
import { stageKeys } from '../../src-shared/funnel-stages';
import { providers } from '../../src-shared/providers';

// The lists live in src-shared; the labels must follow them, with no label left for a dropped entry.
describe('labels of the shared lists', () => {
  it('names every provider, and only those, in both languages', () => {
    for (const messages of [en, ja]) expect(Object.keys(messages.developers.providers).sort()).toEqual([...providers].sort());
  });

  it('names every shipped stage (and "no stage") in both languages', () => {
    for (const messages of [en, ja]) expect(Object.keys(messages.developers.stages).sort()).toEqual([...stageKeys, 'none'].sort());
  });
});
