/**
 * Merge, unmerge and consent edits keep the derived tables by difference
 * (derived/counted.ts), never by recounting the days the moved activities
 * span (issue 12). Whatever the pair — different consent either way, shared
 * campaigns, activities on the same days, a conversion whose multi-touch
 * credit moves to the other record's campaign — every derived table and the
 * stats caches equal what `stats:rebuild` writes after the merge and after
 * the unmerge, and the unmerge puts back exactly the rows from before.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { checksumDifferences, derivedChecksums, type Checksum } from '../../bench/checksums';
import { rebuiltChecksums } from '../../bench/merges-pairs';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, developerId } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('merges-derived');
const db = useCoreOnTestDatabase();

const DEVELOPERS = `display_name,email,consent_analytics
Ann,ann@example.com,yes
Ana,ana@example.com,no
Ben,ben@example.com,no
Bea,bea@example.com,yes
Cid,cid@example.com,yes
Cat,cat@example.com,yes
Dee,dee@example.com,yes
`;

// Pairs on the same days and campaigns: Ann/Ana, Ben/Bea, Cid/Cat; Dee's consent is edited.
// Each second record converts after a touch; the first touches another campaign later, so
// a merge moves last-touch credit from one campaign to the other.
const ACTIVITIES = `occurred_at,action,source,email,anon_id,campaign
2026-01-01T01:00:00Z,click,web,ana@example.com,,Spring
2026-01-03T01:00:00Z,click,ads,ann@example.com,,Summer
2026-01-03T02:00:00Z,view,web,ann@example.com,,
2026-01-04T01:00:00Z,signup,web,ana@example.com,,
2026-01-04T02:00:00Z,click,web,ann@example.com,,Spring
2026-01-01T01:00:00Z,click,web,bea@example.com,,Spring
2026-01-03T01:00:00Z,click,ads,ben@example.com,,Summer
2026-01-04T01:00:00Z,signup,web,bea@example.com,,
2026-01-04T03:00:00Z,signup,web,ben@example.com,,
2026-01-01T01:00:00Z,click,web,cat@example.com,,Spring
2026-01-03T01:00:00Z,click,ads,cid@example.com,,Summer
2026-01-04T01:00:00Z,signup,web,cat@example.com,,
2026-01-04T01:00:00Z,view,web,,anon-1,Spring
2026-01-02T01:00:00Z,click,web,dee@example.com,,Summer
2026-01-05T01:00:00Z,signup,web,dee@example.com,,
`;

let client: pg.Client;

beforeAll(async () => {
  await call(db.core, 'settings:update', { timeZoneSetting: 'UTC' });
  const devs = await importFile(db.core, writeCsv(dir.path, 'developers.csv', DEVELOPERS), { type: 'developers' });
  expect(devs).toMatchObject({ status: 'succeeded', rejected: 0 });
  const acts = await importFile(db.core, writeCsv(dir.path, 'activities.csv', ACTIVITIES), {
    type: 'activities',
    options: { timezone: 'UTC' },
  });
  expect(acts).toMatchObject({ status: 'succeeded', rejected: 0 });
  client = new pg.Client(db.url);
  await client.connect();
});
afterAll(async () => {
  await client.end();
  dir.remove();
});

const checksums = () => derivedChecksums(client, DEFAULT_TENANT);

/** The derived tables as they are equal what a rebuild writes (in a rolled-back transaction). */
async function expectRebuildEqual(): Promise<Checksum[]> {
  const current = await checksums();
  expect(checksumDifferences(await rebuiltChecksums(client, DEFAULT_TENANT), current)).toEqual([]);
  return current;
}

/** Days of campaign_daily, as (campaign, day, weight, activities) for campaigns by name. */
const campaignDays = () =>
  queryRows(
    db.url,
    `select c.name, cd.day::text, cd.action, trim_scale(sum(cd.weight))::text as weight, sum(cd.activities)::int as n
       from derived.campaign_daily cd join campaigns c on c.campaign_id = cd.campaign_id
      group by 1, 2, 3 order by 1, 2, 3`,
  );

const PAIRS = [
  { name: 'survivor without consent, merged-away with it', into: 'ben@example.com', from: 'bea@example.com' },
  { name: 'survivor with consent, merged-away without it (consent withdrawn)', into: 'ann@example.com', from: 'ana@example.com' },
  { name: 'both with consent, shared campaigns and days', into: 'cid@example.com', from: 'cat@example.com' },
];

// Each model moves credit differently when the other record's touches arrive.
describe.each(['last', 'first', 'linear'] as const)('merge and unmerge under %s-touch attribution', (model) => {
  beforeAll(async () => {
    await call(db.core, 'settings:update', { attributionModel: model });
  });

  it.each(PAIRS)('$name: equal a rebuild after the merge and after the unmerge, which restores every row', async ({ into, from }) => {
    const before = await expectRebuildEqual();
    const daysBefore = await campaignDays();
    const { mergeId } = await call(db.core, 'developers:merge', {
      intoId: await developerId(db.url, into),
      fromId: await developerId(db.url, from),
    });
    const merged = await expectRebuildEqual();
    // The merge changed something derived (otherwise the case proves nothing).
    expect(checksumDifferences(before, merged)).not.toEqual([]);
    await call(db.core, 'developers:unmerge', { mergeId });
    expect(checksumDifferences(before, await expectRebuildEqual())).toEqual([]);
    expect(await campaignDays()).toEqual(daysBefore);
  });
});

describe('consent edit', () => {
  it('takes the developer out of the counts and back, equal to a rebuild each time', async () => {
    const dee = await developerId(db.url, 'dee@example.com');
    const before = await expectRebuildEqual();
    const summer = async () =>
      (await campaignDays()).filter((r) => (r as { name: string }).name === 'Summer').map((r) => (r as { n: number }).n);
    const withDee = await summer();
    await call(db.core, 'developers:update', { developerId: dee, consentAnalytics: false });
    await expectRebuildEqual();
    // Dee's Summer click and the signup credited to it left the counts.
    expect((await summer()).reduce((a, b) => a + b, 0)).toBe(withDee.reduce((a, b) => a + b, 0) - 2);
    await call(db.core, 'developers:update', { developerId: dee, consentAnalytics: true });
    expect(checksumDifferences(before, await expectRebuildEqual())).toEqual([]);
  });
});
