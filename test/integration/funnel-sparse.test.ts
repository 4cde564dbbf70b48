/**
 * funnel_bits rows cross between their two forms (derived/funnel-sparse.ts)
 * both ways, by an import, a merge, an unmerge and consent edits: with the
 * threshold lowered to 6 developers, the row of counted developers (7 at
 * first) goes list ↔ bitset at every step, as do other rows. After each step
 * the funnel and the overview equal a recomputation from the spec's tables,
 * and every derived row equals what a rebuild writes.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checksumDifferences, derivedChecksums } from '../../bench/checksums';
import { rebuiltChecksums } from '../../bench/merges-pairs';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { rowHash, rowHashSql } from '../../src-main/core/derived/funnel-sparse';
import { MERGED_AWAY_SQL } from '../../src-main/core/identity/merged-away';
import { useCoreOnTestDatabase } from '../helpers/database';
import { APRIL, loadFunnelData, ZONE } from '../helpers/funnel-data';
import { importFile, writeCsv } from '../helpers/imports';
import { call, developerId } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const SPARSE_MAX = 6;
const t = useCoreOnTestDatabase();
const dir = makeTempDir('funnel-sparse');
let reader: pg.Client;
let was: string | undefined;

beforeAll(async () => {
  was = process.env.DRM_FUNNEL_SPARSE_MAX;
  process.env.DRM_FUNNEL_SPARSE_MAX = String(SPARSE_MAX);
  await loadFunnelData(t.core, dir.path);
  reader = new pg.Client(t.url);
  await reader.connect();
});
afterAll(async () => {
  if (was === undefined) delete process.env.DRM_FUNNEL_SPARSE_MAX;
  else process.env.DRM_FUNNEL_SPARSE_MAX = was;
  await reader?.end();
  dir.remove();
});

/** The form and population of the row of counted developers (node −1). */
async function countedRow() {
  const { rows } = await reader.query<{ listed: boolean; held: number }>(
    `select bits is null as listed, coalesce(bit_count(bits), cardinality(members))::int as held
       from derived.funnel_bits where tenant_id = $1 and dim = '' and stage = 0 and node = -1`,
    [DEFAULT_TENANT],
  );
  return rows[0];
}

/** Rows held as lists, and rows not in the form their population calls for. */
async function forms() {
  const { rows } = await reader.query<{ listed: number; wrong: number }>(
    `select count(*) filter (where bits is null)::int as listed,
            count(*) filter (where (bits is null) <> (coalesce(bit_count(bits), cardinality(members)) <= $1))::int as wrong
       from derived.funnel_bits`,
    [SPARSE_MAX],
  );
  return rows[0]!;
}

/** The funnel for April (unfiltered and from 'web') and the overview, against SQL over the spec's tables. */
async function expectAnswersEqual() {
  const counted = `join developers d on d.developer_id = a.developer_id and d.consent_analytics and not ${MERGED_AWAY_SQL('d.developer_id')}`;
  for (const source of [undefined, 'web']) {
    const report = await call(t.core, 'analytics:get-funnel', { ...APRIL, ...(source ? { source } : {}) });
    const { rows } = await reader.query<{ id: string; top: number; orders: number[] }>(
      `select a.developer_id as id, max(fs.order_no) as top, array_agg(distinct fs.order_no) as orders
         from activities a ${counted}
         join activity_funnel_map fm on fm.tenant_id = a.tenant_id and fm.action = a.action
         join funnel_stages fs on fs.stage_key = fm.stage_key
        where a.tenant_id = $1 and (a.occurred_at at time zone $2)::date >= $3::date and (a.occurred_at at time zone $2)::date < $4::date
          and ($5::text is null or a.source = $5)
        group by a.developer_id`,
      [DEFAULT_TENANT, ZONE, APRIL.from, APRIL.to, source ?? null],
    );
    expect(
      report.stages.map((s) => [s.key, s.reached, s.atOrBeyond]),
      `funnel ${source ?? ''}`,
    ).toEqual(
      report.stages.map((s) => [s.key, rows.filter((r) => r.orders.includes(s.order)).length, rows.filter((r) => r.top >= s.order).length]),
    );
  }
  const overview = await call(t.core, 'analytics:get-overview', { ...APRIL, bucket: 'week' });
  const { rows } = await reader.query<{ developers: number; active: number }>(
    `select (select count(*)::int from developers d where d.tenant_id = $1 and d.consent_analytics and not ${MERGED_AWAY_SQL('d.developer_id')}) as developers,
            (select count(distinct a.developer_id)::int from activities a ${counted}
              where a.tenant_id = $1 and (a.occurred_at at time zone $2)::date >= $3::date and (a.occurred_at at time zone $2)::date < $4::date) as active`,
    [DEFAULT_TENANT, ZONE, APRIL.from, APRIL.to],
  );
  expect([overview.developers, overview.activeDevelopers]).toEqual([rows[0]!.developers, rows[0]!.active]);
  expect(checksumDifferences(await rebuiltChecksums(reader, DEFAULT_TENANT), await derivedChecksums(reader, DEFAULT_TENANT))).toEqual([]);
  // Every row in the form its population calls for (the counted row's checks show both forms in use).
  const f = await forms();
  expect(f.wrong).toBe(0);
  expect(f.listed).toBeGreaterThan(0);
}

