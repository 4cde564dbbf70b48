import { keepPreviousData, mutationOptions, queryOptions } from '@tanstack/react-query';
import type { ChannelInput } from '../../../src-shared/contract/index';
import type { TableName } from '../../../src-shared/contract/tables';
import { api } from '../api';
import { channelMutation } from './mutation';

// A link's row shows its campaign's name and its resource's title; short URLs come from system_settings.
const LINK_TABLES: readonly TableName[] = ['shortlinks', 'campaigns', 'resources', 'system_settings'];

export const shortlinkQueries = {
  all: () => ['shortlinks'] as const,
  list: (input: ChannelInput<'shortlinks:list'>) =>
    queryOptions({
      queryKey: [...shortlinkQueries.all(), 'list', input] as const,
      queryFn: () => api.call('shortlinks:list', input),
      meta: { tables: LINK_TABLES },
      placeholderData: keepPreviousData,
    }),
  settings: () =>
    queryOptions({
      queryKey: [...shortlinkQueries.all(), 'settings'] as const,
      queryFn: () => api.call('shortlinks:get-settings', {}),
      meta: { tables: ['system_settings'] satisfies TableName[] },
    }),
  qr: (input: ChannelInput<'shortlinks:get-qr'>) =>
    queryOptions({
      queryKey: [...shortlinkQueries.all(), 'qr', input] as const,
      queryFn: () => api.call('shortlinks:get-qr', input),
      meta: { tables: LINK_TABLES },
      placeholderData: keepPreviousData,
    }),
};

type LinkFields = ChannelInput<'shortlinks:create'>;

export const shortlinkMutations = {
  /** Updates the link with this id, or creates one when there is none yet. */
  save: (shortlinkId: string | null) =>
    mutationOptions({
      mutationKey: ['shortlinks:save', shortlinkId],
      mutationFn: (fields: LinkFields) =>
        shortlinkId === null ? api.call('shortlinks:create', fields) : api.call('shortlinks:update', { shortlinkId, ...fields }),
    }),
  delete: () => channelMutation('shortlinks:delete'),
  restore: () => channelMutation('shortlinks:restore'),
  updateSettings: () => channelMutation('shortlinks:update-settings'),
  exportRedirects: () => channelMutation('shortlinks:export-redirects'),
};
