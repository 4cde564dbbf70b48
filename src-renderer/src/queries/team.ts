import { queryOptions } from '@tanstack/react-query';
import { api } from '../api';
import { TEAM_CONNECTION_KEY } from '../team/team-changes';
import { channelMutation } from './mutation';
import { NO_TABLES } from './invalidation';

/** Where the app's data is (this computer, a team database, a team server): kept current by `team:changed`. */
export const teamClientQueries = {
  connection: () =>
    queryOptions({
      queryKey: TEAM_CONNECTION_KEY,
      queryFn: () => api.call('team:get-connection', {}),
      meta: { tables: NO_TABLES },
      staleTime: Infinity,
    }),
};

export const teamClientMutations = {
  connect: () => channelMutation('team:connect'),
  disconnect: () => channelMutation('team:disconnect'),
};
