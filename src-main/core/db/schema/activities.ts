import { sql } from 'drizzle-orm';
import { index, jsonb, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './admin';
import { campaigns, resources } from './campaigns';
import { accounts, developers } from './core';

export const activities = pgTable(
  'activities',
  {
    activityId: uuid('activity_id')
      .primaryKey()
      .default(sql`uuid_generate_v4()`),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    developerId: uuid('developer_id').references(() => developers.developerId, { onDelete: 'set null' }),
    accountId: uuid('account_id').references(() => accounts.accountId, { onDelete: 'set null' }),
    anonId: text('anon_id'),
    resourceId: uuid('resource_id').references(() => resources.resourceId, { onDelete: 'set null' }),
    action: text('action').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    source: text('source').notNull(),
    sourceRef: text('source_ref'),
    // Copied from the resource so that filters need no join.
    category: text('category'),
    groupKey: text('group_key'),
    metadata: jsonb('metadata'),
    confidence: numeric('confidence').notNull().default('1.0'),
    dedupKey: text('dedup_key').unique(),
    ingestedAt: timestamp('ingested_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // As the spec declares them: ascending. A B-tree serves `order by occurred_at desc` by scanning backwards.
  (t) => [
    index('idx_activities_tenant_time').on(t.tenantId, t.occurredAt),
    index('idx_activities_tenant_dev').on(t.tenantId, t.developerId, t.occurredAt),
    index('idx_activities_tenant_res').on(t.tenantId, t.resourceId, t.occurredAt),
    index('idx_activities_tenant_action').on(t.tenantId, t.action, t.occurredAt),
    // The spec's GIN index, declared here rather than added by hand to a migration.
    index('idx_activities_metadata_gin').using('gin', t.metadata),
  ],
);

/** Weighted attribution of an activity to campaigns (weights of one activity sum to 1). */
export const activityCampaigns = pgTable(
  'activity_campaigns',
  {
    activityCampaignId: uuid('activity_campaign_id')
      .primaryKey()
      .default(sql`uuid_generate_v4()`),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    activityId: uuid('activity_id')
      .notNull()
      .references(() => activities.activityId, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.campaignId, { onDelete: 'cascade' }),
    weight: numeric('weight').notNull().default('1.0'),
  },
  (t) => [unique('activity_campaigns_tenant_activity_campaign_unique').on(t.tenantId, t.activityId, t.campaignId)],
);
