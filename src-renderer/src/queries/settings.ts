import { mutationOptions, queryOptions } from '@tanstack/react-query';
import type { ChannelInput } from '../../../src-shared/contract/index';
import { api } from '../api';
import { ALL_TABLES } from './invalidation';
import { channelMutation } from './mutation';

export const settingsQueries = {
  all: () => ['settings'] as const,
  get: () =>
    queryOptions({
      queryKey: [...settingsQueries.all(), 'get'] as const,
      queryFn: () => api.call('settings:get', {}),
      // The action list carries counts of activities per action.
      meta: { tables: ALL_TABLES },
    }),
};

export const settingsMutations = {
  update: () => channelMutation('settings:update'),
  mapAction: () => channelMutation('settings:map-action'),
  /** The UI language (null = follow the OS), the one setting the sidebar switch changes. */
  saveLanguage: () =>
    mutationOptions({
      mutationKey: ['settings:update', 'language'],
      mutationFn: (language: Exclude<ChannelInput<'settings:update'>['language'], undefined>) => api.call('settings:update', { language }),
    }),
};
