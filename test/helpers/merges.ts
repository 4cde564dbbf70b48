import type { ChannelInput, ChannelName, ChannelOutput } from '../../src-shared/contract/index';
import type { Core } from '../../src-main/core/types';
import { queryRows } from './imports';

/** Calls a channel and returns its value, failing the test on an error result. */
export async function call<K extends ChannelName>(core: Core, channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>> {
  const result = await core.handlers[channel](input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** Calls a channel that must fail, and returns its error. */
export async function callError<K extends ChannelName>(core: Core, channel: K, input: ChannelInput<K>) {
  const result = await core.handlers[channel](input);
  if (result.ok) throw new Error(`${channel} succeeded but was expected to fail: ${JSON.stringify(result.value)}`);
  return result.error;
}

/** developer_id by primary email, or by one of its accounts' `provider:handle`. */
export async function developerId(url: string, key: string): Promise<string> {
  const [row] = key.includes('@')
    ? await queryRows<{ id: string }>(url, 'select developer_id as id from developers where primary_email = $1', [key])
    : await queryRows<{ id: string }>(url, "select developer_id as id from accounts where provider || ':' || handle = $1", [key]);
  if (!row) throw new Error(`no developer for ${key}`);
  return row.id;
}

/**
 * Every row a merge may touch, minus the columns that record when a row
 * was last written: equal snapshots mean every row is where it was.
 */
export async function identitySnapshot(url: string) {
  return {
    developers: await queryRows(
      url,
      `select developer_id, tenant_id, display_name, primary_email::text, org_id, consent_analytics, tags, created_at
         from developers order by developer_id`,
    ),
    accounts: await queryRows(
      url,
      `select account_id, developer_id, provider, external_user_id, handle, email::text, is_primary, confidence, dedup_key
         from accounts order by account_id`,
    ),
    identifiers: await queryRows(url, 'select * from developer_identifiers order by identifier_id'),
    activities: await queryRows(
      url,
      'select activity_id, developer_id, account_id, action, occurred_at from activities order by activity_id',
    ),
    developerStats: await queryRows(
      url,
      'select developer_id, total_actions, clicks, attends, posts, stars, last_action_at from developer_stats order by developer_id',
    ),
    campaignStats: await queryRows(
      url,
      'select campaign_id, actions_total, conversions, cost_total from campaign_stats order by campaign_id',
    ),
    attribution: await queryRows(url, 'select * from activity_campaigns order by activity_campaign_id'),
  };
}
