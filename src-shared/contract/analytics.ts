/**
 * Reports over a period: the funnel and its developers, the activity trend
 * and the overview, and the sources to filter by.
 *
 * Periods are half-open [from, to) of calendar days in the tenant's time
 * zone. Developers without analytics consent are in none of these numbers.
 */
import { z } from 'zod';
import { csvFile, emptyInput, exportLanguage, money, period, trendBuckets, uuid } from './common';
import { campaignRoi } from './campaigns';
import { missingRate } from './rates';
import { funnelStage } from './settings';

// ── Funnel ───────────────────────────────────────────────────────────────────

import { breakdownDimensions, funnelListModes, type FunnelListMode } from './values';

export { funnelListModes, type FunnelListMode };

const funnelFilters = {
  ...period,
  campaignId: uuid.optional(),
  source: z.string().min(1).max(200).optional(),
};

export const funnelQuery = z
  .object({
    ...funnelFilters,
    /** Also count the period of the same length just before this one (`previous`). */
    compare: z.boolean().optional(),
  })
  .strict();
export type FunnelQuery = z.output<typeof funnelQuery>;

export const funnelStageRow = funnelStage.extend({
  /** Developers with an activity in the period mapped to this stage. */
  reached: z.number().int(),
  /** Developers whose highest stage reached in the period is this one or a later one. */
  atOrBeyond: z.number().int(),
  /** atOrBeyond / previous stage's atOrBeyond; null for the first stage or when the previous is 0. */
  conversionFromPrevious: z.number().nullable(),
  /** atOrBeyond / the first stage's atOrBeyond; null when the first is 0. */
  conversionFromFirst: z.number().nullable(),
  /**
   * Developers who reached this stage in the period and no later one: the gap between this
   * stage's atOrBeyond and the next's. Null for the last stage (there is no next).
   */
  droppedOff: z.number().int().nullable(),
});
export type FunnelStageRow = z.infer<typeof funnelStageRow>;

const funnelCounts = z.object({
  from: z.string(),
  to: z.string(),
  /** Activities with only an anon id in the period (beside awareness; never developers). */
  anonymous: z.number().int(),
  stages: z.array(funnelStageRow),
});

export const funnelReport = funnelCounts.extend({
  /**
   * With `compare`: the same filters over the period of the same length that ends where this one
   * starts; null when that period would start before the dates the app keeps.
   */
  previous: funnelCounts.nullable().optional(),
});
export type FunnelReport = z.infer<typeof funnelReport>;

/** The funnel of the period per channel, utm_source, utm_medium or resource category (issue 13 §4). */
export const funnelBreakdownQuery = z.object({ ...period, by: z.enum(breakdownDimensions) }).strict();
export type FunnelBreakdownQuery = z.output<typeof funnelBreakdownQuery>;

export const funnelBreakdownRow = z.object({
  /**
   * The value; null: "(none)", developers with a stage's activity in the period that carried no
   * value (no campaign with a channel, no utm value, no resource).
   */
  value: z.string().nullable(),
  /** As the funnel's, counting only the activities of this value (a developer can be in several rows). */
  stages: z.array(funnelStageRow),
});
export type FunnelBreakdownRow = z.infer<typeof funnelBreakdownRow>;

export const funnelBreakdown = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(breakdownDimensions),
  /** Developers in the whole funnel of the period (each is in at least one row). */
  developers: z.number().int(),
  /** Sorted by the first stage's atOrBeyond, most first, then by value; "(none)" last among equals. */
  rows: z.array(funnelBreakdownRow),
});
export type FunnelBreakdown = z.infer<typeof funnelBreakdown>;

const funnelDevelopersFields = {
  ...funnelFilters,
  stageKey: z.string().min(1).max(100),
  /**
   * 'reached': reached the stage in the period; 'atOrBeyond': highest stage in the period is it or later;
   * 'dropOff': highest stage in the period is exactly it (reached it, and no later stage).
   */
  mode: z.enum(funnelListModes).default('atOrBeyond'),
};

export const funnelDeveloperRow = z.object({
  developerId: z.string(),
  displayName: z.string().nullable(),
  primaryEmail: z.string().nullable(),
  organization: z.string().nullable(),
  /** Highest stage reached in the period. */
  stage: z.string(),
  lastActionAt: z.string().nullable(),
});

// ── Trend and overview ───────────────────────────────────────────────────────

export const trendQuery = z.object({ ...period, bucket: z.enum(trendBuckets).default('day') }).strict();

export const trendReport = z.object({
  bucket: z.enum(trendBuckets),
  stages: z.array(funnelStage),
  /** One point per bucket in the period, empty buckets included; period = the bucket's first day. */
  points: z.array(
    z.object({
      period: z.string(),
      /** stage key → activities (consented developers and anonymous) whose action maps to it. */
      byStage: z.record(z.string(), z.number().int()),
      /** Activities whose action maps to no stage. */
      unmapped: z.number().int(),
    }),
  ),
});
export type TrendReport = z.infer<typeof trendReport>;

export const overviewReport = z.object({
  from: z.string(),
  to: z.string(),
  /** Visible developers (merged-away excluded) with analytics consent. */
  developers: z.number().int(),
  /** Of those, with an activity in the 30 days up to `to`. */
  activeDevelopers: z.number().int(),
  /** Activities in the period (consented developers and anonymous). */
  activities: z.number().int(),
  /** Budget entries spent in the period: the total in the reporting currency, and per currency under it. */
  spend: z.object({
    currency: z.string(),
    /** null when a rate is missing (see missingRates). */
    total: z.number().nullable(),
    byCurrency: z.array(money),
    missingRates: z.array(missingRate),
  }),
  funnel: funnelReport,
  trend: trendReport,
  /**
   * Up to 5 campaigns with a known cost (in the reporting currency) and conversions,
   * cheapest cost per conversion first (tenant's model).
   */
  topCampaigns: z.array(campaignRoi),
});
export type OverviewReport = z.infer<typeof overviewReport>;

// ── Channels ─────────────────────────────────────────────────────────────────

export const analyticsChannels = {
  'analytics:list-sources': { input: emptyInput, output: z.array(z.string()) },
  /** The days the data covers, [from, to) in the tenant's zone (nulls: no activity); the sample load lands there. */
  'analytics:get-activity-range': {
    input: emptyInput,
    output: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  },
  'analytics:get-funnel': { input: funnelQuery, output: funnelReport },
  'analytics:get-funnel-breakdown': { input: funnelBreakdownQuery, output: funnelBreakdown },
  'analytics:list-funnel-developers': {
    input: z
      .object({
        ...funnelDevelopersFields,
        page: z.number().int().min(0).default(0),
        pageSize: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({ total: z.number().int(), rows: z.array(funnelDeveloperRow) }),
  },
  'analytics:export-funnel-developers': {
    input: z.object({ ...funnelDevelopersFields, language: exportLanguage }).strict(),
    output: csvFile,
  },
  'analytics:get-trend': { input: trendQuery, output: trendReport },
  'analytics:get-overview': {
    input: z.object({ ...period, bucket: z.enum(trendBuckets).default('day') }).strict(),
    output: overviewReport,
  },
} as const;
