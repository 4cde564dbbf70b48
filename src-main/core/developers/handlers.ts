import { CoreError } from '../errors';
import { DERIVED_TABLE_NAMES } from '../derived/tables';
import { createUndoStore } from '../undo-store';
import { relinkIdentifier, unlinkIdentifier, type UnlinkSnapshot } from './identifiers';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { exportDevelopers, listDevelopers } from './list';
import { findDeveloperByEmail, getProfile, listActivities } from './profile';
import { listTags, tagFiltered, tagListed } from './tags';
import { updateDeveloper } from './update';
import type { Db } from '../db/db';
import type { SearchIndexClient } from './search-index/client';

export function developerHandlers(db: Db, events: CoreEvents, tenant: string, searchIndex?: SearchIndexClient): DomainHandlers {
  const unlinked = createUndoStore<UnlinkSnapshot>();
  const linkChanged = () =>
    events.emit('db:changed', { tables: ['developer_identifiers', 'activities', 'developer_stats', ...DERIVED_TABLE_NAMES] });
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

    'developers:unlink-identifier': async (request) => {
      const snapshot = await unlinkIdentifier(db, tenant, request);
      linkChanged();
      return { activities: snapshot.activityIds.length, undoToken: unlinked.put(snapshot) };
    },

    'developers:undo-unlink-identifier': async ({ undoToken }) => {
      const snapshot = unlinked.get(undoToken);
      if (!snapshot) throw new CoreError('NOT_FOUND', 'Nothing to undo: the unlink was undone already or is more than ten minutes old');
      const activities = await relinkIdentifier(db, tenant, snapshot);
      unlinked.drop(undoToken);
      linkChanged();
      return { activities };
    },

    'developers:update': async (update) => {
      if (await updateDeveloper(db, tenant, update)) events.emit('db:changed', { tables: ['developers'] });
      return getProfile(db, tenant, update.developerId);
    },
  };
}
