/**
 * One stage vocabulary (issue 11, defect 4): text that names the funnel's
 * stages uses the same titles as the stages themselves, in both languages.
 */
import { describe, expect, it } from 'vitest';
import { STAGE_TITLES, stageKeys, stageTitle } from '../../src-shared/funnel-stages';
import en from '../../src-renderer/src/i18n/en';
import ja from '../../src-renderer/src/i18n/ja';

describe.each([
  ['en', en],
  ['ja', ja],
] as const)('the %s stage vocabulary', (language, messages) => {
  it('is the one the core writes in CSV exports', () => {
    for (const key of stageKeys) expect(messages.developers.stages[key]).toBe(STAGE_TITLES[language][key]);
    expect(stageTitle('nurture', language, 'Nurture')).toBe('Nurture');
    expect(stageTitle('nurture', language, null)).toBe('nurture');
  });

  it('names every stage in the Funnel description by its title, in funnel order', () => {
    const text = messages.pages.funnel.description;
    const positions = stageKeys.map((key) => text.indexOf(messages.developers.stages[key]));
    expect(
      positions.every((p) => p >= 0),
      `${text} names ${stageKeys.map((k) => messages.developers.stages[k]).join(', ')}`,
    ).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('uses no other word for a stage anywhere', () => {
    const all = JSON.stringify(messages);
    for (const other of ['エンゲージメント', '導入', 'アドボカシー']) expect(all).not.toContain(other);
  });
});
