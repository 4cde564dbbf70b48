/**
 * Campaigns and their budget entries, a campaign's detail, and ROI with
 * attribution (`campaigns:get-roi`). Money is added across currencies only
 * in the reporting currency (the tenant's value currency), each budget entry
 * converted at its spent_at month's rate (rates room); a total that needs a
 * missing rate is null and names the rate. Developers without analytics
 * consent are in none of these numbers.
 */
import { z } from 'zod';
import { amount, currency, day, money, periodEnd, trendBuckets, uuid } from './common';
import { missingRate } from './rates';
import { attributionModels } from './settings';
import { breakdownDimensions } from './values';

export const campaign = z.object({
  campaignId: z.string(),
  name: z.string(),
  channel: z.string().nullable(),
  /** The utm_campaign value that links imported activities to this campaign (attributes.utm_campaign). */
  utmCampaign: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  /** The plan, in the reporting currency. */
  budgetTotal: z.number().nullable(),
  /** Sum of budget entries, per currency. */
  costs: z.array(money),
  reportingCurrency: z.string(),
  /** Every budget entry in the reporting currency; null when a rate is missing (see missingRates). */
  spent: z.number().nullable(),
  missingRates: z.array(missingRate),
  /** Spent (what can be converted, at least) exceeds the plan. */
  overBudget: z.boolean(),
  /** From campaign_stats (the tenant's attribution model, all time). */
  actions: z.number(),
  conversions: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Campaign = z.infer<typeof campaign>;

const campaignFields = {
  name: z.string().trim().min(1).max(200),
  channel: z.string().trim().max(100).nullable().optional(),
  utmCampaign: z.string().trim().max(200).nullable().optional(),
  startDate: day.nullable().optional(),
  endDate: day.nullable().optional(),
  budgetTotal: amount.nonnegative().nullable().optional(),
};

export const budget = z.object({
  budgetId: z.string(),
  campaignId: z.string(),
  category: z.string(),
  amount: z.number(),
  currency: z.string(),
  spentAt: z.string(),
  source: z.string().nullable(),
  memo: z.string().nullable(),
});
export type Budget = z.infer<typeof budget>;

const budgetFields = {
  category: z.string().trim().min(1).max(100),
  amount: amount.nonnegative(),
  currency: currency.default('JPY'),
  spentAt: day,
  memo: z.string().trim().max(1000).nullable().optional(),
};

// ── ROI and attribution ──────────────────────────────────────────────────────

export const roiQuery = z
  .object({
    from: day.optional(),
    to: periodEnd.optional(),
    /** Defaults: the tenant's settings. */
    model: z.enum(attributionModels).optional(),
    lookbackDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();
export type RoiQuery = z.output<typeof roiQuery>;

/**
 * One campaign in one currency (a campaign with budgets in two currencies has
 * two rows; none: one row in the reporting currency with cost 0). Kept for
 * `drm report roi --by-currency`; ROI itself is per campaign (campaignRoi).
 */
export const roiRow = z.object({
  campaignId: z.string(),
  campaign: z.string(),
  currency: z.string(),
  cost: z.number(),
  /** Sum of attribution weights of the campaign's activities. */
  actions: z.number(),
  /** Weighted activities whose action maps to the conversion stage. */
  conversions: z.number(),
  costPerConversion: z.number().nullable(),
  roiPerCost: z.number().nullable(),
  /**
   * (value × conversions − cost) / cost × 100, only when this row is all of the
   * campaign's cost and in the reporting currency: a row that is part of the
   * cost would overstate ROI.
   */
  roiPercent: z.number().nullable(),
});
export type RoiRow = z.infer<typeof roiRow>;

/** One campaign's ROI in the reporting currency, with its cost per currency beside it. */
export const campaignRoi = z.object({
  campaignId: z.string(),
  campaign: z.string(),
  currencyReporting: z.string(),
  /** Budget entries spent in the period, converted; null when a rate is missing. */
  costReporting: z.number().nullable(),
  /** The same entries per currency, in each currency. */
  costByCurrency: z.record(z.string(), z.number()),
  /** Rates the cost needs and does not have: no ROI figure until they are added. */
  missingRates: z.array(missingRate),
  actions: z.number(),
  conversions: z.number(),
  costPerConversion: z.number().nullable(),
  roiPerCost: z.number().nullable(),
  /** (value × conversions − cost) / cost × 100, when a value per conversion is set and the cost is known and above 0. */
  roiPercent: z.number().nullable(),
});
export type CampaignRoi = z.infer<typeof campaignRoi>;

export const roiReport = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  model: z.enum(attributionModels),
  lookbackDays: z.number().int(),
  conversionStage: z.string(),
  currencyReporting: z.string(),
  /** The tenant's value of one conversion in the reporting currency (ROI %), null when not set. */
  valuePerConversion: z.number().nullable(),
  /** Per campaign, in the reporting currency, sorted by name. */
  campaigns: z.array(campaignRoi),
  /** Per campaign and currency (the breakdown). */
  rows: z.array(roiRow),
});
export type RoiReport = z.infer<typeof roiReport>;

// ── ROI broken down (issue 13 §4) ────────────────────────────────────────────

export const roiBreakdownQuery = roiQuery.extend({ by: z.enum(breakdownDimensions) }).strict();
export type RoiBreakdownQuery = z.output<typeof roiBreakdownQuery>;

/** One channel, utm value or resource category. */
export const roiBreakdownRow = z.object({
  /** null: "(none)" — campaigns without a channel, or credit on activities without the utm value or resource. */
  value: z.string().nullable(),
  /** Campaigns in the row (by channel; 0 by the other dimensions). */
  campaigns: z.number().int(),
  /**
   * By channel: its campaigns' costs in the reporting currency, added (null when one needs a
   * missing rate). By the other dimensions always null: a budget belongs to a campaign, not to
   * a utm value or a category, so no cost is defined there.
   */
  costReporting: z.number().nullable(),
  missingRates: z.array(missingRate),
  actions: z.number(),
  conversions: z.number(),
  costPerConversion: z.number().nullable(),
  roiPercent: z.number().nullable(),
});
export type RoiBreakdownRow = z.infer<typeof roiBreakdownRow>;

export const roiBreakdown = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  by: z.enum(breakdownDimensions),
  model: z.enum(attributionModels),
  lookbackDays: z.number().int(),
  conversionStage: z.string(),
  currencyReporting: z.string(),
  /** Sorted by conversions, then actions (most first); "(none)" last among equals. */
  rows: z.array(roiBreakdownRow),
});
export type RoiBreakdown = z.infer<typeof roiBreakdown>;

