/**
 * The `app` schema: data the user owns that the spec has no place for
 * (per-tenant analytics settings), kept out of `public` so that the spec's
 * schema stays exactly as written (see README, "Beyond the 25 tables").
 */
import { sql } from 'drizzle-orm';
import { check, integer, numeric, pgSchema, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import type { AttributionModelName } from '../../../../src-shared/contract/settings';
import { tenants } from '../schema/admin';
import { funnelStages } from '../schema/analytics';

export const appSchema = pgSchema('app');

/** One row per tenant; a missing row means every default below. */
export const tenantSettings = appSchema.table(
  'tenant_settings',
  {
    tenantId: text('tenant_id')
      .primaryKey()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    /** IANA zone in which days and periods are counted; null = the machine's zone. */
    timeZone: text('time_zone'),
    /** 'en' | 'ja'; null = follow the operating system. */
    language: text('language').$type<'en' | 'ja'>(),
    conversionStage: text('conversion_stage')
      .notNull()
      .default('adoption')
      .references(() => funnelStages.stageKey),
    /** Value of one conversion, for ROI %; null = not set. */
    valuePerConversion: numeric('value_per_conversion'),
    valueCurrency: text('value_currency').notNull().default('JPY'),
    attributionModel: text('attribution_model').$type<AttributionModelName>().notNull().default('linear'),
    lookbackDays: integer('lookback_days').notNull().default(30),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('tenant_settings_model_check', sql`${t.attributionModel} in ('linear', 'first', 'last')`),
    check('tenant_settings_lookback_check', sql`${t.lookbackDays} between 1 and 365`),
  ],
);

/**
 * Exchange rates into the reporting currency (tenant_settings.value_currency):
 * one unit of `currency` was worth `rate` units of `quoteCurrency` in `month`
 * ('YYYY-MM'). A budget entry is converted at its spent_at month's rate. The
 * quote currency is kept so that changing the reporting currency never
 * reinterprets rates entered for another one: they wait, unused, until it
 * comes back.
 */
export const exchangeRates = appSchema.table(
  'exchange_rates',
  {
    tenantId: text('tenant_id')
      .notNull()
      .references(() => tenants.tenantId, { onDelete: 'cascade' }),
    currency: text('currency').notNull(),
    quoteCurrency: text('quote_currency').notNull(),
    month: text('month').notNull(),
    rate: numeric('rate').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.quoteCurrency, t.currency, t.month] }),
    check('exchange_rates_month_check', sql`${t.month} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check('exchange_rates_rate_check', sql`${t.rate} > 0`),
    check(
      'exchange_rates_currencies_check',
      sql`${t.currency} ~ '^[A-Z]{3}$' and ${t.quoteCurrency} ~ '^[A-Z]{3}$' and ${t.currency} <> ${t.quoteCurrency}`,
    ),
  ],
);

/**
 * A dense number per developer (0, 1, 2, … per tenant), the developer's
 * position in derived.funnel_bits' bitsets. Assigned once, when a refresh
 * first names the developer, and never reused or changed: `stats rebuild`
 * numbers only developers without one, so rebuilt bits equal incremental
 * ones. Here in `app`, not `derived`, because a number is an identity, not
 * computed from the data: backups carry it and a restore keeps it, so the
 * bits a restore rebuilds equal the original's.
 */
export const developerNumber = appSchema.table(
  'developer_number',
  {
    developerId: uuid('developer_id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [unique('developer_number_tenant_n').on(t.tenantId, t.n)],
);
