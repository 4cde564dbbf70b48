import type { TableName } from '../../../src-shared/contract/tables';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
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

export function mergeHandlers(db: Db, events: CoreEvents, tenant: string): DomainHandlers {
  return {
    'merges:list-suggestions': ({ limit }) => listSuggestions(db, tenant, limit),

    'merges:dismiss': async ({ a, b }) => {
      await dismissPair(db, tenant, a, b);
      events.emit('db:changed', { tables: ['developer_merge_logs'] });
      return { dismissed: true as const };
    },

    'merges:snooze': async ({ a, b, days }) => {
      const until = await snoozePair(db, tenant, a, b, days);
      events.emit('db:changed', { tables: ['developer_merge_logs'] });
      return { until };
    },

    'developers:merge': async (request) => {
      const mergeId = await mergeDevelopers(db, tenant, request);
      events.emit('db:changed', { tables: MERGE_TABLES });
      return { mergeId };
    },

    'developers:unmerge': async ({ mergeId }) => {
      const undo = await unmergeDevelopers(db, tenant, mergeId);
      events.emit('db:changed', { tables: MERGE_TABLES });
      return { mergeId: undo };
    },

    'developers:list-merges': ({ developerId }) => mergeHistory(db, tenant, developerId),
  };
}