const setConsent = async (email: string, consentAnalytics: boolean) =>
  call(t.core, 'developers:update', { developerId: await developerId(t.url, email), consentAnalytics });

describe('funnel_bits rows crossing the sparse threshold', { timeout: 300_000 }, () => {
  it('cross both ways by consent, import, merge and unmerge, equal to the tables and to a rebuild at each step', async () => {
    expect(await countedRow()).toEqual({ listed: false, held: 7 });
    await expectAnswersEqual();

    await setConsent('ann@acme.example', false);
    expect(await countedRow()).toEqual({ listed: true, held: 6 });
    await expectAnswersEqual();

    const job = await importFile(
      t.core,
      writeCsv(
        dir.path,
        'ivy.csv',
        'occurred_at,action,source,email,anon_id,campaign\n2026-04-11T03:00:00Z,signup,web,ivy@gmail.com,,Spring\n',
      ),
      { type: 'activities' },
    );
    expect(job.status).toBe('succeeded');
    expect(await countedRow()).toEqual({ listed: false, held: 7 });
    await expectAnswersEqual();

    const { mergeId } = await call(t.core, 'developers:merge', {
      intoId: await developerId(t.url, 'cy@gmail.com'),
      fromId: await developerId(t.url, 'gus@gmail.com'),
    });
    expect(await countedRow()).toEqual({ listed: true, held: 6 });
    await expectAnswersEqual();

    await call(t.core, 'developers:unmerge', { mergeId });
    expect(await countedRow()).toEqual({ listed: false, held: 7 });
    await expectAnswersEqual();

    await setConsent('ivy@gmail.com', false);
    await setConsent('hal@gmail.com', false);
    expect(await countedRow()).toEqual({ listed: true, held: 5 });
    await setConsent('ann@acme.example', true);
    expect(await countedRow()).toEqual({ listed: true, held: 6 });
    await expectAnswersEqual();
  });

  it('hashes each form in SQL as the refresh does in memory, so a rebuild skips the rows that are right', async () => {
    // Each stored row, and the same developers as a bitset (derived.funnel_bits_with builds one from a list).
    const { rows } = await reader.query<{ members: number[]; listed: string; bits: Buffer; dense: string }>(
      `select b.members, ${rowHashSql('b')} as listed, varbit_send(d.bits) as bits, ${rowHashSql('d')} as dense
         from derived.funnel_bits b
        cross join lateral (select derived.funnel_bits_with(null, b.members) as bits, null::int[] as members) d
        where b.members is not null`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(rowHash({ members: r.members })).toBe(r.listed);
      // varbit_send: the length in bits, then the bytes (what rowHash hashes).
      expect(rowHash({ bits: r.bits.subarray(4) })).toBe(r.dense);
    }
  });
});
