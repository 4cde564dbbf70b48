/**
 * The budget form's category is a choice from the one list the CSV import
 * allows, not free text (issue 11, defect 6), so the cost chart never shows
 * both "ad" and "広告".
 */
import { describe, expect, it } from 'vitest';
import { budgetCategories } from '../../src-shared/budget-categories';
import { budgetCategoryChoices } from '../../src-renderer/src/pages/campaigns/campaign-view';

describe('budgetCategoryChoices', () => {
  it('offers exactly the import’s categories for a new entry', () => {
    expect(budgetCategoryChoices('')).toEqual([...budgetCategories]);
  });
  it('keeps an older entry’s own category selectable, after the list', () => {
    expect(budgetCategoryChoices('広告')).toEqual([...budgetCategories, '広告']);
    expect(budgetCategoryChoices('venue')).toEqual([...budgetCategories]);
  });
});
