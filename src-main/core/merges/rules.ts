/**
 * The merge-suggestion rules of DESIGN.md, as data: scores, the normalised
 * keys (computed in SQL so that they work set-based over every developer),
 * and the lists of email parts that say nothing about who someone is.
 */
import type { MergeRule } from '../../../src-shared/contract/merges';

export const RULE_SCORES: Record<MergeRule, number> = {
  same_handle: 0.9,
  same_name_org: 0.8,
  same_name_domain: 0.7,
  same_email_local: 0.6,
};

/**
 * Mail providers anyone can sign up with: sharing one says nothing about a
 * person (or an organization). The one list for the whole app.
 */
export const FREE_MAIL_DOMAINS: readonly string[] = [
  'gmail.com',
  'googlemail.com',
  'yahoo.co.jp',
  'yahoo.com',
  'outlook.com',
  'outlook.jp',
  'hotmail.com',
  'icloud.com',
  'me.com',
  'live.jp',
  'docomo.ne.jp',
  'ezweb.ne.jp',
  'softbank.ne.jp',
  'qq.com',
  '163.com',
];

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

/** NFKC, case-folded, every space (U+3000 included) removed: `ＹＡＭＡＤＡ Taro` → `yamadataro`. */
export const normalisedSql = (expr: string) => `regexp_replace(lower(normalize(${expr}, NFKC)), '[[:space:]\u3000]', '', 'g')`;

/** The same key in TypeScript, for tests and display. */
export function normaliseKey(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u3000]/g, '');
}
