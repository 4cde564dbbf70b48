import { keepPreviousData, mutationOptions, queryOptions } from '@tanstack/react-query';
import type { ChannelInput } from '../../../src-shared/contract/index';
import { api } from '../api';
import { ALL_TABLES } from './invalidation';
import { channelMutation } from './mutation';

// A campaign's numbers (ROI, its page) come from activities, attributions,
// budgets and the derived tables, like the analytics answers: every table.
const meta = { tables: ALL_TABLES };

export const campaignQueries = {
  all: () => ['campaigns'] as const,
  list: (input: ChannelInput<'campaigns:list'> = {}) =>
    queryOptions({
      queryKey: [...campaignQueries.all(), 'list', input] as const,
      queryFn: () => api.call('campaigns:list', input),
      meta,
    }),
  detail: (input: ChannelInput<'campaigns:get'>) =>
    queryOptions({
      queryKey: [...campaignQueries.all(), 'detail', input] as const,
      queryFn: () => api.call('campaigns:get', input),
      meta,
      placeholderData: keepPreviousData,
    }),
  roi: (input: ChannelInput<'campaigns:get-roi'>) =>
    queryOptions({
      queryKey: [...campaignQueries.all(), 'roi', input] as const,
      queryFn: () => api.call('campaigns:get-roi', input),
      meta,
      placeholderData: keepPreviousData,
    }),
  roiBreakdown: (input: ChannelInput<'campaigns:get-roi-breakdown'>) =>
    queryOptions({
      queryKey: [...campaignQueries.all(), 'roiBreakdown', input] as const,
      queryFn: () => api.call('campaigns:get-roi-breakdown', input),
      meta,
      placeholderData: keepPreviousData,
    }),
};

type CampaignFields = ChannelInput<'campaigns:create'>;
type BudgetFields = Omit<ChannelInput<'budgets:create'>, 'campaignId'>;

export const campaignMutations = {
  /** Updates the campaign with this id, or creates one when there is none yet. */
  save: (campaignId: string | null) =>
    mutationOptions({
      mutationKey: ['campaigns:save', campaignId],
      mutationFn: (fields: CampaignFields) =>
        campaignId === null ? api.call('campaigns:create', fields) : api.call('campaigns:update', { campaignId, ...fields }),
    }),
  /** Deletes a campaign (the page's own row comes back as the variables); the answer's token undoes it (`restore`). */
  delete: <C extends { campaignId: string }>() =>
    mutationOptions({
      mutationKey: ['campaigns:delete'],
      mutationFn: (campaign: C) => api.call('campaigns:delete', { campaignId: campaign.campaignId }),
    }),
  restore: () => channelMutation('campaigns:restore'),
};

export const budgetMutations = {
  /** Updates the budget entry with this id, or adds one to the campaign when there is none yet. */
  save: (campaignId: string, budgetId: string | null) =>
    mutationOptions({
      mutationKey: ['budgets:save', campaignId, budgetId],
      mutationFn: (fields: BudgetFields) =>
        budgetId === null ? api.call('budgets:create', { campaignId, ...fields }) : api.call('budgets:update', { budgetId, ...fields }),
    }),
  /** Deletes a budget entry; undoing it creates the entry again (`create`). */
  delete: <B extends { budgetId: string }>() =>
    mutationOptions({
      mutationKey: ['budgets:delete'],
      mutationFn: (budget: B) => api.call('budgets:delete', { budgetId: budget.budgetId }),
    }),
  create: () => channelMutation('budgets:create'),
};
