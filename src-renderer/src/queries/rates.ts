import { queryOptions } from '@tanstack/react-query';
import { api } from '../api';
import { channelMutation } from './mutation';

export const rateQueries = {
  all: () => ['rates'] as const,
  list: () =>
    queryOptions({
      queryKey: [...rateQueries.all(), 'list'] as const,
      queryFn: () => api.call('rates:list', {}),
      // Rates are kept per reporting currency, which lives in the tenant's settings.
      meta: { tables: ['app.exchange_rates', 'app.tenant_settings'] },
    }),
};

export const rateMutations = {
  set: () => channelMutation('rates:set'),
  delete: () => channelMutation('rates:delete'),
  import: () => channelMutation('rates:import'),
};
