/**
 * Tables the app needs beyond the spec's 25, kept out of `public` so that the
 * spec's schema stays exactly as written (see README, "Beyond the 25 tables"):
 *
 * - `app`: data the user owns that the spec has no place for (per-tenant
 *   analytics settings).
 * - `derived`: structures built for one question each (search, funnel, daily
 *   counts, attribution touches). Everything in it is computed from the spec's
 *   tables, kept current inside the same transactions that change them, and
 *   rebuilt from scratch by `drm stats rebuild`. Losing it loses nothing.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  customType,
  date,
  index,
  integer,
  numeric,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { activities } from './schema/activities';
import { tenants } from './schema/admin';
import { funnelStages } from './schema/analytics';
import { campaigns } from './schema/campaigns';
import { developers } from './schema/core';

/** A set of days as PostgreSQL keeps it: sorted, coalesced ranges; `&&` tests a period. */
export const datemultirange = customType<{ data: string }>({
  dataType() {
    return 'datemultirange';
  },
});

export const appSchema = pgSchema('app');

export const attributionModels = ['linear', 'first', 'last'] as const;
export type AttributionModel = (typeof attributionModels)[number];

/** One row per tenant; a missing row means every default below. */
export const tenantSettings = appSchema.table(
  'tenant_settings',
  {
    tenantId: text('tenant_id').primaryKey().references(() => tenants.tenantId, { onDelete: 'cascade' }),
    /** IANA zone in which days and periods are counted; null = the machine's zone. */
    timeZone: text('time_zone'),
    /** 'en' | 'ja'; null = follow the operating system. */
    language: text('language'),
    conversionStage: text('conversion_stage')
      .notNull()
      .default('adoption')
      .references(() => funnelStages.stageKey),
    /** Value of one conversion, for ROI %; null = not set. */
    valuePerConversion: numeric('value_per_conversion'),
    valueCurrency: text('value_currency').notNull().default('JPY'),
    attributionModel: text('attribution_model').notNull().default('linear'),
    lookbackDays: integer('lookback_days').notNull().default(30),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('tenant_settings_model_check', sql`${t.attributionModel} in ('linear', 'first', 'last')`),
    check('tenant_settings_lookback_check', sql`${t.lookbackDays} between 1 and 365`),
  ],
);

export const derivedSchema = pgSchema('derived');

/**
 * One row per visible developer (merged-away developers have none): what the
 * Developers page searches, filters and sorts by, each with its own index.
 */
export const developerSearch = derivedSchema.table(
  'developer_search',
  {
    developerId: uuid('developer_id')
      .primaryKey()
      .references(() => developers.developerId, { onDelete: 'cascade' }),
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    /** Name, emails, handles and organization, NFKC + lower-cased + spaces removed, joined by newlines. */
    searchText: text('search_text').notNull(),
    /** order_no of the highest stage ever reached; null = none. */
    highestStage: smallint('highest_stage'),
    highestStageAt: timestamp('highest_stage_at', { withTimezone: true }),
    totalActions: bigint('total_actions', { mode: 'number' }).notNull().default(0),
    lastActionAt: timestamp('last_action_at', { withTimezone: true }),
  },
  (t) => [
    index('idx_dev_search_trgm').using('gin', t.searchText.op('gin_trgm_ops')),
    index('idx_dev_search_last_action').on(t.tenantId, t.lastActionAt, t.developerId),
    index('idx_dev_search_total').on(t.tenantId, t.totalActions, t.developerId),
    index('idx_dev_search_stage').on(t.tenantId, t.highestStage),
  ],
);

/**
 * Per developer and dimension, the days on which each stage was reached
 * (`stage_days[order_no]`), in the tenant's time zone. Sized by developers,
 * not by activities, so a funnel for any period is one pass over it.
 * dim: '' = all activities, 'campaign:<uuid>' = activities attributed to the
 * campaign, 'source:<source>' = activities from that source. Developers
 * without analytics consent have no rows.
 */
export const developerFunnel = derivedSchema.table(
  'developer_funnel',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    dim: text('dim').notNull(),
    developerId: uuid('developer_id')
      .notNull()
      .references(() => developers.developerId, { onDelete: 'cascade' }),
    stageDays: datemultirange('stage_days').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.dim, t.developerId] })],
);

/** Activities per day × action × source, in the tenant's time zone (consented developers and anonymous). */
export const activityDaily = derivedSchema.table(
  'activity_daily',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    action: text('action').notNull(),
    source: text('source').notNull(),
    /** Activities of developers with analytics consent. */
    activities: bigint('activities', { mode: 'number' }).notNull(),
    /** Activities with only an anon id. */
    anonymous: bigint('anonymous', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.day, t.action, t.source] })],
);

/** Attributed activities per campaign × day × action × source (weights of activity_campaigns). */
export const campaignDaily = derivedSchema.table(
  'campaign_daily',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.campaignId, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    action: text('action').notNull(),
    source: text('source').notNull(),
    /** Sum of attribution weights (developers with consent and anonymous). */
    weight: numeric('weight').notNull(),
    /** Attributed activities, whatever their weight. */
    activities: bigint('activities', { mode: 'number' }).notNull(),
    /** Sum of the weights of anonymous activities. */
    anonymous: numeric('anonymous').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.campaignId, t.day, t.action, t.source] })],
);

/**
 * For each conversion without a direct campaign, every touch (an activity of
 * the same developer attributed directly to a campaign) in the 365 days up to
 * it: what multi-touch attribution needs for any model and lookback.
 */
export const conversionTouches = derivedSchema.table(
  'conversion_touches',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    conversionId: uuid('conversion_id')
      .notNull()
      .references(() => activities.activityId, { onDelete: 'cascade' }),
    developerId: uuid('developer_id').notNull(),
    convertedAt: timestamp('converted_at', { withTimezone: true }).notNull(),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => campaigns.campaignId, { onDelete: 'cascade' }),
    touchedAt: timestamp('touched_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.conversionId, t.campaignId, t.touchedAt] }),
    index('idx_conv_touches_tenant_time').on(t.tenantId, t.convertedAt),
    index('idx_conv_touches_developer').on(t.tenantId, t.developerId),
  ],
);
