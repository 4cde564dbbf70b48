/**
 * On the team server, a session that ends while the page is open (12 hours
 * unused, 7 days old, signed out in another tab, the account disabled) makes
 * every call answer 401. The page then goes back to the sign-in page instead
 * of showing "not authorised" on every panel: it asks `/auth/me` first, and
 * reloads only when the server confirms nobody is signed in, so a 401 of
 * another cause can never reload the page in a loop.
 */
import type { QueryClient } from '@tanstack/react-query';
import { isApiCallError } from '../api-error';
import { readTeamState, type TeamState } from './team-auth';

const isUnauthorized = (error: unknown): boolean => isApiCallError(error) && error.code === 'UNAUTHORIZED';

/** Subscribe once per signed-in page; returns the unsubscribe. */
export function returnToSignInWhenSessionEnds(
  client: QueryClient,
  check: () => Promise<TeamState> = readTeamState,
  reload: () => void = () => window.location.reload(),
): () => void {
  let checking = false;
  const onUnauthorized = () => {
    if (checking) return;
    checking = true;
    void check()
      .then((state) => {
        if (state.mode === 'team' && state.user === null) reload();
      })
      .finally(() => (checking = false));
  };
  const stopQueries = client.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'error' && isUnauthorized(event.action.error)) onUnauthorized();
  });
  const stopMutations = client.getMutationCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'error' && isUnauthorized(event.action.error)) onUnauthorized();
  });
  return () => {
    stopQueries();
    stopMutations();
  };
}
