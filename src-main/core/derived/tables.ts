/**
 * What `refreshDerived` and `rebuildDerived` write, for `db:changed`: the
 * derived schema, and the spec's tables that attribution and the campaign
 * counts keep (activity_campaigns, campaign_stats). Every writer that
 * announces derived numbers (settings, the stats rebuild, imports, a
 * campaign's delete and restore) announces this one list.
 */
import type { TableName } from '../../../src-shared/contract/tables';

export const DERIVED_TABLE_NAMES = [
  'activity_campaigns',
  'campaign_stats',
  'derived.roi_steps',
  'derived.roi_inputs',
  'derived.developer_search',
  'derived.search_version',
  'derived.developer_search_gone',
  'derived.funnel_bits',
  'derived.funnel_cells',
  'derived.activity_daily',
  'derived.campaign_daily',
  'derived.merge_keys',
  'derived.merge_pairs',
  'derived.merged_away',
] as const satisfies readonly TableName[];

type DerivedSchemaTable = Extract<TableName, `derived.${string}`>;
// Fails to compile, naming it, when a table of the derived schema is left out.
const everyDerivedTable: [Exclude<DerivedSchemaTable, (typeof DERIVED_TABLE_NAMES)[number]>] extends [never]
  ? true
  : { missing: Exclude<DerivedSchemaTable, (typeof DERIVED_TABLE_NAMES)[number]> } = true;
void everyDerivedTable;
