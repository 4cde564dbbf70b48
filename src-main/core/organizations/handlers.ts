import type { Pool } from 'pg';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { getOrganization, listOrganizations, mergeOrganizations, renameOrganization } from './service';

export function organizationHandlers(pool: Pool, events: CoreEvents, tenant: string): DomainHandlers {
  const changed = () => events.emit('db:changed', { tables: ['organizations', 'developers'] });
  return {
    'organizations:list': (query) => listOrganizations(pool, tenant, query),

    'organizations:get': ({ orgId }) => getOrganization(pool, tenant, orgId),

    'organizations:rename': async ({ orgId, name }) => {
      if (await renameOrganization(pool, tenant, orgId, name)) changed();
      return getOrganization(pool, tenant, orgId);
    },

    'organizations:merge': async ({ intoId, fromId }) => {
      const moved = await mergeOrganizations(pool, tenant, intoId, fromId);
      changed();
      return { moved };
    },
  };
}
