/**
 * `team:changed` (contract/team.ts): the app moved to other data. Every query
 * answered from the old data is dropped and asked again (unlike `db:changed`,
 * which names tables, nothing read before is still true, including queries
 * that read no table), and a page that named a record goes to its list. The
 * same happens on the connect or disconnect call's own answer, whichever
 * arrives first; the second one finds the data unchanged and does nothing.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { TeamConnection } from '../../../src-shared/contract/team';
import type { RendererApi } from '../api-client';
import { dataOf, hashAfterSwitch } from './team-client-view';

export const TEAM_CONNECTION_KEY = ['team-client', 'connection'] as const;

/** The page's address, as far as a switch needs it (a parameter, so the logic runs without a DOM). */
export interface HashLocation {
  hash: string;
}

export function applyTeamConnection(client: QueryClient, connection: TeamConnection, location: HashLocation): void {
  const before = client.getQueryData<TeamConnection>(TEAM_CONNECTION_KEY);
  client.setQueryData(TEAM_CONNECTION_KEY, connection);
  if (before && dataOf(before.current) === dataOf(connection.current)) return;
  void client.resetQueries({ predicate: (query) => query.queryKey[0] !== TEAM_CONNECTION_KEY[0] });
  const next = hashAfterSwitch(location.hash);
  if (next !== null) location.hash = next;
}

/** Subscribe once per app, beside `invalidateOnDbChanges`. */
export function followTeamChanges(client: QueryClient, on: RendererApi['on'], location: HashLocation): () => void {
  return on('team:changed', (connection) => applyTeamConnection(client, connection, location));
}
