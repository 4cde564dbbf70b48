/**
 * The in-memory identity resolution (core/imports/load/identity-memory.ts)
 * against the set-based SQL it replaced (bench/identity-reference.ts): the
 * same files, imported in the same order into two fresh databases — one
 * through each resolver — must leave every spec table and every derived
 * table equal, compared by natural keys (emails, accounts, names, dedup keys),
 * never by uuids, which differ between the two by construction.
 *
 * Not compared: derived.funnel_bits and funnel_cells, whose bit positions are
 * app.developer_number values given in creation order; they are built from
 * the activities and developers compared here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceResolveIdentities } from '../../bench/identity-reference';
import { writeIdentities } from '../../bench/generate/identities';
import { DERIVED_TABLE_NAMES } from '../../src-main/core/derived/tables';
import { startCore } from '../../src-main/core/index';
import { useIdentityResolver } from '../../src-main/core/imports/load/activity-resolve';
import type { Core } from '../../src-main/core/types';
import { createTestDatabase } from '../helpers/database';
import { importFile, writeCsv } from '../helpers/imports';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('identity-reference');
afterAll(() => dir.remove());

/** Bit positions follow app.developer_number, given in creation order (see above). */
const NUMBERED: readonly string[] = ['derived.funnel_bits', 'derived.funnel_cells'];
const COMPARED = [
  'organizations',
  'developers',
  'accounts',
  'developer_identifiers',
  'campaigns',
  'resources',
  'activities',
  'developer_stats',
  ...DERIVED_TABLE_NAMES.filter((table) => !NUMBERED.includes(table)),
];

/** Each id the database gave, as what it stands for. */
const LABELS = `
  select d.developer_id::text as id, 'developer:' || coalesce(d.primary_email::text,
           (select 'account:' || min(a.provider || ':' || a.external_user_id) from accounts a where a.developer_id = d.developer_id),
           (select 'identifier:' || min(i.value_normalized) from developer_identifiers i where i.developer_id = d.developer_id),
           'name:' || coalesce(d.display_name, '')) as label from developers d
  union all select account_id::text, 'account:' || provider || ':' || external_user_id from accounts
  union all select org_id::text, 'org:' || name from organizations
  union all select campaign_id::text, 'campaign:' || name from campaigns
  union all select resource_id::text, 'resource:' || category || ':' || coalesce(external_id, url, title, '') from resources
  union all select activity_id::text, 'activity:' || dedup_key from activities`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Every table's rows with ids replaced by labels and instants of the test run by "now", sorted. */
async function canonical(url: string, since: Date): Promise<Record<string, string[]>> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const labels = new Map((await client.query<{ id: string; label: string }>(LABELS)).rows.map((r) => [r.id, r.label]));
    const value = (v: unknown): unknown => {
      if (typeof v === 'string') return labels.get(v) ?? (UUID.test(v) ? '<uuid>' : v);
      if (v instanceof Date) return v >= since ? 'now' : v.toISOString();
      if (Array.isArray(v)) return v.map(value);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, value(x)]));
      return v;
    };
    const out: Record<string, string[]> = {};
    for (const table of COMPARED) {
      const { rows } = await client.query<Record<string, unknown>>(`select * from ${table}`);
      out[table] = rows
        .map((row) => {
          const r = value(row) as Record<string, unknown>;
          // A pair is stored in uuid order; by label the two may swap.
          if ('a' in r && 'b' in r) [r.a, r.b] = [r.a, r.b].sort() as [unknown, unknown];
          return JSON.stringify(r);
        })
        .sort();
    }
    return out;
  } finally {
    await client.end();
  }
}

interface Side {
  core: Core;
  url: string;
  drop(): Promise<void>;
}

async function openSide(): Promise<Side> {
  const database = await createTestDatabase();
  const core = await startCore({ databaseUrl: database.url });
  return { core, url: database.url, drop: database.drop };
}

/** Imports `files` in order into a fresh database per resolver; returns each side's canonical tables and job counts. */
async function importBoth(files: readonly { path: string; type: 'activities' | 'developers' }[]) {
  const since = new Date(Date.now() - 60_000);
  const sides = { memory: await openSide(), reference: await openSide() };
  try {
    const jobs: Record<string, unknown[]> = { memory: [], reference: [] };
    for (const file of files) {
      for (const name of ['memory', 'reference'] as const) {
        useIdentityResolver(name === 'reference' ? referenceResolveIdentities : undefined);
        const job = await importFile(sides[name].core, file.path, { type: file.type, options: { timezone: 'UTC' } });
        expect(job.status, `${name}: ${file.path}: ${job.message}`).toBe('succeeded');
        jobs[name]!.push({ inserted: job.inserted, duplicates: job.duplicates });
      }
    }
    return {
      jobs,
      memory: await canonical(sides.memory.url, since),
      reference: await canonical(sides.reference.url, since),
    };
  } finally {
    useIdentityResolver(undefined);
    for (const side of Object.values(sides)) {
      await side.core.stop();
      await side.drop();
    }
  }
}

