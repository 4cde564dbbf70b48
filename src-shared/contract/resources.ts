/**
 * Resources (issue 13 §3): the events, articles, videos, repositories and
 * links activities are about. The Resources page lists and edits them (a
 * campaign set here re-attributes the resource's activities) and merges
 * duplicates; a resource's page and the events report read its activities.
 * Every figure is defined in README.md, "Resources and events".
 */
import { z } from 'zod';
import { day, emptyInput, periodEnd, uuid } from './common';
import { resourceBuckets, resourceSorts } from './values';

export const resourceRow = z.object({
  resourceId: z.string(),
  category: z.string(),
  groupKey: z.string().nullable(),
  title: z.string().nullable(),
  url: z.string().nullable(),
  externalId: z.string().nullable(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
  /** Every activity on the resource (anonymous ones included). */
  activities: z.number().int(),
  firstAt: z.string().nullable(),
  lastAt: z.string().nullable(),
});
export type ResourceRow = z.infer<typeof resourceRow>;

const category = z.string().trim().min(1).max(50);
const groupKey = z.string().trim().min(1).max(200);

export const resourceListQuery = z
  .object({
    /** Title, url or external id: substring, case-insensitive. */
    q: z.string().max(200).optional(),
    category: category.optional(),
    groupKey: groupKey.optional(),
    campaignId: uuid.optional(),
    sort: z.enum(resourceSorts).default('lastActivity'),
    page: z.number().int().min(0).default(0),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ResourceListQuery = z.output<typeof resourceListQuery>;

export const resourcePage = z.object({
  total: z.number().int(),
  rows: z.array(resourceRow),
  /** Every category and group key the tenant's resources have, for the filters. */
  categories: z.array(z.string()),
  groups: z.array(z.string()),
});
export type ResourcePage = z.infer<typeof resourcePage>;

export const resourceUpdate = z
  .object({
    resourceId: uuid,
    title: z.string().trim().max(500).nullable().optional(),
    url: z.string().trim().max(2000).nullable().optional(),
    category: category.optional(),
    groupKey: groupKey.nullable().optional(),
    /** null: no campaign. The resource's activities are re-attributed (README). */
    campaignId: uuid.nullable().optional(),
  })
  .strict();
export type ResourceUpdate = z.output<typeof resourceUpdate>;

/** One event: figures over developers with analytics consent (README, "Resources and events"). */
export const eventRow = z.object({
  resourceId: z.string(),
  title: z.string().nullable(),
  groupKey: z.string().nullable(),
  /** The day (tenant's zone) of the first attendance, else of the latest activity; null without activities. */
  date: z.string().nullable(),
  registered: z.number().int(),
  cancelled: z.number().int(),
  attended: z.number().int(),
  noShows: z.number().int(),
  /** noShows / (registered − cancelled); null when nobody attended (attendance not recorded) or nobody stayed registered. */
  noShowRate: z.number().nullable(),
  firstTime: z.number().int(),
  /** Attendees who attended any earlier event. */
  repeat: z.number().int(),
  /** Attendees who attended an earlier event of the same group; null without a group. */
  repeatInGroup: z.number().int().nullable(),
});
export type EventRow = z.infer<typeof eventRow>;

export const eventsQuery = z.object({ from: day.optional(), to: periodEnd.optional(), groupKey: groupKey.optional() }).strict();
export type EventsQuery = z.output<typeof eventsQuery>;

const stageCount = z.object({ stage: z.string().nullable(), developers: z.number().int() });

export const resourceReport = z.object({
  resource: resourceRow,
  bucket: z.enum(resourceBuckets),
  /** Activities per bucket start (YYYY-MM-DD, tenant's zone) and action; buckets without activities are left out. */
  timeline: z.array(z.object({ period: z.string(), action: z.string(), activities: z.number().int() })),
  /** Per action: activities, and developers with analytics consent who did it. */
  actions: z.array(z.object({ action: z.string(), activities: z.number().int(), developers: z.number().int() })),
  /** Distinct developers with analytics consent; anonymous activities apart. */
  developers: z.number().int(),
  anonymousActivities: z.number().int(),
  /** Those developers per highest stage ever reached, in stage order; stage null = none yet (last). */
  stageMix: z.array(stageCount),
  /** Campaigns the resource's activities are attributed to: attributed activities and weight. */
  campaigns: z.array(z.object({ campaignId: z.string(), name: z.string(), activities: z.number().int(), weight: z.number() })),
  /** For an event: its figures, the stage its attendees reached before and 30 days after, and its series. */
  event: z
    .object({
      figures: eventRow,
      /** Attendees per highest stage before attending and by 30 days after, in stage order; stage null = none. */
      stages: z.array(z.object({ stage: z.string().nullable(), before: z.number().int(), after: z.number().int() })),
      /** Attendees whose highest stage 30 days after is beyond their highest before. */
      advanced: z.number().int(),
      /** Every event of the same group, by date (empty without a group). */
      series: z.array(eventRow),
    })
    .nullable(),
  /** For content (blog, video, repo): conversions within 30 days of each developer's first touch. */
  content: z
    .object({
      developers: z.number().int(),
      conversionStage: z.string(),
      conversions: z.number().int(),
      /** Developers who had reached the conversion stage before their first touch (not counted as conversions). */
      convertedBefore: z.number().int(),
    })
    .nullable(),
});
export type ResourceReport = z.infer<typeof resourceReport>;

/** A resource as a picker shows it. */
export const resourceChoice = z.object({
  resourceId: z.string(),
  category: z.string(),
  title: z.string().nullable(),
  url: z.string().nullable(),
});

export const resourceChannels = {
  'resources:list': { input: resourceListQuery, output: resourcePage },
  'resources:get': { input: z.object({ resourceId: uuid }).strict(), output: resourceRow },
  /** Every resource by title, for pickers (a short link's form). */
  'resources:list-choices': { input: emptyInput, output: z.array(resourceChoice) },
  'resources:update': {
    input: resourceUpdate,
    /** reattributed: activities whose direct campaign changed. */
    output: z.object({ resource: resourceRow, reattributed: z.number().int() }),
  },
  /** Moves `from`'s activities to `into` and deletes `from`; undo within ten minutes with the token. */
  'resources:merge': {
    input: z.object({ intoId: uuid, fromId: uuid }).strict(),
    output: z.object({ moved: z.number().int(), undoToken: z.string() }),
  },
  'resources:undo-merge': {
    input: z.object({ undoToken: z.string().min(1).max(100) }).strict(),
    output: z.object({ resourceId: z.string() }),
  },
  'resources:get-report': {
    input: z.object({ resourceId: uuid, bucket: z.enum(resourceBuckets).default('week') }).strict(),
    output: resourceReport,
  },
  /** Every event (category event or webinar, or imported from connpass) dated in the period, by date. */
  'resources:get-events': { input: eventsQuery, output: z.array(eventRow) },
} as const;
