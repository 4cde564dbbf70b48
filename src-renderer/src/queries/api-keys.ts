import { queryOptions } from '@tanstack/react-query';
import type { TableName } from '../../../src-shared/contract/tables';
import { api } from '../api';
import { channelMutation } from './mutation';

export const apiKeyQueries = {
  all: () => ['api-keys'] as const,
  list: () =>
    queryOptions({
      queryKey: [...apiKeyQueries.all(), 'list'] as const,
      queryFn: () => api.call('api-keys:list', {}),
      // Last use changes with every request through the HTTP API, which emits no event: refetch on focus is enough.
      meta: { tables: ['api_keys', 'app.api_key_uses'] satisfies TableName[] },
    }),
};

export const apiKeyMutations = {
  create: () => channelMutation('api-keys:create'),
  revoke: () => channelMutation('api-keys:revoke'),
};
