/**
 * The budget categories the app names: the budgets import accepts these (and
 * their aliases), and a category typed in the form that folds to one of them
 * is stored as it, so that cost by category adds form and file entries
 * together. Any other category is kept as typed.
 */

export const budgetCategories = ['labor', 'ad', 'production', 'venue', 'tool', 'other'] as const;
export type BudgetCategory = (typeof budgetCategories)[number];

export function isBudgetCategory(value: string): value is BudgetCategory {
  return (budgetCategories as readonly string[]).includes(value);
}
