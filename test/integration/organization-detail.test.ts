/**
 * An organization's page (organizations:get-detail) on a real database with
 * the hand-computed funnel dataset, Dee, Fay and Hal moved into Ann's Acme:
 * the members' mix of highest stages, and their activity by stage over a
 * period in the tenant's zone (Asia/Tokyo), members without analytics
 * consent left out of the trend.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useCoreOnTestDatabase } from '../helpers/database';
import { loadFunnelData } from '../helpers/funnel-data';
import { queryRows } from '../helpers/imports';
import { call, callError } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const t = useCoreOnTestDatabase();
const dir = makeTempDir('organization-detail');
let acme = '';

beforeAll(async () => {
  await loadFunnelData(t.core, dir.path);
  const members = await queryRows<{ id: string }>(
    t.url,
    "select developer_id as id from developers where display_name in ('Dee', 'Fay', 'Hal')",
  );
  for (const { id } of members) await call(t.core, 'developers:update', { developerId: id, organization: 'acme' });
  acme = (await queryRows<{ id: string }>(t.url, "select org_id as id from organizations where name = 'Acme'"))[0]!.id;
});
afterAll(() => dir.remove());

describe('organizations:get-detail', () => {
  it('gives the organization, its members per highest stage, and their activity by stage', async () => {
    const detail = await call(t.core, 'organizations:get-detail', { orgId: acme, from: '2026-03-01', to: '2026-06-01', bucket: 'month' });
    expect(detail.organization).toMatchObject({ orgId: acme, name: 'Acme', developers: 4 });
    // Ann adoption (signup), Fay adoption (signup; consent is about analytics, not the list), Dee advocacy (post), Hal none (cancel).
    expect(detail.stageMix).toEqual([
      { stage: 'adoption', developers: 2 },
      { stage: 'advocacy', developers: 1 },
      { stage: null, developers: 1 },
    ]);
    expect(detail.trend.points).toEqual([
      // Dee's post 03-15 and view 03-31 23:59:59 JST.
      { period: '2026-03-01', byStage: { awareness: 1, engagement: 0, adoption: 0, advocacy: 1 }, unmapped: 0 },
      // Ann's view, attend and signup; Hal's cancel maps to no stage; Fay's signup has no consent.
      { period: '2026-04-01', byStage: { awareness: 1, engagement: 1, adoption: 1, advocacy: 0 }, unmapped: 1 },
      // Dee's attend at 05-01 00:00 JST.
      { period: '2026-05-01', byStage: { awareness: 0, engagement: 1, adoption: 0, advocacy: 0 }, unmapped: 0 },
    ]);
  });

  it('counts days in the tenant zone, every bucket present', async () => {
    const days = await call(t.core, 'organizations:get-detail', { orgId: acme, from: '2026-04-30', to: '2026-05-02', bucket: 'day' });
    expect(days.trend.points.map((p) => [p.period, p.byStage.engagement])).toEqual([
      ['2026-04-30', 0],
      ['2026-05-01', 1],
    ]);
  });

  it('refuses an unknown organization and a bad period', async () => {
    const unknown = await callError(t.core, 'organizations:get-detail', {
      orgId: '00000000-0000-4000-8000-000000000000',
      from: '2026-04-01',
      to: '2026-05-01',
    });
    expect(unknown.code).toBe('NOT_FOUND');
    expect((await callError(t.core, 'organizations:get-detail', { orgId: acme, from: '2026-05-01', to: '2026-04-01' })).code).toBe(
      'BAD_INPUT',
    );
  });
});
