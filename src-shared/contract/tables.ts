/**
 * Every table the app has, by the name `db:changed` announces and the
 * renderer's queries declare they read: the spec's 25 in `public`
 * unqualified, the app's own schemas qualified (`app.x`, `derived.x`).
 * core/db/tables.ts proves at compile time that this list and the schema
 * define the same tables. No zod here: the renderer imports this list
 * (contract/values.ts says why).
 */
export const tableNames = [
  // The spec's tables (core/db/schema/), in its files' order.
  'tenants',
  'users',
  'api_keys',
  'system_settings',
  'notifications',
  'organizations',
  'developers',
  'accounts',
  'developer_identifiers',
  'developer_merge_logs',
  'campaigns',
  'budgets',
  'resources',
  'activities',
  'activity_campaigns',
  'plugins',
  'plugin_runs',
  'plugin_events_raw',
  'import_jobs',
  'shortlinks',
  'developer_stats',
  'campaign_stats',
  'funnel_stages',
  'activity_funnel_map',
  'schema_migrations',
  // What the user owns beyond the spec.
  'app.tenant_settings',
  'app.exchange_rates',
  'app.developer_number',
  'app.api_key_uses',
  'app.notification_channels',
  'app.notification_deliveries',
  'app.ingest_forms',
  'app.user_sessions',
  // Computed from the tables above, rebuilt at will.
  'derived.developer_search',
  'derived.search_version',
  'derived.developer_search_gone',
  'derived.funnel_bits',
  'derived.funnel_cells',
  'derived.activity_daily',
  'derived.campaign_daily',
  'derived.roi_steps',
  'derived.roi_inputs',
  'derived.merge_keys',
  'derived.merge_pairs',
  'derived.merged_away',
] as const;

export type TableName = (typeof tableNames)[number];
