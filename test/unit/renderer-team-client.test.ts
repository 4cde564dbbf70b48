import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TeamConnection } from '../../src-shared/contract/team';
import { ApiCallError } from '../../src-renderer/src/api-error';
import { NO_TABLES } from '../../src-renderer/src/queries/invalidation';
import { applyTeamConnection, TEAM_CONNECTION_KEY, type HashLocation } from '../../src-renderer/src/team/team-changes';
import { connectFailure, databaseLabel, dataOf, hashAfterSwitch } from '../../src-renderer/src/team/team-client-view';

const local: TeamConnection = { current: { kind: 'local' }, available: true, problem: null, notices: [] };
const team: TeamConnection = {
  current: { kind: 'database', url: 'postgres://drm@db.example.com:5432/drm', tenantId: 'default' },
  available: true,
  problem: null,
  notices: [],
};
const server: TeamConnection = { ...local, current: { kind: 'server', url: 'https://drm.example.com' } };

describe('databaseLabel', () => {
  it('names the host and the database, as the strip shows them', () => {
    expect(databaseLabel('postgres://drm@db.example.com:5432/drm')).toBe('db.example.com:5432/drm');
    expect(databaseLabel('postgresql://db.example.com/team%20data')).toBe('db.example.com/team data');
    expect(databaseLabel('postgres:///drm?host=/var/run/postgresql')).toBe('/var/run/postgresql/drm');
    expect(databaseLabel('not a url')).toBe('not a url');
  });
});

describe('connectFailure', () => {
  it('marks the fields a BAD_INPUT names, with no alert when every issue has a field', () => {
    const error = new ApiCallError('BAD_INPUT', 'url: a PostgreSQL URL', [
      { path: ['url'], message: 'a PostgreSQL URL' },
      { path: ['tenantId'], message: 'a tenant id' },
    ]);
    const failure = connectFailure(error);
    expect([...failure.fields].sort()).toEqual(['tenantId', 'url']);
    expect(failure.alert).toBeNull();
  });

  it('keeps the alert for an issue the form has no field for, and for refusals that are not about input', () => {
    const odd = new ApiCallError('BAD_INPUT', 'kind: Invalid', [{ path: ['kind'], message: 'Invalid' }]);
    expect(connectFailure(odd)).toEqual({ fields: new Set(), alert: odd });
    const refused = new ApiCallError('UNAVAILABLE', 'connect ECONNREFUSED 127.0.0.1:1');
    expect(connectFailure(refused)).toEqual({ fields: new Set(), alert: refused });
  });
});

describe('dataOf', () => {
  it('counts a team server as this computer’s data (the core stays there), and each workspace apart', () => {
    expect(dataOf(server.current)).toBe(dataOf(local.current));
    expect(dataOf(team.current)).not.toBe(dataOf(local.current));
    expect(dataOf({ kind: 'database', url: 'postgres://drm@db.example.com:5432/drm', tenantId: 'acme' })).not.toBe(dataOf(team.current));
  });
});

describe('hashAfterSwitch', () => {
  it('sends a page that names a record to its list, and leaves the rest', () => {
    expect(hashAfterSwitch('#/developers/0b6f9f1e-1111-4c3c-9e0e-1234567890ab')).toBe('#/developers');
    expect(hashAfterSwitch('#/developers?org=abc')).toBe('#/developers');
    expect(hashAfterSwitch('#/campaigns/xyz')).toBe('#/campaigns');
    expect(hashAfterSwitch('#/developers')).toBeNull();
    expect(hashAfterSwitch('')).toBeNull();
    expect(hashAfterSwitch('#/settings/team')).toBeNull();
  });
});

// No DOM needed: QueryClient and QueryObserver run in Node.
describe('applyTeamConnection', () => {
  const cleanups: (() => void)[] = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  function setup(hash: string) {
    const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
    cleanups.push(() => client.clear());
    const location: HashLocation = { hash };
    const watch = (name: string, tables = NO_TABLES) => {
      let n = 0;
      const fn = vi.fn(async () => `${name} ${++n}`);
      const observer = new QueryObserver(client, { queryKey: [name], queryFn: fn, meta: { tables } });
      cleanups.push(observer.subscribe(() => {}));
      return fn;
    };
    const settled = () => vi.waitFor(() => expect(client.isFetching()).toBe(0));
    return { client, location, watch, settled };
  }

  it('drops and asks again every query, even one that reads no table, when the data changed', async () => {
    const { client, location, watch, settled } = setup('#/developers/some-id');
    client.setQueryData(TEAM_CONNECTION_KEY, local);
    const developers = watch('developers', ['developers']);
    const files = watch('files');
    await settled();
    expect(client.getQueryData(['developers'])).toBe('developers 1');

    applyTeamConnection(client, team, location);
    // Reset: the old answer is gone at once, not shown until the new one comes.
    expect(client.getQueryData(['developers'])).toBeUndefined();
    await settled();
    expect(developers).toHaveBeenCalledTimes(2);
    expect(files).toHaveBeenCalledTimes(2);
    expect(client.getQueryData(['developers'])).toBe('developers 2');
    expect(client.getQueryData(TEAM_CONNECTION_KEY)).toEqual(team);
    expect(location.hash).toBe('#/developers');
  });

  it('does nothing more for the second report of the same switch (the call’s answer, then team:changed)', async () => {
    const { client, location, watch, settled } = setup('#/developers/some-id');
    client.setQueryData(TEAM_CONNECTION_KEY, team);
    const developers = watch('developers', ['developers']);
    await settled();

    applyTeamConnection(client, { ...team, notices: ['GRANT …'] }, location);
    await settled();
    expect(developers).toHaveBeenCalledTimes(1);
    expect(location.hash).toBe('#/developers/some-id');
    expect(client.getQueryData<TeamConnection>(TEAM_CONNECTION_KEY)?.notices).toEqual(['GRANT …']);

    // A team server leaves the core on this computer's data: nothing to ask again either.
    client.setQueryData(TEAM_CONNECTION_KEY, local);
    applyTeamConnection(client, server, location);
    await settled();
    expect(developers).toHaveBeenCalledTimes(1);
  });
});
