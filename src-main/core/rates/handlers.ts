import type { TableName } from '../../../src-shared/contract/tables';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import type { Db } from '../db/db';
import { parseRatesCsv } from './csv';
import { deleteRate, listRates, setRates } from './rates';

/** A rate changes the reporting-currency totals cached in campaign_stats. */
const RATE_TABLES: TableName[] = ['app.exchange_rates', 'campaign_stats'];

export function rateHandlers(db: Db, events: CoreEvents, tenant: string): DomainHandlers {
  const changed = () => events.emit('db:changed', { tables: RATE_TABLES });
  return {
    'rates:list': () => listRates(db, tenant),

    'rates:set': async (rate) => {
      await setRates(db, tenant, [rate]);
      changed();
      return rate;
    },

    'rates:delete': async ({ currency, month }) => {
      const deleted = await deleteRate(db, tenant, currency, month);
      changed();
      return deleted;
    },

    'rates:import': async ({ csv }) => {
      const rows = parseRatesCsv(csv);
      await setRates(db, tenant, rows);
      changed();
      return { imported: rows.length, reportingCurrency: (await listRates(db, tenant)).reportingCurrency };
    },
  };
}
