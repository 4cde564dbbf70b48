/**
 * The one contract between the renderer and the core, composed from its
 * rooms: one file per domain, each mapping its channels to a zod schema for
 * the input and one for the output. The core parses every input with these
 * schemas, the preload exposes exactly these names, the HTTP shell serves
 * exactly these names, and the renderer imports only the inferred types.
 * Nothing else crosses the boundary. Import a name from the file that
 * defines it: the composition from here, a domain's shapes from its room.
 */
import type { z } from 'zod';
import { analyticsChannels } from './analytics';
import { apiKeyChannels } from './api-keys';
import { backupChannels } from './backup';
import { campaignChannels } from './campaigns';
import type { ApiResult } from './common';
import { developerChannels } from './developers';
import { formChannels } from './forms';
import type { EventName, EventPayload } from './events';
import type { RegisteredFile } from './files';
import { importChannels } from './imports';
import { mergeChannels } from './merges';
import { notificationChannels } from './notifications';
import { organizationChannels } from './organizations';
import { rateChannels } from './rates';
import { resourceChannels } from './resources';
import { settingsChannels } from './settings';
import { shortlinkChannels } from './shortlinks';
import { statsChannels } from './stats';
import { systemChannels } from './system';
import { teamChannels } from './team';
import { tenantChannels } from './tenants';

/** Each room's channels, by domain (the unit test checks each room's prefixes). */
export const channelRooms = {
  system: systemChannels,
  imports: importChannels,
  developers: developerChannels,
  merges: mergeChannels,
  organizations: organizationChannels,
  settings: settingsChannels,
  campaigns: campaignChannels,
  rates: rateChannels,
  analytics: analyticsChannels,
  stats: statsChannels,
  backup: backupChannels,
  shortlinks: shortlinkChannels,
  resources: resourceChannels,
  'api-keys': apiKeyChannels,
  forms: formChannels,
  notifications: notificationChannels,
  tenants: tenantChannels,
  team: teamChannels,
} as const;

type Rooms = typeof channelRooms;
/** Names that two rooms both define: spreading would silently keep the last one. */
type SharedNames = {
  [A in keyof Rooms]: { [B in Exclude<keyof Rooms, A>]: keyof Rooms[A] & keyof Rooms[B] }[Exclude<keyof Rooms, A>];
}[keyof Rooms];
// Fails to compile, naming the channel, when two rooms define the same name.
const noSharedNames: [SharedNames] extends [never] ? true : { defined_twice: SharedNames } = true;
void noSharedNames;

export const channels = {
  ...systemChannels,
  ...importChannels,
  ...developerChannels,
  ...mergeChannels,
  ...organizationChannels,
  ...settingsChannels,
  ...campaignChannels,
  ...rateChannels,
  ...analyticsChannels,
  ...statsChannels,
  ...backupChannels,
  ...shortlinkChannels,
  ...resourceChannels,
  ...apiKeyChannels,
  ...formChannels,
  ...notificationChannels,
  ...tenantChannels,
  ...teamChannels,
} as const;

export type ChannelName = keyof typeof channels;
export type ChannelInput<K extends ChannelName> = z.input<(typeof channels)[K]['input']>;
export type ChannelOutput<K extends ChannelName> = z.output<(typeof channels)[K]['output']>;

/**
 * The contract as a caller sees it once the `ApiResult` envelope is unwrapped:
 * the shape of the renderer's `api.call` and of the tests' `call`. The core
 * itself implements `CoreHandlers` (core/handlers.ts): untrusted input in,
 * parsed here, and an `ApiResult` out.
 */
export type Api = {
  [K in ChannelName]: (input: ChannelInput<K>) => Promise<ChannelOutput<K>>;
};

export const channelNames = Object.keys(channels) as ChannelName[];

export function isChannelName(name: string): name is ChannelName {
  return Object.hasOwn(channels, name);
}

/** What the preload puts on `window.api`, and what the HTTP client mimics. */
export interface Bridge {
  invoke<K extends ChannelName>(channel: K, input: ChannelInput<K>): Promise<ApiResult<ChannelOutput<K>>>;
  on<K extends EventName>(event: K, listener: (payload: EventPayload<K>) => void): () => void;
  /**
   * Electron only: registers a dropped or chosen file with the main process
   * and answers its handle. It takes a `File`, never a string: the page cannot
   * name a path of its own.
   */
  registerFile?: (file: File) => Promise<ApiResult<RegisteredFile>>;
}
