import type { CoreEvents } from '../events';
import { activityRange } from './activity-range';
import { funnelBreakdown } from './funnel-breakdown';
import type { DomainHandlers } from '../handlers';
import { funnelDevelopers, funnelDevelopersCsv, funnelReport } from './funnel';
import { overviewReport } from './overview';
import { rebuildStats, REBUILT_TABLES } from './rebuild';
import { listSources } from './sources';
import { trendReport } from './trend';
import type { Db } from '../db/db';

export function analyticsHandlers(db: Db, events: CoreEvents, tenant: string): DomainHandlers {
  return {
    'analytics:list-sources': () => listSources(db, tenant),
    'analytics:get-activity-range': () => activityRange(db, tenant),
    'analytics:get-funnel': (query) => funnelReport(db, tenant, query),
    'analytics:get-funnel-breakdown': (query) => funnelBreakdown(db, tenant, query),
    'analytics:list-funnel-developers': (query) => funnelDevelopers(db, tenant, query),
    'analytics:export-funnel-developers': (query) => funnelDevelopersCsv(db, tenant, query),
    'analytics:get-trend': (query) => trendReport(db, tenant, query),
    'analytics:get-overview': (query) => overviewReport(db, tenant, query),
    'stats:rebuild': async () => {
      const result = await rebuildStats(db, tenant);
      events.emit('db:changed', { tables: [...REBUILT_TABLES] });
      return result;
    },
  };
}
