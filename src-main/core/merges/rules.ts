/**
 * The merge-suggestion rules of DESIGN.md, as data: scores, and the limits
 * and lists of email parts that say nothing about who someone is (the keys
 * themselves are folded by identity/normalise.ts; free mail domains are
 * identity/free-mail.ts).
 */
import type { MergeRule } from '../../../src-shared/contract/merges';

export const RULE_SCORES: Record<MergeRule, number> = {
  same_handle: 0.9,
  same_name_org: 0.8,
  same_name_domain: 0.7,
  same_email_local: 0.6,
};

/**
 * A shared local part is weak evidence: `kimura_m@` fits 木村 誠 and Misaki
 * Kimura alike. When both developers have names and the names contradict each
 * other, the local part scores this instead, under SUGGESTION_THRESHOLD: it
 * can still strengthen another rule, never make a suggestion alone.
 */
export const CONTRADICTED_EMAIL_LOCAL = 0.3;

/** Pairs scoring under this are not suggested (a merge still records what the rules say). */
export const SUGGESTION_THRESHOLD = 0.5;

/** Local parts shared by role mailboxes, not people. */
export const GENERIC_EMAIL_LOCALS: readonly string[] = ['info', 'admin', 'contact', 'support', 'hello', 'noreply', 'no-reply'];

/** Local parts shorter than this match too many people by chance. */
export const MIN_EMAIL_LOCAL = 3;

/** Names shorter than this (after normalising) match too many people by chance. */
export const MIN_NAME_KEY = 2;

/**
 * A key shared by more developers than this is not evidence about any pair
 * (a handle like "admin", a name like "田中" in a big company) and would
 * explode into n² pairs; such groups are skipped.
 */
export const MAX_GROUP = 25;
