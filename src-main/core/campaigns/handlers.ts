import type { TableName } from '../../../src-shared/contract/tables';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { inTransaction } from '../db/transaction';
import { DERIVED_TABLE_NAMES } from '../derived/tables';
import { createBudget, deleteBudget, updateBudget } from './budgets';
import { campaignDetail } from './detail';
import { roiReport } from './roi';
import { roiBreakdown } from './roi-breakdown';
import { createCampaign, getCampaign, listCampaigns, updateCampaign } from './service';
import { createCampaignUndoStore, deleteCampaign, restoreCampaign } from './undo';
import type { Db } from '../db/db';

/** What deleting or restoring a campaign rewrites: its rows and the attribution derived from them. */
const CAMPAIGN_DELETE_TABLES: TableName[] = ['campaigns', 'budgets', 'resources', ...DERIVED_TABLE_NAMES];

export function campaignHandlers(db: Db, events: CoreEvents, tenant: string): DomainHandlers {
  const undo = createCampaignUndoStore();
  const changed = (tables: TableName[]) => events.emit('db:changed', { tables });
  return {
    'campaigns:list': ({ q }) => listCampaigns(db, tenant, q),
    'campaigns:get': (query) => campaignDetail(db, tenant, query),

    'campaigns:create': async (fields) => {
      const id = await inTransaction(db, (tx) => createCampaign(tx, tenant, fields));
      changed(['campaigns', 'campaign_stats']);
      return getCampaign(db, tenant, id);
    },

    'campaigns:update': async ({ campaignId, ...fields }) => {
      // A changed channel moves the campaign's developers between the funnel's channel slices.
      if (await inTransaction(db, (tx) => updateCampaign(tx, tenant, campaignId, fields))) changed(['campaigns', ...DERIVED_TABLE_NAMES]);
      return getCampaign(db, tenant, campaignId);
    },

    'campaigns:delete': async ({ campaignId }) => {
      const undoToken = await deleteCampaign(db, undo, tenant, campaignId);
      changed(CAMPAIGN_DELETE_TABLES);
      return { undoToken };
    },

    'campaigns:restore': async ({ undoToken }) => {
      const id = await restoreCampaign(db, undo, tenant, undoToken);
      changed(CAMPAIGN_DELETE_TABLES);
      return getCampaign(db, tenant, id);
    },

    'budgets:create': async (input) => {
      const budget = await createBudget(db, tenant, input);
      changed(['budgets', 'campaign_stats']);
      return budget;
    },

    'budgets:update': async (input) => {
      const budget = await updateBudget(db, tenant, input);
      changed(['budgets', 'campaign_stats']);
      return budget;
    },

    'budgets:delete': async ({ budgetId }) => {
      const budget = await deleteBudget(db, tenant, budgetId);
      changed(['budgets', 'campaign_stats']);
      return budget;
    },

    'campaigns:get-roi': (query) => roiReport(db, tenant, query),
    'campaigns:get-roi-breakdown': (query) => roiBreakdown(db, tenant, query),
  };
}
