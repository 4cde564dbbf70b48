/**
 * Connect and disconnect as the page calls them. Each answer is applied at
 * once (team-changes.ts), not only when `team:changed` arrives, so the page
 * never shows the new place with the old data. In a browser (`drm serve`), a
 * team server's answer means: go there; the Electron shell's main process
 * hands its window over itself.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TeamConnection } from '../../../src-shared/contract/team';
import { api } from '../api';
import { teamClientMutations } from '../queries/team';
import { applyTeamConnection } from './team-changes';

function useApply() {
  const client = useQueryClient();
  return (connection: TeamConnection) => {
    applyTeamConnection(client, connection, window.location);
    if (api.transport === 'http' && connection.current.kind === 'server') window.location.assign(connection.current.url);
  };
}

export function useTeamConnect() {
  const apply = useApply();
  return useMutation({ ...teamClientMutations.connect(), onSuccess: apply });
}

export function useTeamDisconnect() {
  const apply = useApply();
  return useMutation({ ...teamClientMutations.disconnect(), onSuccess: apply });
}
