import type { DatabaseLocation } from '../../../src-shared/contract';
import type { Db } from '../db/db';
import type { DomainHandlers } from '../handlers';
import { readStatus } from './service';

export function systemHandlers(db: Db, location: DatabaseLocation): DomainHandlers {
  return {
    'system:status': () => readStatus(db, location),
  };
}
