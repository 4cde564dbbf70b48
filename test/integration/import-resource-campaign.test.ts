/**
 * A new resource's campaign is the one named by the first line of the file
 * that names one for it (imports/load/activity-resolve.ts), whatever order
 * the rows reached the stage in. The two parse workers' batches interleave
 * in the stage as they finish, so taking the first row there gave the same
 * file's resources different campaigns on each import, and so each campaign
 * a different ROI. Here the stage is written last line first, as a late
 * batch can be, and the resource still takes the first line's campaign.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { resolveCampaignsAndResources } from '../../src-main/core/imports/load/activity-resolve';
import { CREATE_STAGE_ACTIVITY, STAGE_ACTIVITY } from '../../src-main/core/imports/load/activity-stage';
import { useClientOnTestDatabase } from '../helpers/database';

const db = useClientOnTestDatabase();

/** [line, resource external id, campaign named by the row], in the order they are staged. */
const STAGED: [number, string, string | null][] = [
  [5, 'b2', null],
  [4, 'b1', 'Late'],
  [3, 'b1', null],
  [2, 'b1', 'Early'],
  [1, 'b1', null],
];

describe('a new resource from an import', () => {
  it('takes the campaign of the first line naming one, not of the first row staged', async () => {
    const { client } = db;
    await client.query('begin');
    try {
      await client.query(CREATE_STAGE_ACTIVITY);
      for (const [line, resource, campaign] of STAGED) {
        await client.query(
          `insert into ${STAGE_ACTIVITY} (line, activity_id, dedup_key, occurred_at, action, source, res_key, res_category, res_external_id, campaign)
           values ($1, $2, $3, '2026-01-05T09:00:00Z', 'view', 'blog', $4, 'blog', $5, $6)`,
          [line, randomUUID(), `blog|${line}`, `blog:${resource}`, resource, campaign],
        );
      }
      // The stage is read in the order it was written: last line first.
      expect((await client.query<{ line: number }>(`select line from ${STAGE_ACTIVITY}`)).rows.map((r) => r.line)).toEqual([5, 4, 3, 2, 1]);

      expect(await resolveCampaignsAndResources(client, DEFAULT_TENANT)).toEqual({ campaigns: 2, resources: 2 });
      const { rows } = await client.query<{ external_id: string; campaign: string | null }>(
        `select r.external_id, c.name as campaign from resources r left join campaigns c on c.campaign_id = r.campaign_id
          where r.tenant_id = $1 order by r.external_id`,
        [DEFAULT_TENANT],
      );
      expect(rows).toEqual([
        { external_id: 'b1', campaign: 'Early' },
        { external_id: 'b2', campaign: null },
      ]);
    } finally {
      await client.query('rollback');
    }
  });
});
