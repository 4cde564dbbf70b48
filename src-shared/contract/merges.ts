/**
 * Identity decisions: merge suggestions and their dismissal or snooze, and
 * the shapes of a merge's history. Merging two developers, unmerging and a
 * developer's merge history are `developers:` channels (developers.ts).
 */
import { z } from 'zod';
import { auditUser, uuid } from './common';

import { mergeRules } from './values';

export { mergeRules };
export const mergeRule = z.enum(mergeRules);
export type MergeRule = z.infer<typeof mergeRule>;

/** Enough of a developer to compare two side by side. */
export const devSummary = z.object({
  developerId: z.string(),
  displayName: z.string().nullable(),
  primaryEmail: z.string().nullable(),
  organization: z.string().nullable(),
  accounts: z.array(z.object({ provider: z.string(), handle: z.string().nullable() })),
});
export type DevSummary = z.infer<typeof devSummary>;

export const mergeEvidence = z.object({ rule: mergeRule, detail: z.string() });
export type MergeEvidence = z.infer<typeof mergeEvidence>;

/** A candidate pair; `a` is the suggested survivor (more activity, then older). */
export const mergeSuggestion = z.object({
  a: devSummary,
  b: devSummary,
  score: z.number().min(0).max(1),
  evidence: z.array(mergeEvidence),
});
export type MergeSuggestion = z.infer<typeof mergeSuggestion>;

export const mergeHistoryEntry = z.object({
  mergeId: z.string(),
  action: z.enum(['merge', 'unmerge']),
  intoDeveloperId: z.string(),
  fromDeveloperId: z.string(),
  intoName: z.string().nullable(),
  fromName: z.string().nullable(),
  reason: z.string().nullable(),
  mergedAt: z.string(),
  /** For a merge: the unmerge that undid it, if any. */
  undoneBy: z.string().nullable(),
  /** Who merged (or, for an unmerge, undid); null for entries recorded before the app recorded it. */
  mergedBy: auditUser.nullable(),
});
export type MergeHistoryEntry = z.infer<typeof mergeHistoryEntry>;

const pair = { a: uuid, b: uuid };

export const mergeChannels = {
  'merges:list-suggestions': {
    input: z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
    output: z.array(mergeSuggestion),
  },
  'merges:dismiss': { input: z.object(pair).strict(), output: z.object({ dismissed: z.literal(true) }) },
  'merges:snooze': {
    input: z.object({ ...pair, days: z.number().int().min(1).max(365) }).strict(),
    output: z.object({ until: z.string() }),
  },
} as const;