export const campaignDetailQuery = z
  .object({ campaignId: uuid, from: day.optional(), to: periodEnd.optional(), bucket: z.enum(trendBuckets).default('week') })
  .strict();

export const campaignDetail = z.object({
  campaign,
  budgets: z.array(budget),
  roi: campaignRoi,
  /** Per currency, for the breakdown. */
  roiByCurrency: z.array(roiRow),
  /** Attributed activities (weights) and conversions per bucket. */
  overTime: z.array(z.object({ period: z.string(), actions: z.number(), conversions: z.number() })),
  costByCategory: z.array(z.object({ category: z.string(), currency: z.string(), amount: z.number() })),
  topDevelopers: z.array(
    z.object({ developerId: z.string(), displayName: z.string().nullable(), actions: z.number(), conversions: z.number() }),
  ),
});
export type CampaignDetail = z.infer<typeof campaignDetail>;

// ── Channels ─────────────────────────────────────────────────────────────────

export const campaignChannels = {
  'campaigns:list': {
    input: z.object({ q: z.string().max(200).optional() }).strict(),
    output: z.array(campaign),
  },
  'campaigns:get': { input: campaignDetailQuery, output: campaignDetail },
  'campaigns:create': { input: z.object(campaignFields).strict(), output: campaign },
  'campaigns:update': {
    input: z.object({ campaignId: uuid, ...campaignFields, name: campaignFields.name.optional() }).strict(),
    output: campaign,
  },
  /** Deletes the campaign, its budgets and attributions; the token undoes it (kept for 10 minutes). */
  'campaigns:delete': { input: z.object({ campaignId: uuid }).strict(), output: z.object({ undoToken: z.string() }) },
  'campaigns:restore': { input: z.object({ undoToken: z.string().min(1) }).strict(), output: campaign },

  'budgets:create': { input: z.object({ campaignId: uuid, ...budgetFields }).strict(), output: budget },
  'budgets:update': {
    input: z
      .object({
        budgetId: uuid,
        category: budgetFields.category.optional(),
        amount: budgetFields.amount.optional(),
        currency: currency.optional(),
        spentAt: day.optional(),
        memo: budgetFields.memo,
      })
      .strict(),
    output: budget,
  },
  /** Returns the deleted entry so that the renderer can offer undo (budgets:create with it). */
  'budgets:delete': { input: z.object({ budgetId: uuid }).strict(), output: budget },

  'campaigns:get-roi': { input: roiQuery, output: roiReport },
  'campaigns:get-roi-breakdown': { input: roiBreakdownQuery, output: roiBreakdown },
} as const;
