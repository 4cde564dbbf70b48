/**
 * Which campaign a utm_campaign value names (campaigns/utm-campaign.ts) when
 * two campaigns answer to it the same way: the older, then the first name in
 * code point order, whatever order the campaigns were written in.
 */
import { describe, expect, it } from 'vitest';
import { UTM_CAMPAIGN_SQL } from '../../src-main/core/campaigns/utm-campaign';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { useClientOnTestDatabase } from '../helpers/database';

const db = useClientOnTestDatabase();

/** [name, utm_campaign attribute, created at]. */
type Campaign = [string, string | null, string];

/** Writes the campaigns in the order given; utm → campaign name. */
async function named(campaigns: Campaign[]): Promise<Record<string, string>> {
  const { client } = db;
  await client.query('begin');
  try {
    for (const [name, utm, at] of campaigns) {
      await client.query(`insert into campaigns (tenant_id, name, attributes, created_at) values ($1, $2, $3, $4)`, [
        DEFAULT_TENANT,
        name,
        utm === null ? null : { utm_campaign: utm },
        at,
      ]);
    }
    const { rows } = await client.query<{ utm: string; name: string }>(
      `select u.utm, c.name from (${UTM_CAMPAIGN_SQL}) u join campaigns c using (campaign_id)`,
      [DEFAULT_TENANT],
    );
    return Object.fromEntries(rows.map((r) => [r.utm, r.name]));
  } finally {
    await client.query('rollback');
  }
}

/** What `named` answers for two campaigns written in one order, having checked the other order answers the same. */
async function inEitherOrder(a: Campaign, b: Campaign): Promise<Record<string, string>> {
  const forward = await named([a, b]);
  expect(await named([b, a])).toEqual(forward);
  return forward;
}

const EARLY = '2026-01-01T00:00:00Z';
const LATE = '2026-02-01T00:00:00Z';

describe('the campaign a utm_campaign value names', () => {
  it('is the one whose attribute it is, before one whose name it is', async () => {
    expect(await inEitherOrder(['spring', null, EARLY], ['Launch', 'Spring', LATE])).toMatchObject({ spring: 'Launch', launch: 'Launch' });
  });

  it('of two names that differ only in case, is the older, whichever was written first', async () => {
    expect(await inEitherOrder(['Spring', null, LATE], ['spring', null, EARLY])).toMatchObject({ spring: 'spring' });
  });

  it('of two made at once, is the first name in code point order, whichever was written first', async () => {
    expect(await inEitherOrder(['Spring', null, EARLY], ['SPRING', null, EARLY])).toMatchObject({ spring: 'SPRING' });
    expect(await inEitherOrder(['B', 'promo', EARLY], ['A', 'PROMO', EARLY])).toMatchObject({ promo: 'A' });
  });
});
