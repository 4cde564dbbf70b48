/**
 * The analytics side of the contract (issue 5): settings, campaigns and
 * budgets, the funnel, ROI with attribution, the activity trend and the
 * overview. Spread into `channels` by contract.ts.
 *
 * Periods are half-open [from, to) of calendar days ('YYYY-MM-DD') in the
 * tenant's time zone. Money travels as numbers of the currency's unit and is
 * never added across currencies. Developers without analytics consent are in
 * none of these numbers.
 */
import { z } from 'zod';
import { amountProblem, DATE_RANGE_TEXT, isPeriodEnd, isStorableDay } from './bounds';

const uuid = z.string().uuid();
const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
/** A day the app stores or a period starts on (src-shared/bounds.ts). */
const day = isoDay.refine(isStorableDay, `a date ${DATE_RANGE_TEXT}`);
/** A period's (excluded) end: it may be the day after the last storable one. */
const periodEnd = isoDay.refine(isPeriodEnd, `an end date after 1970-01-01, up to 2100-01-01 (excluded)`);
/** Money in a currency's unit: finite, at most 10^12 either way, at most 4 decimal places. */
const amount = z.number().superRefine((n, ctx) => {
  const problem = amountProblem(n);
  if (problem) ctx.addIssue({ code: 'custom', message: `an amount ${problem}` });
});
const currency = z
  .string()
  .trim()
  .regex(/^[A-Z]{3}$/, 'a three-letter currency code such as JPY');

export const attributionModels = ['linear', 'first', 'last'] as const;
export type AttributionModelName = (typeof attributionModels)[number];
export const trendBuckets = ['day', 'week', 'month'] as const;
export type TrendBucket = (typeof trendBuckets)[number];

export const period = { from: day, to: periodEnd };

// ── Settings ─────────────────────────────────────────────────────────────────

export const funnelStage = z.object({ key: z.string(), title: z.string(), order: z.number().int() });
export type FunnelStage = z.infer<typeof funnelStage>;

export const settings = z.object({
  /** The zone days are counted in: the setting, else the machine's. */
  timeZone: z.string(),
  /** null = follow the machine (machineTimeZone). */
  timeZoneSetting: z.string().nullable(),
  machineTimeZone: z.string(),
  /** null = follow the operating system. */
  language: z.enum(['en', 'ja']).nullable(),
  conversionStage: z.string(),
  valuePerConversion: z.number().nullable(),
  valueCurrency: z.string(),
  attributionModel: z.enum(attributionModels),
  lookbackDays: z.number().int(),
  stages: z.array(funnelStage),
  /** Every mapped action, and every action seen in activities (stageKey null when unmapped), with its count. */
  actions: z.array(z.object({ action: z.string(), stageKey: z.string().nullable(), activities: z.number().int() })),
});
export type Settings = z.infer<typeof settings>;