function expectEqual(result: Awaited<ReturnType<typeof importBoth>>): void {
  expect(result.jobs.memory).toEqual(result.jobs.reference);
  for (const table of COMPARED) expect(result.memory[table], table).toEqual(result.reference[table]);
}

const HEADER = 'occurred_at,action,source,provider,handle,email,display_name,organization,source_ref';

describe('in-memory identity resolution equals the set-based reference', () => {
  let identities: string;
  let again: string;

  beforeAll(async () => {
    identities = join(dir.path, 'identities.csv');
    await writeIdentities(identities, { rows: 2_000, seed: 11 });
    // The same world's first 300 people again, through other rows: most are known by now.
    again = join(dir.path, 'identities-again.csv');
    await writeIdentities(again, { rows: 1_000, seed: 11, people: 300 });
    writeFileSync(again, readFileSync(again, 'utf8').replaceAll(',id_', ',again_'));
  });

  it('on the identities shape, imported and then met again', { timeout: 240_000 }, async () => {
    const result = await importBoth([
      { path: identities, type: 'activities' },
      { path: again, type: 'activities' },
    ]);
    expect(result.memory.developers!.length).toBeGreaterThan(300);
    expect(result.memory.developer_identifiers!.length).toBeGreaterThan(300);
    expectEqual(result);
  });

  it(
    'on hand-made edge cases: shared emails, moved accounts, folded emails, ties, domains, a re-import',
    { timeout: 240_000 },
    async () => {
      const first = writeCsv(
        dir.path,
        'edges-1.csv',
        [
          HEADER,
          // Two accounts with one email: one developer.
          '2024-03-01 10:00,view,web,github,aki,shared@acme.co.jp,Aki One,,e1',
          '2024-03-01 11:00,view,web,x,aki_x,shared@acme.co.jp,Aki Two,,e2',
          // An account whose latest email is another; its first email also arrives alone, later in the file.
          '2024-03-02 10:00,star,github,github,ben,ben1@gmail.com,Ben,,e3',
          '2024-03-03 10:00,star,github,github,ben,ben2@beta.example,Ben B,,e4',
          '2024-03-01 09:00,view,web,,,ben1@gmail.com,Ben Mail,,e5',
          '2024-03-04 10:00,view,web,github,cai,cai@old.example,Cai,,e6',
          // Width and case variants of one email.
          '2024-03-05 10:00,view,web,,,ＤＡＩ@Example.COM,Dai,,e7',
          '2024-03-05 11:00,view,web,,,dai@example.com,Dai Again,,e8',
          // Two names at the same instant: the later line's.
          '2024-03-06 10:00,view,web,github,eve,,Eve First,,e9',
          '2024-03-06 10:00,view,web,github,eve,,Eve Second,,e10',
          // An organization that claims its people's company domain; a colleague without one joins it.
          '2024-03-07 10:00,view,web,slack,U123,gus@corp.example,Gus,Gus Org,e11',
          '2024-03-07 10:00,view,web,,,hal@corp.example,Hal,,e12',
        ].join('\n') + '\n',
      );
      const second = writeCsv(
        dir.path,
        'edges-2.csv',
        [
          HEADER,
          // The account moves to another email, which also arrives alone.
          '2024-04-01 10:00,view,web,github,cai,cai@new.example,,,f1',
          '2024-04-02 10:00,view,web,,,cai@new.example,,,f2',
          '2024-04-03 10:00,view,web,,,shared@acme.co.jp,,,f3',
          '2024-04-04 10:00,view,web,x,new_x,ben2@beta.example,,,f4',
          '2024-04-05 10:00,view,web,github,aki,,Aki Renamed,Acme,f5',
          '2024-04-06 10:00,view,web,,,ivy@ivy.example,Ivy,,f6',
        ].join('\n') + '\n',
      );
      expectEqual(
        await importBoth([
          { path: first, type: 'activities' },
          { path: second, type: 'activities' },
          { path: first, type: 'activities' },
        ]),
      );
    },
  );

  it(
    'on a developers list, then activities that reach its people by account, identifier and tied identifiers',
    { timeout: 240_000 },
    async () => {
      const people = writeCsv(
        dir.path,
        'developers.csv',
        [
          'display_name,email,organization,tags,github,x,connpass,consent_analytics',
          'Fay One,fay1@fay.example,,,fayone,,,',
          'Fay Two,fay2@fay.example,,,,,,',
          'Gil,,,,gil_gh,,,',
        ].join('\n') + '\n',
      );
      const activities = writeCsv(
        dir.path,
        'after-list.csv',
        [
          HEADER,
          // An unknown account naming two listed emails, identifiers of one instant: the smaller email's developer.
          '2024-05-01 10:00,view,web,github,newfay,fay2@fay.example,,,g1',
          '2024-05-01 11:00,view,web,github,newfay,fay1@fay.example,,,g2',
          '2024-05-02 10:00,view,web,github,gil_gh,gil@gil.example,Gil G,,g3',
          '2024-05-03 10:00,view,web,,,fay2@fay.example,,,g4',
        ].join('\n') + '\n',
      );
      expectEqual(
        await importBoth([
          { path: people, type: 'developers' },
          { path: activities, type: 'activities' },
        ]),
      );
    },
  );
});
