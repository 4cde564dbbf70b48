import type { Pool } from 'pg';
import { CoreError } from '../errors';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { exportDevelopers, listDevelopers } from './list';
import { findDeveloperByEmail, getProfile, listActivities } from './profile';
import { updateDeveloper } from './update';

export function developerHandlers(pool: Pool, events: CoreEvents, tenant: string): DomainHandlers {
  return {
    'developers:list': (query) => listDevelopers(pool, tenant, query),

    'developers:export': (filters) => exportDevelopers(pool, tenant, filters),

    'developers:get': async ({ developerId, email }) => {
      const id = developerId ?? (await findDeveloperByEmail(pool, tenant, email!));
      if (id === null) throw new CoreError('NOT_FOUND', `No developer with the email ${email}`, { email });
      return getProfile(pool, tenant, id);
    },

    'developers:list-activities': (query) => listActivities(pool, tenant, query),

    'developers:update': async (update) => {
      if (await updateDeveloper(pool, tenant, update)) events.emit('db:changed', { tables: ['developers'] });
      return getProfile(pool, tenant, update.developerId);
    },
  };
}
