import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { tenants, users } from './admin';
import { citext } from './types';

export const organizations = pgTable(
  'organizations',
  {
    orgId: uuid('org_id')
      .primaryKey()
      .default(sql`uuid_generate_v4()`),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    domainPrimary: citext('domain_primary'),
    attributes: jsonb('attributes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('organizations_tenant_name_unique').on(t.tenantId, t.name)],
);

export const developers = pgTable(
  'developers',
  {
    developerId: uuid('developer_id')
      .primaryKey()
      .default(sql`uuid_generate_v4()`),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    displayName: text('display_name'),
    // Nullable: a developer can exist before any email is known.
    primaryEmail: citext('primary_email'),
    orgId: uuid('org_id').references(() => organizations.orgId, { onDelete: 'set null' }),
    consentAnalytics: boolean('consent_analytics').notNull().default(true),
    tags: text('tags').array(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('developers_tenant_email_unique').on(t.tenantId, t.primaryEmail),
    index('idx_developers_tenant_org').on(t.tenantId, t.orgId),
  ],
);

export const accounts = pgTable(
  'accounts',
  {
    accountId: uuid('account_id')
      .primaryKey()
      .default(sql`uuid_generate_v4()`),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    developerId: uuid('developer_id').references(() => developers.developerId, { onDelete: 'set null' }),
    provider: text('provider').notNull(),
    externalUserId: text('external_user_id').notNull(),
    handle: text('handle'),
    email: citext('email'),
    profileUrl: text('profile_url'),
    avatarUrl: text('avatar_url'),
    firstSeen: timestamp('first_seen', { withTimezone: true }),
    lastSeen: timestamp('last_seen', { withTimezone: true }),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
    isPrimary: boolean('is_primary').notNull().default(false),
    confidence: numeric('confidence').notNull().default('0.8'),
    attributes: jsonb('attributes'),
    dedupKey: text('dedup_key').unique(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('accounts_tenant_provider_user_unique').on(t.tenantId, t.provider, t.externalUserId),
    index('idx_accounts_tenant_dev').on(t.tenantId, t.developerId),
  ],
);

export const developerIdentifiers = pgTable(
  'developer_identifiers',
  {
    identifierId: uuid('identifier_id')
      .primaryKey()
      .default(sql`uuid_generate_v4()`),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    developerId: uuid('developer_id')
      .notNull()
      .references(() => developers.developerId, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    valueNormalized: text('value_normalized').notNull(),
    confidence: numeric('confidence').notNull().default('1.0'),
    attributes: jsonb('attributes'),
    firstSeen: timestamp('first_seen', { withTimezone: true }),
    lastSeen: timestamp('last_seen', { withTimezone: true }),
  },
  (t) => [
    unique('dev_identifiers_tenant_kind_value_unique').on(t.tenantId, t.kind, t.valueNormalized),
    index('idx_dev_identifiers_tenant_dev').on(t.tenantId, t.developerId),
  ],
);

export const developerMergeLogs = pgTable('developer_merge_logs', {
  mergeId: uuid('merge_id')
    .primaryKey()
    .default(sql`uuid_generate_v4()`),
  tenantId: text('tenant_id')
    .notNull()
    .references(() => tenants.tenantId, { onDelete: 'cascade' }),
  intoDeveloperId: uuid('into_developer_id')
    .notNull()
    .references(() => developers.developerId, { onDelete: 'cascade' }),
  // The spec cascades this too, so merged-away developers must be kept, not deleted (see DESIGN.md).
  fromDeveloperId: uuid('from_developer_id')
    .notNull()
    .references(() => developers.developerId, { onDelete: 'cascade' }),
  reason: text('reason'),
  evidence: jsonb('evidence'),
  mergedAt: timestamp('merged_at', { withTimezone: true }).notNull().defaultNow(),
  mergedBy: uuid('merged_by').references(() => users.userId),
});
