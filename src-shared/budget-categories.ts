/**
 * The budget categories the app names, one list for every way an entry
 * arrives (issue 11, defect 6): the budgets import, the form's select and the
 * core's budgets:create/update all fold a category with `budgetCategoryOf`,
 * so cost by category never shows both "ad" and "広告".
 */

export const budgetCategories = ['labor', 'ad', 'production', 'venue', 'tool', 'other'] as const;
export type BudgetCategory = (typeof budgetCategories)[number];

export function isBudgetCategory(value: string): value is BudgetCategory {
  return (budgetCategories as readonly string[]).includes(value);
}

/** Category spellings seen in Japanese budget sheets → the spec's codes. */
const aliases: Readonly<Record<string, BudgetCategory>> = {
  人件費: 'labor',
  人件: 'labor',
  広告: 'ad',
  広告費: 'ad',
  制作: 'production',
  制作費: 'production',
  会場: 'venue',
  会場費: 'venue',
  ツール: 'tool',
  ツール費: 'tool',
  その他: 'other',
};

/** The code a written category means (NFKC, case and spaces ignored), or undefined when it is none of them. */
export function budgetCategoryOf(text: string): BudgetCategory | undefined {
  const folded = text.normalize('NFKC').trim().toLowerCase();
  return isBudgetCategory(folded) ? folded : aliases[folded];
}
