import type { Pool } from 'pg';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { DERIVED_TABLES, getSettings, mapAction, updateSettings } from './service';

export function settingsHandlers(pool: Pool, events: CoreEvents, tenant: string): DomainHandlers {
  return {
    'settings:get': () => getSettings(pool, tenant),

    'settings:update': async (update) => {
      const { rebuilt } = await updateSettings(pool, tenant, update);
      events.emit('db:changed', { tables: rebuilt ? ['tenant_settings', ...DERIVED_TABLES] : ['tenant_settings'] });
      return getSettings(pool, tenant);
    },

    'settings:map-action': async ({ action, stageKey }) => {
      if (await mapAction(pool, tenant, action, stageKey)) {
        events.emit('db:changed', { tables: ['activity_funnel_map', ...DERIVED_TABLES] });
      }
      return getSettings(pool, tenant);
    },
  };
}
