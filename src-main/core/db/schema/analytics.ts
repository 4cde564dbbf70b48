import { bigint, index, integer, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './admin';
import { campaigns } from './campaigns';

// Caches, rebuilt from activities; developer_id has no FK in the spec, so a
// stale row can outlive its developer until the next rebuild.
export const developerStats = pgTable(
  'developer_stats',
  {
    developerId: uuid('developer_id').primaryKey(),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    lastActionAt: timestamp('last_action_at', { withTimezone: true }),
    totalActions: bigint('total_actions', { mode: 'number' }).notNull().default(0),
    clicks: bigint('clicks', { mode: 'number' }).notNull().default(0),
    attends: bigint('attends', { mode: 'number' }).notNull().default(0),
    posts: bigint('posts', { mode: 'number' }).notNull().default(0),
    stars: bigint('stars', { mode: 'number' }).notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('idx_dev_stats_tenant').on(t.tenantId)],
);

export const campaignStats = pgTable('campaign_stats', {
  campaignId: uuid('campaign_id')
    .primaryKey()
    .references(() => campaigns.campaignId, { onDelete: 'cascade' }),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => tenants.tenantId, { onDelete: 'cascade' }),
  actionsTotal: bigint('actions_total', { mode: 'number' }).notNull().default(0),
  conversions: bigint('conversions', { mode: 'number' }).notNull().default(0),
  costTotal: numeric('cost_total').notNull().default('0'),
  roiPerCost: numeric('roi_per_cost'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Global (not per tenant) stage dictionary; seeded with the four stages. */
export const funnelStages = pgTable('funnel_stages', {
  stageKey: text('stage_key').primaryKey(),
  orderNo: integer('order_no').notNull().unique(),
  title: text('title').notNull(),
});

export const activityFunnelMap = pgTable(
  'activity_funnel_map',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    stageKey: text('stage_key')
      .notNull()
      .references(() => funnelStages.stageKey),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.action] })],
);
