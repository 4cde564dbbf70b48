import { queryOptions } from '@tanstack/react-query';
import { api } from '../api';
import { channelMutation } from './mutation';

export const tenantQueries = {
  all: () => ['tenants'] as const,
  list: () =>
    queryOptions({
      queryKey: [...tenantQueries.all(), 'list'] as const,
      queryFn: () => api.call('tenants:list', {}),
      meta: { tables: ['tenants'] },
    }),
};

export const tenantMutations = {
  switch: () => channelMutation('tenants:switch'),
};
