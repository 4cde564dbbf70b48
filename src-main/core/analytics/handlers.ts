import type { Pool } from 'pg';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { funnelDevelopers, funnelDevelopersCsv, funnelReport } from './funnel';
import { overviewReport } from './overview';
import { rebuildStats, REBUILT_TABLES } from './rebuild';
import { listSources } from './sources';
import { trendReport } from './trend';

export function analyticsHandlers(pool: Pool, events: CoreEvents, tenant: string): DomainHandlers {
  return {
    'analytics:list-sources': () => listSources(pool, tenant),
    'analytics:get-funnel': (query) => funnelReport(pool, tenant, query),
    'analytics:list-funnel-developers': (query) => funnelDevelopers(pool, tenant, query),
    'analytics:export-funnel-developers': (query) => funnelDevelopersCsv(pool, tenant, query),
    'analytics:get-trend': (query) => trendReport(pool, tenant, query),
    'analytics:get-overview': (query) => overviewReport(pool, tenant, query),
    'stats:rebuild': async () => {
      const result = await rebuildStats(pool, tenant);
      events.emit('db:changed', { tables: [...REBUILT_TABLES] });
      return result;
    },
  };
}
