import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { getSettings } from './read';
import { DERIVED_TABLES, mapAction, updateSettings } from './write';
import type { Db } from '../db/db';

export function settingsHandlers(db: Db, events: CoreEvents, tenant: string): DomainHandlers {
  return {
    'settings:get': () => getSettings(db, tenant),

    'settings:update': async (update) => {
      const { rebuilt } = await updateSettings(db, tenant, update);
      events.emit('db:changed', { tables: rebuilt ? ['tenant_settings', ...DERIVED_TABLES] : ['tenant_settings'] });
      return getSettings(db, tenant);
    },

    'settings:mapAction': async ({ action, stageKey }) => {
      if (await mapAction(db, tenant, action, stageKey)) {
        events.emit('db:changed', { tables: ['activity_funnel_map', ...DERIVED_TABLES] });
      }
      return getSettings(db, tenant);
    },
  };
}
