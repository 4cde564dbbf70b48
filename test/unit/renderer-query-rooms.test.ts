/**
 * Each `queries/<room>.ts` is the renderer's side of one contract room: its
 * query factories declare the tables they read (`meta.tables`, names
 * `db:changed` uses) and, like the mutations beside them, call only their
 * room's channels. The API is a stub that records the channel of each call.
 */
import { describe, expect, it, vi } from 'vitest';
import { channelRooms } from '../../src-shared/contract/index';
import { tableNames } from '../../src-shared/contract/tables';

const called: string[] = [];
vi.mock('../../src-renderer/src/api', () => ({
  api: {
    call: (channel: string) => {
      called.push(channel);
      return Promise.resolve({ rows: [] });
    },
    on: () => () => {},
  },
}));

const { analyticsMutations, analyticsQueries } = await import('../../src-renderer/src/queries/analytics');
const { backupMutations, backupQueries } = await import('../../src-renderer/src/queries/backup');
const { budgetMutations, campaignMutations, campaignQueries } = await import('../../src-renderer/src/queries/campaigns');
const { developerMutations, developerQueries } = await import('../../src-renderer/src/queries/developers');
const { importMutations, importQueries } = await import('../../src-renderer/src/queries/imports');
const { mergeMutations, mergeQueries } = await import('../../src-renderer/src/queries/merges');
const { organizationMutations, organizationQueries } = await import('../../src-renderer/src/queries/organizations');
const { settingsMutations, settingsQueries } = await import('../../src-renderer/src/queries/settings');
const { systemQueries } = await import('../../src-renderer/src/queries/system');

type Room = keyof typeof channelRooms;
type Factories = Record<string, (...args: never[]) => unknown>;

const rooms: { room: Room; queries: Factories; mutations: Factories[] }[] = [
  { room: 'analytics', queries: analyticsQueries, mutations: [analyticsMutations] },
  { room: 'backup', queries: backupQueries, mutations: [backupMutations] },
  { room: 'campaigns', queries: campaignQueries, mutations: [campaignMutations, budgetMutations] },
  { room: 'developers', queries: developerQueries, mutations: [developerMutations] },
  { room: 'imports', queries: importQueries, mutations: [importMutations] },
  { room: 'merges', queries: mergeQueries, mutations: [mergeMutations] },
  { room: 'organizations', queries: organizationQueries, mutations: [organizationMutations] },
  { room: 'settings', queries: settingsQueries, mutations: [settingsMutations] },
  { room: 'system', queries: systemQueries, mutations: [] },
];

/** Reads another room's channel on purpose, with the reason in the factory. */
const BORROWED: Record<string, string> = { 'analytics.latestActivity': 'developers:list' };

interface QueryShape {
  queryKey: readonly unknown[];
  queryFn: () => Promise<unknown>;
  meta?: { tables?: readonly string[] };
}
interface MutationShape {
  mutationKey: readonly unknown[];
  mutationFn: (variables: unknown, context: unknown) => Promise<unknown>;
}

/**
 * A placeholder for any argument or variables: every property of it is one
 * too (`pair.into.developerId`), and it reads as "x" where a string is wanted.
 */
const anything: unknown = new Proxy(() => {}, {
  get: (_target, key) => (key === Symbol.toPrimitive ? () => 'x' : key === 'then' ? undefined : anything),
});

/** Each factory built with placeholder arguments: the stub answers whatever it is asked. */
const build = (factory: (...args: never[]) => unknown) => (factory as (...args: unknown[]) => unknown)('x', null);

async function channelsOf(run: () => Promise<unknown>): Promise<string[]> {
  called.length = 0;
  await run();
  return [...called];
}

describe.each(rooms)('queries/$room', ({ room, queries, mutations }) => {
  const own = (channel: string) => Object.hasOwn(channelRooms[room], channel);
  const factories = Object.entries(queries).filter(([name]) => name !== 'all');

  it('has query factories', () => {
    expect(factories.length).toBeGreaterThan(0);
  });

  it.each(factories)('%s declares the tables it reads, by their names in db:changed', (_name, factory) => {
    const options = build(factory) as QueryShape;
    expect(Array.isArray(options.meta?.tables)).toBe(true);
    expect(options.meta?.tables?.filter((table) => !(tableNames as readonly string[]).includes(table))).toEqual([]);
    expect(options.queryKey.slice(0, 1)).toEqual((queries.all as () => unknown[])());
  });

  it.each(factories)('%s calls its own room', async (name, factory) => {
    const channels = await channelsOf(() => (build(factory) as QueryShape).queryFn());
    expect(channels.length).toBeGreaterThan(0);
    const borrowed = BORROWED[`${room}.${name}`];
    expect(channels.filter((channel) => !own(channel) && channel !== borrowed)).toEqual([]);
  });

  const writes = mutations.flatMap((group) => Object.entries(group));
  if (writes.length > 0) {
    it.each(writes)('mutation %s calls its own room', async (_name, factory) => {
      const options = build(factory) as MutationShape;
      expect(options.mutationKey.length).toBeGreaterThan(0);
      const channels = await channelsOf(() => options.mutationFn(anything, {}));
      expect(channels.length).toBeGreaterThan(0);
      expect(channels.filter((channel) => !own(channel))).toEqual([]);
    });
  }
});