export const settingsUpdate = z
  .object({
    timeZoneSetting: z.string().min(1).max(100).nullable().optional(),
    language: z.enum(['en', 'ja']).nullable().optional(),
    conversionStage: z.string().min(1).max(100).optional(),
    valuePerConversion: amount.nonnegative().nullable().optional(),
    valueCurrency: currency.optional(),
    attributionModel: z.enum(attributionModels).optional(),
    lookbackDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();

// ── Campaigns and budgets ────────────────────────────────────────────────────

export const money = z.object({ currency: z.string(), amount: z.number() });
export type Money = z.infer<typeof money>;

export const campaign = z.object({
  campaignId: z.string(),
  name: z.string(),
  channel: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  budgetTotal: z.number().nullable(),
  /** Sum of budget entries, per currency. */
  costs: z.array(money),
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

// ── Funnel ───────────────────────────────────────────────────────────────────

const funnelFilters = {
  ...period,
  campaignId: uuid.optional(),
  source: z.string().min(1).max(200).optional(),
};

export const funnelQuery = z.object(funnelFilters).strict();
export type FunnelQuery = z.output<typeof funnelQuery>;

export const funnelStageRow = funnelStage.extend({
  /** Developers with an activity in the period mapped to this stage. */
  reached: z.number().int(),
  /** Developers whose highest stage reached in the period is this one or a later one. */
  atOrBeyond: z.number().int(),
  /** atOrBeyond / previous stage's atOrBeyond; null for the first stage or when the previous is 0. */
  conversionFromPrevious: z.number().nullable(),
});
export type FunnelStageRow = z.infer<typeof funnelStageRow>;

export const funnelReport = z.object({
  from: z.string(),
  to: z.string(),
  /** Activities with only an anon id in the period (beside awareness; never developers). */
  anonymous: z.number().int(),
  stages: z.array(funnelStageRow),
});
export type FunnelReport = z.infer<typeof funnelReport>;

const funnelDevelopersFields = {
  ...funnelFilters,
  stageKey: z.string().min(1).max(100),
  /** 'reached': reached the stage in the period; 'atOrBeyond': highest stage in the period is it or later. */
  mode: z.enum(['reached', 'atOrBeyond']).default('atOrBeyond'),
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

/** One campaign in one currency (a campaign with budgets in two currencies has two rows; none: one JPY row with cost 0). */
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
  /** (value × conversions − cost) / cost × 100, when a value per conversion in this currency is set. */
  roiPercent: z.number().nullable(),
});
export type RoiRow = z.infer<typeof roiRow>;

export const roiReport = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  model: z.enum(attributionModels),
  lookbackDays: z.number().int(),
  conversionStage: z.string(),
  rows: z.array(roiRow),
});
export type RoiReport = z.infer<typeof roiReport>;

export const campaignDetailQuery = z
  .object({ campaignId: uuid, from: day.optional(), to: periodEnd.optional(), bucket: z.enum(trendBuckets).default('week') })
  .strict();

export const campaignDetail = z.object({
  campaign,
  budgets: z.array(budget),
  roi: z.array(roiRow),
  /** Attributed activities (weights) and conversions per bucket. */
  overTime: z.array(z.object({ period: z.string(), actions: z.number(), conversions: z.number() })),
  costByCategory: z.array(z.object({ category: z.string(), currency: z.string(), amount: z.number() })),
  topDevelopers: z.array(
    z.object({ developerId: z.string(), displayName: z.string().nullable(), actions: z.number(), conversions: z.number() }),
  ),
});
export type CampaignDetail = z.infer<typeof campaignDetail>;

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
  /** Budget entries spent in the period, per currency. */
  spend: z.array(money),
  funnel: funnelReport,
  trend: trendReport,
  /**
   * Per currency (the tenant's value currency first), up to 5 campaigns with cost and conversions,
   * cheapest cost per conversion first (tenant's model); currencies are never compared.
   */
  topCampaigns: z.array(roiRow),
});
export type OverviewReport = z.infer<typeof overviewReport>;

// ── Channels ─────────────────────────────────────────────────────────────────

const csvFile = z.object({ fileName: z.string(), content: z.string() });

export const analyticsChannels = {
  'settings:get': { input: z.object({}).strict(), output: settings },
  'settings:update': { input: settingsUpdate, output: settings },
  /** Maps an action to a stage (stageKey null: remove the mapping). Derived numbers are rebuilt. */
  'settings:mapAction': {
    input: z.object({ action: z.string().trim().min(1).max(100), stageKey: z.string().min(1).max(100).nullable() }).strict(),
    output: settings,
  },

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

  'analytics:sources': { input: z.object({}).strict(), output: z.array(z.string()) },
  'analytics:funnel': { input: funnelQuery, output: funnelReport },
  'analytics:funnelDevelopers': {
    input: z
      .object({
        ...funnelDevelopersFields,
        page: z.number().int().min(0).default(0),
        pageSize: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: z.object({ total: z.number().int(), rows: z.array(funnelDeveloperRow) }),
  },
  'analytics:funnelDevelopersCsv': { input: z.object(funnelDevelopersFields).strict(), output: csvFile },
  'analytics:roi': { input: roiQuery, output: roiReport },
  'analytics:trend': { input: trendQuery, output: trendReport },
  'analytics:overview': { input: z.object({ ...period, bucket: z.enum(trendBuckets).default('day') }).strict(), output: overviewReport },
  /** Recomputes developer_stats, campaign_stats, attribution and every derived structure from the spec's tables. */
  'stats:rebuild': { input: z.object({}).strict(), output: z.object({ durationMs: z.number().int() }) },
};
