/**
 * The Organizations page (issue 4): organizations with their domain,
 * developer count and latest activity; rename and merge.
 */
import { z } from 'zod';
import { period, trendBuckets, uuid } from './common';
import { trendReport } from './analytics';

export const organizationRow = z.object({
  orgId: z.string(),
  name: z.string(),
  domain: z.string().nullable(),
  /** Developers in the organization, merged-away ones excluded. */
  developers: z.number().int(),
  lastActionAt: z.string().nullable(),
});
export type OrganizationRow = z.infer<typeof organizationRow>;

export const organizationListQuery = z
  .object({
    /** Name or domain: substring, case- and width-insensitive (NFKC). */
    q: z.string().max(200).optional(),
    page: z.number().int().min(0).default(0),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type OrganizationListQuery = z.output<typeof organizationListQuery>;

export const organizationPage = z.object({ total: z.number().int(), rows: z.array(organizationRow) });
export type OrganizationPage = z.infer<typeof organizationPage>;

export const organizationDetail = z.object({
  organization: organizationRow,
  /** Members per highest stage ever reached, in stage order; stage null = none yet (last). */
  stageMix: z.array(z.object({ stage: z.string().nullable(), developers: z.number().int() })),
  /** The members' activities in the period by stage (members with analytics consent only). */
  trend: trendReport,
});
export type OrganizationDetail = z.infer<typeof organizationDetail>;

export const organizationChannels = {
  'organizations:list': { input: organizationListQuery, output: organizationPage },
  /** One organization, e.g. for the Developers page filtered by it (`#/developers?org=<id>`). */
  'organizations:get': { input: z.object({ orgId: uuid }).strict(), output: organizationRow },
  /** An organization's page: the row, its members' stage mix, and their activity over a period. */
  'organizations:get-detail': {
    input: z.object({ orgId: uuid, ...period, bucket: z.enum(trendBuckets).default('month') }).strict(),
    output: organizationDetail,
  },
  'organizations:rename': {
    input: z.object({ orgId: uuid, name: z.string().trim().min(1).max(200) }).strict(),
    output: organizationRow,
  },
  'organizations:merge': {
    input: z.object({ intoId: uuid, fromId: uuid }).strict(),
    output: z.object({ moved: z.number().int() }),
  },
} as const;
