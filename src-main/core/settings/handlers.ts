import type { TableName } from '../../../src-shared/contract/tables';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { getSettings } from './read';
import { mapAction, updateSettings } from './write';
import { DERIVED_TABLE_NAMES } from '../derived/tables';
import type { Db } from '../db/db';

export function settingsHandlers(db: Db, events: CoreEvents, tenant: string): DomainHandlers {
  return {
    'settings:get': () => getSettings(db, tenant),

    'settings:update': async (update) => {
      const { rebuilt, restated } = await updateSettings(db, tenant, update);
      const tables: TableName[] = rebuilt ? ['app.tenant_settings', ...DERIVED_TABLE_NAMES] : ['app.tenant_settings'];
      if (restated && !rebuilt) tables.push('campaign_stats');
      events.emit('db:changed', { tables });
      return getSettings(db, tenant);
    },

    'settings:map-action': async ({ action, stageKey }) => {
      if (await mapAction(db, tenant, action, stageKey)) {
        events.emit('db:changed', { tables: ['activity_funnel_map', ...DERIVED_TABLE_NAMES] });
      }
      return getSettings(db, tenant);
    },
  };
}
