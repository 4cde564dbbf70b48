import { CoreError } from '../errors';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { exportDevelopers, listDevelopers } from './list';
import { findDeveloperByEmail, getProfile, listActivities } from './profile';
import { listTags, tagFiltered, tagListed } from './tags';
import { updateDeveloper } from './update';
import type { Db } from '../db/db';
import type { SearchIndexClient } from './search-index/client';

export function developerHandlers(db: Db, events: CoreEvents, tenant: string, searchIndex?: SearchIndexClient): DomainHandlers {
  return {
    'developers:list': (query) => listDevelopers(db, tenant, query, searchIndex),

    'developers:export': (filters) => exportDevelopers(db, tenant, filters),

    'developers:get': async ({ developerId, email }) => {
      const id = developerId ?? (await findDeveloperByEmail(db, tenant, email!));
      if (id === null) throw new CoreError('NOT_FOUND', `No developer with the email ${email}`, { email });
      return getProfile(db, tenant, id);
    },

    'developers:list-activities': (query) => listActivities(db, tenant, query),

    'developers:list-tags': (query) => listTags(db, tenant, query),

    'developers:tag-filtered': async (input) => {
      const result = await tagFiltered(db, tenant, input);
      if (result.developerIds.length > 0) events.emit('db:changed', { tables: ['developers'] });
      return result;
    },

    'developers:tag-listed': async (input) => {
      const result = await tagListed(db, tenant, input);
      if (result.developerIds.length > 0) events.emit('db:changed', { tables: ['developers'] });
      return result;
    },

    'developers:update': async (update) => {
      if (await updateDeveloper(db, tenant, update)) events.emit('db:changed', { tables: ['developers'] });
      return getProfile(db, tenant, update.developerId);
    },
  };
}
