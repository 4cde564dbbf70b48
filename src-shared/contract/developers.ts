/**
 * The developers read side of the contract (issue 4): the Developers page
 * (search, filters, sort, paging, CSV export), the profile, its activity
 * timeline, and the profile's editable fields; merging two developers and
 * undoing it (the suggestions and their decisions are in merges.ts).
 */
import { z } from 'zod';
import { csvFile, exportLanguage, uuid } from './common';
import { mergeHistoryEntry } from './merges';

import { developerSorts, type DeveloperSort } from './values';

export { developerSorts, type DeveloperSort };

/** What the list and its export filter and sort by; filters combine (AND). */
const developerFilterFields = {
  /** Name, email, handle or organization: substring, case- and width-insensitive (NFKC). */
  q: z.string().max(200).optional(),
  /** The developer's highest stage ever reached equals this stage key. */
  stage: z.string().min(1).max(100).optional(),
  tag: z.string().min(1).max(50).optional(),
  orgId: uuid.optional(),
  /** Has an account on this provider (github, x, connpass, slack, …). */
  provider: z.string().min(1).max(100).optional(),
  sort: z.enum(developerSorts).default('lastActivity'),
  /**
   * The sort's other direction: oldest activity, fewest activities, names Z→A (developers
   * without the key come first then, as they came last).
   */
  reverse: z.boolean().optional(),
};

/** The filters alone (no sort): which developers a bulk edit changes. */
const { sort: _sort, reverse: _reverse, ...developerWhereFields } = developerFilterFields;

