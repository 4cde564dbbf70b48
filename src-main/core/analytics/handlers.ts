// PLACEHOLDER — replaced by the domain's implementation before this lands.
import type { Pool } from 'pg';
import { CoreError } from '../errors';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';

const notYet = () => Promise.reject(new CoreError('UNAVAILABLE', 'Not built yet'));

export function analyticsHandlers(_pool: Pool, _events: CoreEvents, _tenant: string): DomainHandlers {
  return {
    'analytics:sources': notYet,
    'analytics:funnel': notYet,
    'analytics:funnelDevelopers': notYet,
    'analytics:funnelDevelopersCsv': notYet,
    'analytics:trend': notYet,
    'analytics:overview': notYet,
    'stats:rebuild': notYet,
  };
}
