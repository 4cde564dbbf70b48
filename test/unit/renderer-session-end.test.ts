/** The team page's way back to sign-in when its session ends (team/session-end.ts), with a real QueryClient. */
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../src-renderer/src/api-error';
import { returnToSignInWhenSessionEnds } from '../../src-renderer/src/team/session-end';
import type { TeamState } from '../../src-renderer/src/team/team-auth';

const signedOut: TeamState = { mode: 'team', user: null };
const signedIn: TeamState = { mode: 'team', user: { email: 'hanako@team.example', displayName: null, tenantId: 'default' } };

function setUp(state: TeamState) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const check = vi.fn(async () => state);
  const reload = vi.fn();
  const stop = returnToSignInWhenSessionEnds(client, check, reload);
  const fail = (code: 'UNAUTHORIZED' | 'UNAVAILABLE', key: string) =>
    client.fetchQuery({ queryKey: [key], queryFn: () => Promise.reject(new ApiCallError(code, 'refused')) }).catch(() => undefined);
  return { client, check, reload, stop, fail };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a team page whose session ended', () => {
  it('reloads to the sign-in page once the server confirms nobody is signed in', async () => {
    const { check, reload, fail } = setUp(signedOut);
    await Promise.all([fail('UNAUTHORIZED', 'a'), fail('UNAUTHORIZED', 'b')]);
    await settle();
    expect(check).toHaveBeenCalledTimes(1);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('also on a refused write', async () => {
    const { client, reload } = setUp(signedOut);
    const mutation = client.getMutationCache().build(client, {
      mutationFn: () => Promise.reject(new ApiCallError('UNAUTHORIZED', 'refused')),
    });
    await mutation.execute(undefined).catch(() => undefined);
    await settle();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('does not reload while the server still knows the user, nor on other errors, nor after unsubscribing', async () => {
    const still = setUp(signedIn);
    await still.fail('UNAUTHORIZED', 'a');
    await settle();
    expect(still.check).toHaveBeenCalledTimes(1);
    expect(still.reload).not.toHaveBeenCalled();

    const other = setUp(signedOut);
    await other.fail('UNAVAILABLE', 'a');
    await settle();
    expect(other.check).not.toHaveBeenCalled();

    const stopped = setUp(signedOut);
    stopped.stop();
    await stopped.fail('UNAUTHORIZED', 'a');
    await settle();
    expect(stopped.check).not.toHaveBeenCalled();
  });
});
