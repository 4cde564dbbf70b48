import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { DERIVED_TABLE_NAMES } from '../derived/tables';
import type { TableName } from '../../../src-shared/contract/tables';
import { createUndoStore } from '../undo-store';
import type { Db } from '../db/db';
import { listResourceChoices } from './choices';
import { listEvents } from './events';
import { mergeResources, undoResourceMerge, type MergeSnapshot } from './merge';
import { resourceReport } from './report';
import { getResource, listResources, updateResource } from './service';

/** A resource edit or merge touches the resource, its activities' copies, and attribution's tables. */
const RESOURCE_TABLES: TableName[] = ['resources', 'activities', ...DERIVED_TABLE_NAMES];

export function resourceHandlers(db: Db, events: CoreEvents, tenant: string): DomainHandlers {
  const changed = () => events.emit('db:changed', { tables: RESOURCE_TABLES });
  const undo = createUndoStore<MergeSnapshot>();
  return {
    'resources:list': (query) => listResources(db, tenant, query),

    'resources:get': ({ resourceId }) => getResource(db, tenant, resourceId),

    'resources:list-choices': () => listResourceChoices(db, tenant),

    'resources:update': async (edit) => {
      const result = await updateResource(db, tenant, edit);
      changed();
      return result;
    },

    'resources:merge': async ({ intoId, fromId }) => {
      const result = await mergeResources(db, undo, tenant, intoId, fromId);
      changed();
      return result;
    },

    'resources:undo-merge': async ({ undoToken }) => {
      const resourceId = await undoResourceMerge(db, undo, tenant, undoToken);
      changed();
      return { resourceId };
    },

    'resources:get-report': ({ resourceId, bucket }) => resourceReport(db, tenant, resourceId, bucket),

    'resources:get-events': (query) => listEvents(db, tenant, query),
  };
}
