/**
 * A resource merge and its undo leave every activity's direct campaign as it
 * was. An activity that named a campaign itself (here by its utm_campaign) keeps
 * it whatever its resource's campaign does; one that only followed its
 * resource follows it there and back. Two cases where the undo used to be
 * wrong, because "followed" and "chose the same campaign itself" look alike
 * after the merge:
 * - a moved activity that chose the kept resource's campaign itself;
 * - a kept resource's own activity that chose the campaign the merge gave
 *   its resource (from the deleted one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IS_MULTI_TOUCH } from '../../src-main/core/derived/campaign-daily';
import { rebuildChanges } from '../helpers/derived';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('resources-merge-undo');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

// external id → resource id, and campaign names → ids.
let ids: Record<string, string> = {};

beforeAll(async () => {
  for (const name of ['Spring', 'Other']) await call(db.core, 'campaigns:create', { name });
  // A row's utm_campaign attributes its activity directly without giving its resource a campaign (a
  // `campaign` column would: a resource without one takes the first campaign an import names for it).
  const rows = [
    'occurred_at,action,source,email,resource_category,resource_title,resource_external_id,campaign,utm_campaign',
    // Case 1: x1 is Other's; y1 has none, and hank's view of it came from an Other link.
    '2026-01-05T10:00:00Z,view,web,gina@example.com,blog,Post X,x1,Other,',
    '2026-01-06T10:00:00Z,view,web,hank@example.com,blog,Post Y,y1,,Other',
    '2026-01-07T10:00:00Z,view,web,ivan@example.com,blog,Post Y,y1,,',
    // Case 2: x2 has none, and judy's view of it came from a Spring link; y2 is Spring's.
    '2026-01-08T10:00:00Z,view,web,judy@example.com,blog,Post X2,x2,,Spring',
    '2026-01-09T10:00:00Z,view,web,kate@example.com,blog,Post X2,x2,,',
    '2026-01-10T10:00:00Z,view,web,liam@example.com,blog,Post Y2,y2,Spring,',
  ];
  const file = writeCsv(dir.path, 'resources.csv', rows.join('\n') + '\n');
  expect(await importFile(db.core, file, { type: 'activities', options: { timezone: 'UTC' } })).toMatchObject({ status: 'succeeded' });
  const resources = await queryRows<{ key: string; id: string }>(db.url, 'select external_id as key, resource_id as id from resources');
  const campaigns = await queryRows<{ key: string; id: string }>(db.url, 'select name as key, campaign_id as id from campaigns');
  ids = Object.fromEntries([...resources, ...campaigns].map((r) => [r.key, r.id]));
  const campaignOf = async (id: string) => (await call(db.core, 'resources:get', { resourceId: id })).campaignId;
  expect([await campaignOf(ids.x1!), await campaignOf(ids.y1!), await campaignOf(ids.x2!), await campaignOf(ids.y2!)]).toEqual([
    ids.Other,
    null,
    null,
    ids.Spring,
  ]);
});

/** Each activity's direct campaign by the person who did it (null: none). */
async function directCampaigns(): Promise<Record<string, string | null>> {
  const rows = await queryRows<{ email: string; campaign: string | null }>(
    db.url,
    `select d.primary_email as email,
            (select c.name from activity_campaigns ac join campaigns c on c.campaign_id = ac.campaign_id
              where ac.activity_id = a.activity_id and not ${IS_MULTI_TOUCH('ac')}) as campaign
       from activities a join developers d on d.developer_id = a.developer_id`,
  );
  return Object.fromEntries(rows.map((r) => [r.email.split('@')[0]!, r.campaign]));
}

describe('resource merge undo', () => {
  it('puts back the campaign of a moved activity that had chosen the kept resource’s campaign itself', async () => {
    const before = await directCampaigns();
    expect(before).toMatchObject({ gina: 'Other', hank: 'Other', ivan: null });
    const merged = await call(db.core, 'resources:merge', { intoId: ids.x1!, fromId: ids.y1! });
    expect(await directCampaigns()).toMatchObject({ gina: 'Other', hank: 'Other', ivan: 'Other' });
    await call(db.core, 'resources:undo-merge', { undoToken: merged.undoToken });
    expect(await directCampaigns()).toEqual(before);
    expect(await rebuildChanges(db.url)).toEqual([]);
  });

  it('puts back the campaign of a kept resource’s own activity that had chosen the merged campaign itself', async () => {
    const before = await directCampaigns();
    expect(before).toMatchObject({ judy: 'Spring', kate: null, liam: 'Spring' });
    const merged = await call(db.core, 'resources:merge', { intoId: ids.x2!, fromId: ids.y2! });
    // x2 had no campaign: it takes y2's, and its own activities without one follow it.
    expect(await directCampaigns()).toMatchObject({ judy: 'Spring', kate: 'Spring', liam: 'Spring' });
    await call(db.core, 'resources:undo-merge', { undoToken: merged.undoToken });
    expect(await directCampaigns()).toEqual(before);
    expect(await rebuildChanges(db.url)).toEqual([]);
  });
});
