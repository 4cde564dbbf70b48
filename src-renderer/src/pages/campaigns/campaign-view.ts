/**
 * Pure helpers of the Campaigns pages (no React), unit-tested: form drafts,
 * their validation (the same limits as the contract, said before the core
 * has to refuse) and inputs; the list's numbers are in campaign-list-view.ts.
 */
import type { ChannelInput } from '../../../../src-shared/contract/index';
import type { Budget, Campaign } from '../../../../src-shared/contract/campaigns';
import { isDay } from '../../analytics/period';
import { parseAmount } from '../../lib/form-values';
import { budgetCategories } from '../../../../src-shared/budget-categories';

export const NAME_MAX = 200;
export const CHANNEL_MAX = 100;
export const UTM_MAX = 200;
export const CATEGORY_MAX = 100;
export const MEMO_MAX = 1000;

export interface CampaignDraft {
  name: string;
  channel: string;
  utmCampaign: string;
  startDate: string;
  endDate: string;
  budgetTotal: string;
}

export type CampaignErrors = Partial<{
  name: 'required' | 'tooLong';
  channel: 'tooLong';
  utmCampaign: 'tooLong';
  startDate: 'invalid';
  endDate: 'invalid' | 'beforeStart';
  budgetTotal: 'invalid' | 'negative';
}>;

export function campaignDraft(campaign: Campaign | null): CampaignDraft {
  return {
    name: campaign?.name ?? '',
    channel: campaign?.channel ?? '',
    utmCampaign: campaign?.utmCampaign ?? '',
    startDate: campaign?.startDate?.slice(0, 10) ?? '',
    endDate: campaign?.endDate?.slice(0, 10) ?? '',
    budgetTotal: campaign?.budgetTotal === null || campaign?.budgetTotal === undefined ? '' : String(campaign.budgetTotal),
  };
}

export function campaignErrors(draft: CampaignDraft): CampaignErrors {
  const errors: CampaignErrors = {};
  const name = draft.name.trim();
  if (name === '') errors.name = 'required';
  else if (name.length > NAME_MAX) errors.name = 'tooLong';
  if (draft.channel.trim().length > CHANNEL_MAX) errors.channel = 'tooLong';
  if (draft.utmCampaign.trim().length > UTM_MAX) errors.utmCampaign = 'tooLong';
  if (draft.startDate !== '' && !isDay(draft.startDate)) errors.startDate = 'invalid';
  if (draft.endDate !== '' && !isDay(draft.endDate)) errors.endDate = 'invalid';
  else if (draft.endDate !== '' && isDay(draft.startDate) && draft.endDate < draft.startDate) errors.endDate = 'beforeStart';
  if (draft.budgetTotal.trim() !== '') {
    const amount = parseAmount(draft.budgetTotal);
    if (amount === null) errors.budgetTotal = 'invalid';
    else if (amount < 0) errors.budgetTotal = 'negative';
  }
  return errors;
}

/** The create input; blanks become null (cleared), as an edit needs to be able to clear a field. */
export function campaignInput(draft: CampaignDraft): ChannelInput<'campaigns:create'> {
  const channel = draft.channel.trim();
  const utm = draft.utmCampaign.trim();
  const budget = draft.budgetTotal.trim() === '' ? null : parseAmount(draft.budgetTotal);
  return {
    name: draft.name.trim(),
    channel: channel === '' ? null : channel,
    utmCampaign: utm === '' ? null : utm,
    startDate: draft.startDate === '' ? null : draft.startDate,
    endDate: draft.endDate === '' ? null : draft.endDate,
    budgetTotal: budget,
  };
}

export interface BudgetDraft {
  category: string;
  amount: string;
  currency: string;
  spentAt: string;
  memo: string;
}

export type BudgetErrors = Partial<{
  category: 'required' | 'tooLong';
  amount: 'required' | 'invalid' | 'negative';
  currency: 'invalid';
  spentAt: 'required' | 'invalid';
  memo: 'tooLong';
}>;

export function budgetDraft(budget: Budget | null, today: string, currency = 'JPY'): BudgetDraft {
  return {
    category: budget?.category ?? '',
    amount: budget ? String(budget.amount) : '',
    currency: budget?.currency ?? currency,
    spentAt: budget?.spentAt.slice(0, 10) ?? today,
    memo: budget?.memo ?? '',
  };
}

export function budgetErrors(draft: BudgetDraft): BudgetErrors {
  const errors: BudgetErrors = {};
  const category = draft.category.trim();
  if (category === '') errors.category = 'required';
  else if (category.length > CATEGORY_MAX) errors.category = 'tooLong';
  if (draft.amount.trim() === '') errors.amount = 'required';
  else {
    const amount = parseAmount(draft.amount);
    if (amount === null) errors.amount = 'invalid';
    else if (amount < 0) errors.amount = 'negative';
  }
  if (!/^[A-Z]{3}$/.test(draft.currency.trim().toUpperCase())) errors.currency = 'invalid';
  if (draft.spentAt === '') errors.spentAt = 'required';
  else if (!isDay(draft.spentAt)) errors.spentAt = 'invalid';
  if (draft.memo.trim().length > MEMO_MAX) errors.memo = 'tooLong';
  return errors;
}

export function budgetFields(draft: BudgetDraft): Omit<ChannelInput<'budgets:create'>, 'campaignId'> {
  const memo = draft.memo.trim();
  return {
    category: draft.category.trim(),
    amount: parseAmount(draft.amount) ?? 0,
    currency: draft.currency.trim().toUpperCase(),
    spentAt: draft.spentAt,
    memo: memo === '' ? null : memo,
  };
}

/** What budgets:create needs to put a deleted entry back (undo). */
export function budgetRestoreInput(budget: Budget): ChannelInput<'budgets:create'> {
  return {
    campaignId: budget.campaignId,
    category: budget.category,
    amount: budget.amount,
    currency: budget.currency,
    spentAt: budget.spentAt.slice(0, 10),
    memo: budget.memo,
  };
}

/** Lookback windows offered; the current one is added when it is another. */
export function lookbackChoices(current: number): number[] {
  const common = [7, 14, 30, 60, 90, 180, 365];
  return common.includes(current) ? common : [...common, current].sort((a, b) => a - b);
}

export type FieldMessage = 'required' | 'tooLong' | 'invalidDate' | 'invalidAmount' | 'negative' | 'beforeStart' | 'invalidCurrency';

const MAX_BY_FIELD: Record<string, number> = {
  name: NAME_MAX,
  channel: CHANNEL_MAX,
  utmCampaign: UTM_MAX,
  category: CATEGORY_MAX,
  memo: MEMO_MAX,
};
const DATE_FIELDS = new Set(['startDate', 'endDate', 'spentAt']);

/** Which message a field's error shows, and the length limit it names. */
export function fieldMessage(field: string, error: string): { key: FieldMessage; max: number } {
  const max = MAX_BY_FIELD[field] ?? 0;
  if (error === 'invalid') {
    if (DATE_FIELDS.has(field)) return { key: 'invalidDate', max };
    if (field === 'currency') return { key: 'invalidCurrency', max };
    return { key: 'invalidAmount', max };
  }
  return { key: error as FieldMessage, max };
}

/**
 * The budget form's category choices: the one list the CSV import allows,
 * plus an older entry's own category (typed before the form offered a list),
 * so that editing it does not change it unasked.
 */
export function budgetCategoryChoices(current: string): string[] {
  const choices: string[] = [...budgetCategories];
  return current !== '' && !choices.includes(current) ? [...choices, current] : choices;
}
