import { sql } from 'drizzle-orm';
import { date, index, jsonb, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants } from './admin';

export const campaigns = pgTable(
  'campaigns',
  {
    campaignId: uuid('campaign_id')
      .primaryKey()
      .default(sql`uuid_generate_v4()`),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    channel: text('channel'),
    startDate: date('start_date'),
    endDate: date('end_date'),
    budgetTotal: numeric('budget_total'),
    attributes: jsonb('attributes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('campaigns_tenant_name_unique').on(t.tenantId, t.name)],
);

export const budgets = pgTable(
  'budgets',
  {
    budgetId: uuid('budget_id')
      .primaryKey()
      .default(sql`uuid_generate_v4()`),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.campaignId, { onDelete: 'cascade' }),
    category: text('category').notNull(),
    amount: numeric('amount').notNull(),
    currency: text('currency').notNull().default('JPY'),
    spentAt: date('spent_at').notNull(),
    source: text('source'),
    memo: text('memo'),
    meta: jsonb('meta'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('idx_budgets_tenant_campaign').on(t.tenantId, t.campaignId)],
);

export const resources = pgTable(
  'resources',
  {
    resourceId: uuid('resource_id')
      .primaryKey()
      .default(sql`uuid_generate_v4()`),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    category: text('category').notNull(),
    groupKey: text('group_key'),
    title: text('title'),
    url: text('url'),
    externalId: text('external_id'),
    campaignId: uuid('campaign_id').references(() => campaigns.campaignId, { onDelete: 'set null' }),
    attributes: jsonb('attributes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('idx_resources_tenant_cat').on(t.tenantId, t.category),
    index('idx_resources_tenant_campaign').on(t.tenantId, t.campaignId),
  ],
);
