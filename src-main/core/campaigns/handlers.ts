import type { Pool } from 'pg';
import type { TableName } from '../../../src-shared/contract/tables';
import { DERIVED_TABLE_NAMES } from '../derived/tables';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { inTransaction } from '../merges/tx';
import { createBudget, deleteBudget, updateBudget } from './budgets';
import { campaignDetail } from './detail';
import { roiReport } from './roi';
import { createCampaign, getCampaign, listCampaigns, updateCampaign } from './service';
import { createUndoStore, deleteCampaign, restoreCampaign } from './undo';

/** What deleting or restoring a campaign rewrites: its rows and the attribution derived from them. */
const CAMPAIGN_DELETE_TABLES: TableName[] = ['campaigns', 'budgets', 'resources', ...DERIVED_TABLE_NAMES];

export function campaignHandlers(pool: Pool, events: CoreEvents, tenant: string): DomainHandlers {
  const undo = createUndoStore();
  const changed = (tables: TableName[]) => events.emit('db:changed', { tables });
  return {
    'campaigns:list': ({ q }) => listCampaigns(pool, tenant, q),
    'campaigns:get': (query) => campaignDetail(pool, tenant, query),

    'campaigns:create': async (fields) => {
      const id = await inTransaction(pool, (client) => createCampaign(client, tenant, fields));
      changed(['campaigns', 'campaign_stats']);
      return getCampaign(pool, tenant, id);
    },

    'campaigns:update': async ({ campaignId, ...fields }) => {
      if (await updateCampaign(pool, tenant, campaignId, fields)) changed(['campaigns']);
      return getCampaign(pool, tenant, campaignId);
    },

    'campaigns:delete': async ({ campaignId }) => {
      const undoToken = await deleteCampaign(pool, undo, tenant, campaignId);
      changed(CAMPAIGN_DELETE_TABLES);
      return { undoToken };
    },

    'campaigns:restore': async ({ undoToken }) => {
      const id = await restoreCampaign(pool, undo, tenant, undoToken);
      changed(CAMPAIGN_DELETE_TABLES);
      return getCampaign(pool, tenant, id);
    },

    'budgets:create': async (input) => {
      const budget = await createBudget(pool, tenant, input);
      changed(['budgets', 'campaign_stats']);
      return budget;
    },

    'budgets:update': async (input) => {
      const budget = await updateBudget(pool, tenant, input);
      changed(['budgets', 'campaign_stats']);
      return budget;
    },

    'budgets:delete': async ({ budgetId }) => {
      const budget = await deleteBudget(pool, tenant, budgetId);
      changed(['budgets', 'campaign_stats']);
      return budget;
    },

    'campaigns:get-roi': (query) => roiReport(pool, tenant, query),
  };
}
