import type { TableName } from '../../../src-shared/contract/tables';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { NOBODY, type ActorOf } from '../audit/actor';
import { dismissPair, mergeHistory, snoozePair } from './decisions';
import { mergeDevelopers } from './merge';
import { listSuggestions } from './suggestions';
import { unmergeDevelopers } from './unmerge';
import type { Db } from '../db/db';

/** Tables a merge or unmerge writes, for db:changed. */
const MERGE_TABLES: TableName[] = [
  'developers',
  'accounts',
  'developer_identifiers',
  'activities',
  'developer_stats',
  'developer_merge_logs',
];

/** `actorOf`: who each decision is recorded as (`developer_merge_logs.merged_by`). */
export function mergeHandlers(db: Db, events: CoreEvents, tenant: string, actorOf: ActorOf = NOBODY): DomainHandlers {
  return {
    'merges:list-suggestions': ({ limit }) => listSuggestions(db, tenant, limit),

    'merges:dismiss': async ({ a, b }, caller) => {
      await dismissPair(db, tenant, a, b, await actorOf(caller));
      events.emit('db:changed', { tables: ['developer_merge_logs'] });
      return { dismissed: true as const };
    },

    'merges:snooze': async ({ a, b, days }, caller) => {
      const until = await snoozePair(db, tenant, a, b, days, await actorOf(caller));
      events.emit('db:changed', { tables: ['developer_merge_logs'] });
      return { until };
    },

    'developers:merge': async (request, caller) => {
      const mergeId = await mergeDevelopers(db, tenant, request, await actorOf(caller));
      events.emit('db:changed', { tables: MERGE_TABLES });
      return { mergeId };
    },

    'developers:unmerge': async ({ mergeId }, caller) => {
      const undo = await unmergeDevelopers(db, tenant, mergeId, await actorOf(caller));
      events.emit('db:changed', { tables: MERGE_TABLES });
      return { mergeId: undo };
    },

    'developers:list-merges': ({ developerId }) => mergeHistory(db, tenant, developerId),
  };
}
