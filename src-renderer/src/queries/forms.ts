import { queryOptions } from '@tanstack/react-query';
import type { TableName } from '../../../src-shared/contract/tables';
import { api } from '../api';
import { channelMutation } from './mutation';

export const formQueries = {
  all: () => ['forms'] as const,
  list: () =>
    queryOptions({
      queryKey: [...formQueries.all(), 'list'] as const,
      queryFn: () => api.call('forms:list', {}),
      meta: { tables: ['app.ingest_forms', 'campaigns'] satisfies TableName[] },
    }),
};

export const formMutations = {
  create: () => channelMutation('forms:create'),
  update: () => channelMutation('forms:update'),
  delete: () => channelMutation('forms:delete'),
  restore: () => channelMutation('forms:restore'),
};
