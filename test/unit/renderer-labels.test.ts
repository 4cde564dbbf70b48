/**
 * Words instead of internal keys in the UI (issue 11, defect 3): actions and
 * budget categories read as labels in both languages, an action the app does
 * not know keeps its key, and the cost chart adds entries that read the same.
 */
import { describe, expect, it } from 'vitest';
import { budgetCategories } from '../../src-shared/budget-categories';
import { knownActions } from '../../src-shared/actions';
import { DEFAULT_ACTION_MAP } from '../../src-main/core/db/seed';
import { costsByCurrency } from '../../src-renderer/src/analytics/chart-data';
import { actionLabel, categoryLabel } from '../../src-renderer/src/lib/labels';
import en from '../../src-renderer/src/i18n/en';
import ja from '../../src-renderer/src/i18n/ja';

// A stand-in for i18next's t over one language's messages.
const tOf =
  (messages: typeof en) =>
  (key: string): string =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages) as string;

describe('actionLabel', () => {
  it('names every action the app knows (the default map’s, connpass’s waitlist and cancel), in both languages', () => {
    expect(knownActions).toEqual(expect.arrayContaining([...Object.keys(DEFAULT_ACTION_MAP), 'cancel']));
    for (const action of knownActions) {
      expect(actionLabel(tOf(en), action), action).not.toBe(action);
      expect(actionLabel(tOf(ja), action), action).not.toBe(action);
    }
    expect(actionLabel(tOf(ja), 'star')).toBe('スター');
    expect(actionLabel(tOf(ja), 'api_call')).toBe('API 呼び出し');
    expect(actionLabel(tOf(en), 'contribute')).toBe('Contribution');
    expect(actionLabel(tOf(ja), 'cancel')).toBe('参加キャンセル');
  });
  it('keeps the key of an action it does not know', () => {
    expect(actionLabel(tOf(ja), 'webinar_poll')).toBe('webinar_poll');
    expect(actionLabel(tOf(ja), 'toString')).toBe('toString');
  });
});

describe('categoryLabel', () => {
  it('translates every budget category and keeps any other as typed', () => {
    for (const c of budgetCategories) expect(categoryLabel(tOf(ja), c), c).not.toBe(c);
    expect(categoryLabel(tOf(ja), 'ad')).toBe('広告');
    expect(categoryLabel(tOf(en), 'venue')).toBe('Venue');
    expect(categoryLabel(tOf(ja), 'ケータリング')).toBe('ケータリング');
  });
  it('adds cost entries whose categories read the same ("ad" and "広告" are one bar)', () => {
    const groups = costsByCurrency(
      [
        { category: 'ad', currency: 'JPY', amount: 100 },
        { category: '広告', currency: 'JPY', amount: 50 },
        { category: 'venue', currency: 'JPY', amount: 120 },
      ],
      (c) => categoryLabel(tOf(ja), c),
    );
    expect(groups).toEqual([
      {
        currency: 'JPY',
        total: 270,
        rows: [
          { category: '広告', amount: 150 },
          { category: '会場', amount: 120 },
        ],
      },
    ]);
  });
});
