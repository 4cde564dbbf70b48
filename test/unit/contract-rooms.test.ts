import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventNames } from '../../src-shared/contract/events';
import { FILES_REGISTER_CHANNEL } from '../../src-shared/contract/files';
import { channelNames, channelRooms } from '../../src-shared/contract/index';

/** `domain:verb` or `domain:verb-noun`, kebab case (a domain of two words too: `api-keys:`). */
const NAME = /^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$/;

/** Each room's file and the prefixes its channels may have. */
const PREFIXES: Record<keyof typeof channelRooms, readonly string[]> = {
  system: ['system:'],
  imports: ['import:'],
  developers: ['developers:'],
  merges: ['merges:'],
  organizations: ['organizations:'],
  settings: ['settings:'],
  campaigns: ['campaigns:', 'budgets:'],
  rates: ['rates:'],
  analytics: ['analytics:'],
  stats: ['stats:'],
  backup: ['backup:'],
  shortlinks: ['shortlinks:'],
  resources: ['resources:'],
  'api-keys': ['api-keys:'],
  forms: ['forms:'],
  notifications: ['notifications:'],
  tenants: ['tenants:'],
  team: ['team:'],
};

/** Files of the contract that hold no channel map of `channels`. */
// files and desktop name shell channels (files:register, the way back from a team server), answered by the shells, not the core.
const NOT_ROOMS = ['common', 'desktop', 'events', 'files', 'index', 'tables', 'values'];

const rooms = Object.entries(channelRooms) as [keyof typeof channelRooms, Record<string, unknown>][];

describe('contract rooms', () => {
  it('names every channel domain:verb(-noun) in kebab case, with its room’s prefix', () => {
    for (const [room, map] of rooms) {
      for (const name of Object.keys(map)) {
        expect(name, `${name} (${room})`).toMatch(NAME);
        expect(
          PREFIXES[room].some((prefix) => name.startsWith(prefix)),
          `${name} is in the ${room} room`,
        ).toBe(true);
      }
    }
  });

  it('names events and the private files channel the same way', () => {
    for (const name of [...eventNames, FILES_REGISTER_CHANNEL]) expect(name).toMatch(NAME);
    expect(FILES_REGISTER_CHANNEL.startsWith('files:')).toBe(true);
  });

  it('defines every channel in exactly one room, and composes them all', () => {
    const all = rooms.flatMap(([, map]) => Object.keys(map));
    const twice = all.filter((name, i) => all.indexOf(name) !== i);
    expect(twice).toEqual([]);
    expect([...channelNames].sort()).toEqual([...all].sort());
  });

  it('composes every room file of src-shared/contract/, under its file’s name', async () => {
    const dir = join(import.meta.dirname, '../../src-shared/contract');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => f.slice(0, -3))
      .filter((f) => !NOT_ROOMS.includes(f));
    expect(files.sort()).toEqual(Object.keys(channelRooms).sort());
    for (const file of files) {
      const module = (await import(join(dir, `${file}.ts`))) as Record<string, unknown>;
      const maps = Object.entries(module).filter(([name]) => name.endsWith('Channels'));
      expect(
        maps.map(([, map]) => map),
        file,
      ).toEqual([channelRooms[file as keyof typeof channelRooms]]);
    }
  });
});
