import type { Db } from '../db/db';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { NOBODY, type ActorOf } from '../audit/actor';
import { createApiKey, listApiKeys, revokeApiKey } from './service';

/** `actorOf`: who a created key is recorded as created by (`api_keys.created_by`). */
export function apiKeyHandlers(db: Db, events: CoreEvents, tenant: string, actorOf: ActorOf = NOBODY): DomainHandlers {
  return {
    'api-keys:list': () => listApiKeys(db, tenant),
    'api-keys:create': async ({ name, scopes }, caller) => {
      const created = await createApiKey(db, tenant, { name, scopes, createdBy: await actorOf(caller) });
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
