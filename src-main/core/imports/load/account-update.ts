/**
 * The account upsert's update of a known account, column by column, so that
 * the same expressions both set the columns and decide whether anything
 * changed (activity-resolve.ts rewrites only accounts that do change).
 */

/**
 * A known account's columns after the file's sighting (`excluded`): its
 * developer never changes here; a new email or handle updates it; what the
 * file says about the account (connpass's 利用開始日) joins what was known.
 */
export const ACCOUNT_UPDATE: readonly (readonly [string, string])[] = [
  ['developer_id', 'coalesce(accounts.developer_id, excluded.developer_id)'],
  ['handle', 'coalesce(excluded.handle, accounts.handle)'],
  [
    'email',
    'case when excluded.last_seen >= coalesce(accounts.last_seen, excluded.last_seen) then coalesce(excluded.email, accounts.email) else coalesce(accounts.email, excluded.email) end',
  ],
  [
    'attributes',
    "case when excluded.attributes is null then accounts.attributes else coalesce(accounts.attributes, '{}'::jsonb) || excluded.attributes end",
  ],
  ['first_seen', 'least(accounts.first_seen, excluded.first_seen)'],
  ['last_seen', 'greatest(accounts.last_seen, excluded.last_seen)'],
];
