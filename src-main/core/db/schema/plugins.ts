import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants, users } from './admin';
import { campaigns, resources } from './campaigns';

export const plugins = pgTable(
  'plugins',
  {
    pluginId: uuid('plugin_id')
      .primaryKey()
      .default(sql`uuid_generate_v4()`),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    config: jsonb('config'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('plugins_tenant_key_unique').on(t.tenantId, t.key)],
);

export const pluginRuns = pgTable(
  'plugin_runs',
  {
    runId: uuid('run_id')
      .primaryKey()
      .default(sql`uuid_generate_v4()`),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    pluginId: uuid('plugin_id')
      .notNull()
      .references(() => plugins.pluginId, { onDelete: 'cascade' }),
    trigger: text('trigger').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    status: text('status').notNull().default('running'),
    result: jsonb('result'),
  },
  (t) => [index('idx_plugin_runs_tenant_plugin_time').on(t.tenantId, t.pluginId, t.startedAt)],
);

export const pluginEventsRaw = pgTable('plugin_events_raw', {
  rawId: uuid('raw_id')
    .primaryKey()
    .default(sql`uuid_generate_v4()`),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => tenants.tenantId, { onDelete: 'cascade' }),
  pluginId: uuid('plugin_id')
    .notNull()
    .references(() => plugins.pluginId, { onDelete: 'cascade' }),
  payload: jsonb('payload').notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  dedupKey: text('dedup_key').unique(),
});

export const importJobs = pgTable('import_jobs', {
  jobId: uuid('job_id')
    .primaryKey()
    .default(sql`uuid_generate_v4()`),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => tenants.tenantId, { onDelete: 'cascade' }),
  source: text('source').notNull(),
  status: text('status').notNull().default('queued'),
  filePath: text('file_path'),
  metrics: jsonb('metrics'),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  createdBy: uuid('created_by').references(() => users.userId),
});

export const shortlinks = pgTable(
  'shortlinks',
  {
    shortlinkId: uuid('shortlink_id')
      .primaryKey()
      .default(sql`uuid_generate_v4()`),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    targetUrl: text('target_url').notNull(),
    campaignId: uuid('campaign_id').references(() => campaigns.campaignId, { onDelete: 'set null' }),
    resourceId: uuid('resource_id').references(() => resources.resourceId, { onDelete: 'set null' }),
    attributes: jsonb('attributes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('shortlinks_tenant_key_unique').on(t.tenantId, t.key)],
);
