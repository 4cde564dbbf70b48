import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { organizationDetail } from './detail';
import { getOrganization, listOrganizations, mergeOrganizations, renameOrganization } from './service';
import type { Db } from '../db/db';

export function organizationHandlers(db: Db, events: CoreEvents, tenant: string): DomainHandlers {
  const changed = () => events.emit('db:changed', { tables: ['organizations', 'developers'] });
  return {
    'organizations:list': (query) => listOrganizations(db, tenant, query),

    'organizations:get': ({ orgId }) => getOrganization(db, tenant, orgId),

    'organizations:get-detail': (query) => organizationDetail(db, tenant, query),

    'organizations:rename': async ({ orgId, name }) => {
      if (await renameOrganization(db, tenant, orgId, name)) changed();
      return getOrganization(db, tenant, orgId);
    },

    'organizations:merge': async ({ intoId, fromId }) => {
      const moved = await mergeOrganizations(db, tenant, intoId, fromId);
      changed();
      return { moved };
    },
  };
}