export const developerListQuery = z
  .object({
    ...developerFilterFields,
    page: z.number().int().min(0).default(0),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type DeveloperListQuery = z.output<typeof developerListQuery>;

export const developerExportQuery = z.object({ ...developerFilterFields, language: exportLanguage }).strict();
export type DeveloperFilters = z.output<typeof developerExportQuery>;

const organizationRef = z.object({ orgId: z.string(), name: z.string() });

export const developerRow = z.object({
  developerId: z.string(),
  displayName: z.string().nullable(),
  primaryEmail: z.string().nullable(),
  organization: organizationRef.nullable(),
  tags: z.array(z.string()),
  /** Highest funnel stage ever reached (by funnel_stages.order_no), null without mapped activity. */
  stage: z.string().nullable(),
  lastActionAt: z.string().nullable(),
  totalActions: z.number().int(),
  providers: z.array(z.string()),
  consentAnalytics: z.boolean(),
});
export type DeveloperRow = z.infer<typeof developerRow>;

export const developerPage = z.object({ total: z.number().int(), rows: z.array(developerRow) });
export type DeveloperPage = z.infer<typeof developerPage>;

export const developerStatsShape = z.object({
  totalActions: z.number().int(),
  clicks: z.number().int(),
  attends: z.number().int(),
  posts: z.number().int(),
  stars: z.number().int(),
  lastActionAt: z.string().nullable(),
});

export const developerAccount = z.object({
  accountId: z.string(),
  provider: z.string(),
  externalUserId: z.string(),
  handle: z.string().nullable(),
  email: z.string().nullable(),
  /** As stored, else derived for github, x and connpass from the handle. */
  profileUrl: z.string().nullable(),
  firstSeen: z.string().nullable(),
  lastSeen: z.string().nullable(),
});

export const developerProfile = developerRow.extend({
  /** When the highest stage was first reached. */
  stageReachedAt: z.string().nullable(),
  /** Every stage the developer ever reached, in funnel order, with when it was first reached. */
  stages: z.array(z.object({ key: z.string(), reachedAt: z.string() })),
  stats: developerStatsShape,
  accounts: z.array(developerAccount),
  identifiers: z.array(z.object({ kind: z.string(), value: z.string() })),
  campaigns: z.array(z.object({ campaignId: z.string(), name: z.string(), activities: z.number().int() })),
  /** Set when this developer was merged away into another (the profile is then hidden from lists). */
  mergedInto: z.string().nullable(),
});
export type DeveloperProfile = z.infer<typeof developerProfile>;

export const developerActivity = z.object({
  activityId: z.string(),
  occurredAt: z.string(),
  action: z.string(),
  source: z.string(),
  category: z.string().nullable(),
  resourceTitle: z.string().nullable(),
  resourceUrl: z.string().nullable(),
  provider: z.string().nullable(),
  campaigns: z.array(z.string()),
});

export const developerActivityPage = z.object({
  total: z.number().int(),
  rows: z.array(developerActivity),
  /** The developer's distinct actions and sources, for the filter menus. */
  actions: z.array(z.string()),
  sources: z.array(z.string()),
});
export type DeveloperActivityPage = z.infer<typeof developerActivityPage>;

const tag = z.string().trim().min(1).max(50);

export const tagActions = ['add', 'remove'] as const;
export type TagAction = (typeof tagActions)[number];

/** A bulk tag edit: which developers it changed (none when all already were as asked). */
export const tagEditResult = z.object({
  action: z.enum(tagActions),
  tag: z.string(),
  /** The developers whose tags changed: what an undo (the other action on them) needs. */
  developerIds: z.array(z.string()),
  /** Left out of an add because they already have the most tags a developer may have (50). */
  full: z.number().int(),
});
export type TagEditResult = z.infer<typeof tagEditResult>;

export const developerChannels = {
  'developers:list': { input: developerListQuery, output: developerPage },
  'developers:export': { input: developerExportQuery, output: csvFile },
  'developers:get': {
    // By id (the app), or by email (`drm developer show EMAIL`): exactly one of them.
    input: z
      .object({ developerId: uuid.optional(), email: z.string().trim().min(1).max(320).optional() })
      .strict()
      .refine((v) => (v.developerId === undefined) !== (v.email === undefined), { message: 'Give either developerId or email' }),
    output: developerProfile,
  },
  'developers:list-activities': {
    input: z
      .object({
        developerId: uuid,
        action: z.string().min(1).max(100).optional(),
        source: z.string().min(1).max(200).optional(),
        page: z.number().int().min(0).default(0),
        pageSize: z.number().int().min(1).max(200).default(50),
      })
      .strict(),
    output: developerActivityPage,
  },
  'developers:update': {
    input: z
      .object({
        developerId: uuid,
        tags: z.array(tag).max(50).optional(),
        consentAnalytics: z.boolean().optional(),
        /** An empty name clears it. */
        displayName: z.string().trim().max(200).optional(),
        /** An empty email clears it; another developer's email is a CONFLICT (merge them instead). */
        primaryEmail: z.union([z.literal(''), z.email().max(320)]).optional(),
        /** An organization's name (matched ignoring case, else created); empty clears it. */
        organization: z.string().trim().max(200).optional(),
      })
      .strict(),
    output: developerProfile,
  },
  /** Tags in use with how many visible developers carry each, most used first; `prefix` narrows (case-insensitive). */
  'developers:list-tags': {
    input: z.object({ prefix: z.string().max(50).optional(), limit: z.number().int().min(1).max(200).default(20) }).strict(),
    output: z.array(z.object({ tag: z.string(), developers: z.number().int() })),
  },
  /** Adds a tag to, or removes it from, every developer the filters list (the whole list, not a page). */
  'developers:tag-filtered': {
    input: z.object({ filters: z.object(developerWhereFields).strict(), action: z.enum(tagActions), tag }).strict(),
    output: tagEditResult,
  },
  /** The same for the developers named: the undo of a bulk edit (the other action on the ids it changed). */
  'developers:tag-listed': {
    input: z.object({ developerIds: z.array(uuid).max(1_000_000), action: z.enum(tagActions), tag }).strict(),
    output: tagEditResult,
  },
  'developers:merge': {
    input: z.object({ intoId: uuid, fromId: uuid, reason: z.string().trim().max(500).optional() }).strict(),
    output: z.object({ mergeId: z.string() }),
  },
  'developers:unmerge': { input: z.object({ mergeId: uuid }).strict(), output: z.object({ mergeId: z.string() }) },
  'developers:list-merges': { input: z.object({ developerId: uuid }).strict(), output: z.array(mergeHistoryEntry) },
  /**
   * Unlinks a click id: deletes the identifier and gives back to anonymous the activities the link
   * gave the developer (issue 13 §2); the token undoes it within ten minutes.
   */
  'developers:unlink-identifier': {
    input: z.object({ developerId: uuid, kind: z.enum(['click_id']), value: z.string().min(1).max(500) }).strict(),
    output: z.object({ activities: z.number().int(), undoToken: z.string() }),
  },
  'developers:undo-unlink-identifier': {
    input: z.object({ undoToken: z.string().min(1) }).strict(),
    output: z.object({ activities: z.number().int() }),
  },
} as const;
