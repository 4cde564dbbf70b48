/**
 * Internal keys as a person reads them: actions and budget categories. The
 * app's own are translated; anything else (an action a tenant imports, a
 * category typed before the form offered a list) is shown as it is stored.
 */
import { knownActions, type KnownAction } from '../../../src-shared/actions';
import { isBudgetCategory, type BudgetCategory } from '../../../src-shared/budget-categories';

/** The actions the app names (the default action map's, and the connpass waitlist): one list with the core's. */
export const KNOWN_ACTIONS = knownActions;
export type { KnownAction };

export function isKnownAction(action: string): action is KnownAction {
  return (KNOWN_ACTIONS as readonly string[]).includes(action);
}

export function actionLabel(t: (key: `developers.actions.${KnownAction}`) => string, action: string): string {
  return isKnownAction(action) ? t(`developers.actions.${action}`) : action;
}

export function categoryLabel(t: (key: `campaigns.categories.${BudgetCategory}`) => string, category: string): string {
  return isBudgetCategory(category) ? t(`campaigns.categories.${category}`) : category;
}
