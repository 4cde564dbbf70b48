import type { Pool } from 'pg';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { DERIVED_TABLE_NAMES } from '../derived/tables';
import { getSettings, mapAction, updateSettings } from './service';

export function settingsHandlers(pool: Pool, events: CoreEvents, tenant: string): DomainHandlers {
  return {
    'settings:get': () => getSettings(pool, tenant),

    'settings:update': async (update) => {
      const { rebuilt } = await updateSettings(pool, tenant, update);
      events.emit('db:changed', { tables: rebuilt ? ['app.tenant_settings', ...DERIVED_TABLE_NAMES] : ['app.tenant_settings'] });
      return getSettings(pool, tenant);
    },

    'settings:map-action': async ({ action, stageKey }) => {
      if (await mapAction(pool, tenant, action, stageKey)) {
        events.emit('db:changed', { tables: ['activity_funnel_map', ...DERIVED_TABLE_NAMES] });
      }
      return getSettings(pool, tenant);
    },
  };
}
