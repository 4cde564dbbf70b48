import type { Db } from '../db/db';
import type { DatabaseLocation } from '../../../src-shared/contract/system';
import type { DomainHandlers } from '../handlers';
import { readDataPresence, readStatus } from './service';

export function systemHandlers(db: Db, location: DatabaseLocation): DomainHandlers {
  return {
    'system:get-status': () => readStatus(db, location),
    'system:get-data-presence': () => readDataPresence(db),
  };
}
