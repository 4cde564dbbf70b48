// PLACEHOLDER — replaced by the domain's implementation before this lands.
import type { Pool } from 'pg';
import { CoreError } from '../errors';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';

const notYet = () => Promise.reject(new CoreError('UNAVAILABLE', 'Not built yet'));

export function campaignHandlers(_pool: Pool, _events: CoreEvents, _tenant: string): DomainHandlers {
  return {
    'campaigns:list': notYet,
    'campaigns:get': notYet,
    'campaigns:create': notYet,
    'campaigns:update': notYet,
    'campaigns:delete': notYet,
    'campaigns:restore': notYet,
    'budgets:create': notYet,
    'budgets:update': notYet,
    'budgets:delete': notYet,
    'analytics:roi': notYet,
  };
}
