/**
 * An action-map edit refreshes the derived numbers of the developers with
 * activities of that action, and nothing else (issue 12, session 19: it
 * rebuilt the whole tenant, funnel bits and merge keys included): an action
 * nobody did writes nothing derived, the developer search keeps every other
 * row (so the in-memory index catches up by a few rows instead of reloading),
 * and after each edit — a stage, the conversion stage, unmapped — every
 * derived table equals what a full rebuild computes.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumDifferences, derivedChecksums } from '../../bench/checksums';
import { rebuiltChecksums } from '../../bench/merges-pairs';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { useCoreOnTestDatabase } from '../helpers/database';
import { APRIL, loadFunnelData, stageNumbers } from '../helpers/funnel-data';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, developerId } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const t = useCoreOnTestDatabase();
const dir = makeTempDir('action-map-refresh');
let reader: pg.Client;

/** Hal touches Spring two days before his `cancel`: when cancel is a conversion, Spring gets credit for it. */
const TOUCH_CSV = `occurred_at,action,source,email,anon_id,campaign
2026-04-10T03:00:00Z,click,shortlink,hal@gmail.com,,Spring
`;

beforeAll(async () => {
  await loadFunnelData(t.core, dir.path);
  const touch = await importFile(t.core, writeCsv(dir.path, 'touch.csv', TOUCH_CSV), { type: 'activities' });
  expect(touch.status, touch.message ?? '').toBe('succeeded');
  reader = new pg.Client(t.url);
  await reader.connect();
});
afterAll(async () => {
  await reader.end();
  dir.remove();
});

/** The search index's bookkeeping and every row's version: what a reload or a catch-up reads. */
async function searchVersions() {
  const [head] = await queryRows<{ version: string; floor: string }>(t.url, 'select version, floor from derived.search_version');
  const rows = await queryRows<{ id: string; version: string }>(
    t.url,
    'select developer_id as id, version from derived.developer_search order by developer_id',
  );
  return { head: head!, rows: new Map(rows.map((r) => [r.id, r.version])) };
}

async function expectRebuildEqual() {
  expect(checksumDifferences(await rebuiltChecksums(reader, DEFAULT_TENANT), await derivedChecksums(reader, DEFAULT_TENANT))).toEqual([]);
}

describe('an action-map edit', () => {
  it('for an action nobody did writes nothing derived', async () => {
    const before = await searchVersions();
    const checksums = await derivedChecksums(reader, DEFAULT_TENANT);
    await call(t.core, 'settings:map-action', { action: 'webinar', stageKey: 'engagement' });
    expect(await searchVersions()).toEqual(before);
    expect(await derivedChecksums(reader, DEFAULT_TENANT)).toEqual(checksums);
    await call(t.core, 'settings:map-action', { action: 'webinar', stageKey: null });
  });

  it("refreshes only the developers with the action's activities, and equals a rebuild", async () => {
    const before = await searchVersions();
    const engagement = async () => stageNumbers(await call(t.core, 'analytics:get-funnel', APRIL))[1]!;
    const [, reached, atOrBeyond] = await engagement();
    // Gus and Hal cancelled in April; nobody else did.
    await call(t.core, 'settings:map-action', { action: 'cancel', stageKey: 'engagement' });
    const after = await searchVersions();
    // No whole-tenant rewrite: the floor stays, so the in-memory index catches up instead of reloading.
    expect(after.head.floor).toBe(before.head.floor);
    const rewritten = [...after.rows].filter(([id, version]) => before.rows.get(id) !== version).map(([id]) => id);
    expect(rewritten.sort()).toEqual([await developerId(t.url, 'gus@gmail.com'), await developerId(t.url, 'hal@gmail.com')].sort());
    expect((await engagement()).slice(0, 3)).toEqual(['engagement', Number(reached) + 2, Number(atOrBeyond) + 2]);
    await expectRebuildEqual();
  });

  it('that makes an action a conversion, or stops it, moves its credit as a rebuild would', async () => {
    const spring = async () =>
      (
        await queryRows<{ conversions: string }>(
          t.url,
          "select s.conversions from campaign_stats s join campaigns c using (campaign_id) where c.name = 'Spring'",
        )
      )[0]!.conversions;
    const was = await spring();
    await call(t.core, 'settings:map-action', { action: 'cancel', stageKey: 'adoption' });
    expect(Number(await spring())).toBe(Number(was) + 1);
    await expectRebuildEqual();
    await call(t.core, 'settings:map-action', { action: 'cancel', stageKey: null });
    expect(await spring()).toBe(was);
    await expectRebuildEqual();
  });
});
