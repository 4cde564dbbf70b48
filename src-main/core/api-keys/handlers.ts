import type { Db } from '../db/db';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { createApiKey, listApiKeys, revokeApiKey } from './service';

export function apiKeyHandlers(db: Db, events: CoreEvents, tenant: string): DomainHandlers {
  return {
    'api-keys:list': () => listApiKeys(db, tenant),
    'api-keys:create': async ({ name, scopes }) => {
      // Sign-in (issue 14 §2) passes the caller's user id here as createdBy.
      const created = await createApiKey(db, tenant, { name, scopes });
      events.emit('db:changed', { tables: ['api_keys'] });
      return created;
    },
    'api-keys:revoke': async ({ apiKeyId }) => {
      const revoked = await revokeApiKey(db, tenant, apiKeyId);
      events.emit('db:changed', { tables: ['api_keys'] });
      return revoked;
    },
  };
}
