/**
 * The HTTP API's shapes, in zod: the handlers parse with them and the
 * OpenAPI document (openapi.ts) is generated from them, so the two cannot
 * drift. Responses reuse the contract's shapes, picked to the keys the CLI's
 * `--json` prints (core/api/cli-json.ts).
 */
import { z } from 'zod';
import { funnelStageRow } from '../../../src-shared/contract/analytics';
import { campaignRoi } from '../../../src-shared/contract/campaigns';
import { developerAccount, developerProfile } from '../../../src-shared/contract/developers';
import { activities } from '../../core/imports/formats/activities';
import { apiErrorCodes } from './respond';

/** Activities per request: an import's worth that still answers within a request's time. */
export const MAX_ITEMS = 10_000;

/** The activities template's fields an item may carry: every one but `source`, which is always `api`. */
export const itemFields = activities.fields.map((f) => f.name).filter((name) => name !== 'source');

const value = z
  .union([z.string().max(10_000), z.number()])
  .nullable()
  .optional();
export const activityItem = z
  .object({
    ...Object.fromEntries(itemFields.map((name) => [name, value])),
    occurred_at: z.union([z.string().min(1), z.number()]),
    action: z.string().min(1),
  })
  .strict()
  .meta({
    description:
      'One activity in the activities template’s fields (as the CSV template has them). occurred_at is ISO 8601 ' +
      '(with an offset; without one the server’s time zone applies, as in a CSV import). Someone must be named: ' +
      'provider with external_user_id or handle, or email, or anon_id.',
  });

export const itemError = z.object({
  /** 0-based position in the posted array. */
  index: z.number().int(),
  /** The item's field, or '' for the item as a whole. */
  field: z.string(),
  message: z.string(),
  value: z.string().optional(),
});
export type ItemError = z.infer<typeof itemError>;

export const ingestResult = z.object({
  jobId: z.string(),
  received: z.number().int(),
  inserted: z.record(z.string(), z.number().int()),
  duplicates: z.number().int(),
  skipped: z.number().int(),
});

export const errorBody = z.object({
  error: z.object({ code: z.enum(apiErrorCodes), message: z.string(), details: z.unknown().optional() }),
});

export const developerJson = developerProfile
  .pick({
    developerId: true,
    displayName: true,
    primaryEmail: true,
    organization: true,
    tags: true,
    stage: true,
    identifiers: true,
    stats: true,
  })
  .extend({ accounts: z.array(developerAccount.pick({ provider: true, externalUserId: true, handle: true, email: true })) });

export const funnelJsonShape = z.object({
  from: z.string(),
  to: z.string(),
  anonymous: z.number().int(),
  stages: z.array(
    funnelStageRow.pick({ key: true, title: true, order: true, reached: true, atOrBeyond: true, conversionFromPrevious: true }),
  ),
});

export const roiJsonShape = z.array(
  campaignRoi.pick({
    campaign: true,
    currencyReporting: true,
    costReporting: true,
    costByCurrency: true,
    actions: true,
    conversions: true,
    costPerConversion: true,
    roiPerCost: true,
    roiPercent: true,
    missingRates: true,
  }),
);

export const formPost = z
  .object({
    email: z.string().optional(),
    name: z.string().optional(),
    organization: z.string().optional(),
    drm_cid: z.string().optional(),
    utm_source: z.string().optional(),
    utm_medium: z.string().optional(),
    utm_campaign: z.string().optional(),
  })
  .meta({
    description:
      'A form post (urlencoded or JSON): email (or drm_cid) says who; name, organization and utm_* are kept; the form’s honeypot ' +
      'field, when filled, drops the post; other fields are ignored.',
  });

export const formReceived = z.object({ received: z.literal(true) });
