/**
 * The merge suggestions equal the reference computation (every candidate pair
 * built, scored and sorted per request: bench/suggestions-reference.ts, the
 * implementation before derived.merge_pairs) after every kind of change that
 * can move a pair: imports of people and of activities, dismiss and snooze,
 * merges and unmerges (a group crossing MAX_GROUP both ways), profile edits
 * (name, email, organization) and organization merges and renames. The list
 * (pairs, order, survivor first, evidence, summaries) is compared at several
 * limits, the evidence a merge records for a pair too, and after each step the
 * derived tables equal what `stats:rebuild` writes.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbOn } from '../../src-main/core/db/db';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { pairEvidence } from '../../src-main/core/merges/suggestions';
import { checksumDifferences, derivedChecksums } from '../../bench/checksums';
import { rebuiltChecksums } from '../../bench/merges-pairs';
import { referencePairEvidence, referencePairs, referenceSuggestions } from '../../bench/suggestions-reference';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, developerId } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('merges-suggestions-reference');
const db = useCoreOnTestDatabase();

/** 26 people named alike at one company domain: one more than MAX_GROUP, so no pair until one leaves. */
const TEAM = Array.from({ length: 26 }, (_, i) => `Sam Lee,sam${i}@big.example,,,,`);

const DEVELOPERS = [
  'display_name,email,organization,tags,github,connpass',
  'Taro Handle,,,,taro-y,',
  'T. Y.,,,,,Taro-Y',
  '山田 太郎,yamada@foo.example,Acme 株式会社,,,',
  '山田　太郎,taro@bar.example,Acme 株式会社,,,',
  'ＹＡＭＡＤＡ Taro,t.yamada@corp.example,,,,',
  'yamada taro,yamada.t@corp.example,,,,',
  'Kenji Sato,kenji.sato@alpha.example,,,,',
  'K Sato,kenji.sato@beta.example,,,,',
  'Mika Ito,mika.ito@gamma.example,,,mikai,',
  'Mika I.,mika.ito@delta.example,,,,mikai',
  'Suzuki Hanako,hanako.s@gmail.com,,,,',
  'suzuki hanako,h.suzuki@gmail.com,,,,',
  'Info One,info@one.example,,,,',
  'Info Two,info@two.example,,,,',
  'Ab One,ab@one.example,,,,',
  'Ab Two,ab@two.example,,,,',
  '木村 誠,kimura_m@epsilon.example,,,,',
  'Misaki Kimura,kimura_m@zeta.example,,,,',
  'Hannah Anderson,anderson_h@epsilon.example,,,,',
  'Harper Anderson,anderson_h@zeta.example,,,,',
  'Ryo Mori,ryo.mori@epsilon.example,,,ryom,',
  '森 亮,ryo.mori@zeta.example,,,,ryom',
  // Same name in an organization without a domain (two company domains among its people): a name_org pair,
  // until the organization takes x-corp.example, where both are, and the fact counts once (name_domain).
  'Jun Ono,jun@x-corp.example,X Corp,,,',
  'Jun Ono,ono@x-corp.example,X Corp,,,',
  'Other Person,other@y-corp.example,X Corp,,,',
  'Lone Member,lone@x-corp.example,,,,',
  // A third name for the local-part group of three, and a handle shared on one provider only.
  'Kenji Sato,kenji.sato@gamma.example,,,,',
  'Same Provider,same1@one.example,,,same-h,',
  // No name: takes one in a merge.
  ',nameless@omega.example,,,,',
  'Nora Name,nora@omega.example,,,,',
  ...TEAM,
];

/** Activities: totals decide which of a pair is listed first; a new actor brings a handle another has. */
const ACTIVITIES = [
  'occurred_at,action,source,provider,handle,email',
  '2026-01-05 10:00,click,web,,,kenji.sato@beta.example',
  '2026-01-06 10:00,click,web,,,kenji.sato@beta.example',
  '2026-01-06 10:00,star,github,github,mikai,',
  '2026-01-07 10:00,post,blog,,,sam3@big.example',
  '2026-01-07 11:00,post,blog,,,sam4@big.example',
  '2026-01-07 12:00,post,blog,,,sam4@big.example',
  '2026-01-08 10:00,star,x,x,same-h,',
  '2026-01-08 11:00,star,github,github,nora-n,',
];

let client: pg.Client;
const id = (key: string) => developerId(db.url, key);

beforeAll(async () => {
  await call(db.core, 'settings:update', { timeZoneSetting: 'UTC' });
  const devs = await importFile(db.core, writeCsv(dir.path, 'developers.csv', DEVELOPERS.join('\n') + '\n'), { type: 'developers' });
  expect(devs).toMatchObject({ status: 'succeeded', rejected: 0 });
  client = new pg.Client(db.url);
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  dir.remove();
});

/** The app's answer equals the reference's at several limits; pair evidence too; derived rows equal a rebuild. */
async function expectReference(): Promise<number> {
  for (const limit of [1, 3, 100, 500]) {
    const listed = await call(db.core, 'merges:list-suggestions', { limit });
    expect(listed, `limit ${limit}`).toEqual(await referenceSuggestions(client, DEFAULT_TENANT, limit));
  }
  expect(await call(db.core, 'merges:list-suggestions', {})).toEqual(await referenceSuggestions(client, DEFAULT_TENANT, 100));
  // Every pair the rules see, decided or under the threshold: what a merge of it would record.
  const all = await referencePairs(client, DEFAULT_TENANT, { limit: 1000, respectDecisions: false, minScore: 0 });
  for (const pair of all.slice(0, 40)) {
    const expected = await referencePairEvidence(client, DEFAULT_TENANT, pair.a, pair.b);
    expect(await pairEvidence(dbOn(client), DEFAULT_TENANT, pair.a, pair.b)).toEqual(expected);
  }
  expect(checksumDifferences(await rebuiltChecksums(client, DEFAULT_TENANT), await derivedChecksums(client, DEFAULT_TENANT))).toEqual([]);
  return all.length;
}

describe('merge suggestions against the reference computation', () => {
  it('after importing people: every rule, groups past MAX_GROUP left out', async () => {
    const pairs = await expectReference();
    expect(pairs).toBeGreaterThan(8);
    const rules = new Set((await call(db.core, 'merges:list-suggestions', { limit: 500 })).flatMap((s) => s.evidence.map((e) => e.rule)));
    expect([...rules].sort()).toEqual(['same_email_local', 'same_handle', 'same_name_domain', 'same_name_org']);
  });

  it('after importing activities (new actors, new totals)', async () => {
    const job = await importFile(db.core, writeCsv(dir.path, 'activities.csv', ACTIVITIES.join('\n') + '\n'), { type: 'activities' });
    expect(job).toMatchObject({ status: 'succeeded', rejected: 0 });
    await expectReference();
  });

  it('after dismissing and snoozing pairs, and a snooze that ended', async () => {
    await call(db.core, 'merges:dismiss', { a: await id('kenji.sato@alpha.example'), b: await id('kenji.sato@beta.example') });
    await call(db.core, 'merges:snooze', { a: await id('t.yamada@corp.example'), b: await id('yamada.t@corp.example'), days: 30 });
    await call(db.core, 'merges:snooze', { a: await id('mika.ito@gamma.example'), b: await id('mika.ito@delta.example'), days: 3 });
    await queryRows(
      db.url,
      `update developer_merge_logs set evidence = jsonb_set(evidence, '{until}', to_jsonb('2000-01-01T00:00:00.000Z'::text))
        where evidence->>'action' = 'snooze' and evidence->>'until' < (now() + interval '10 days')::text`,
    );
    await expectReference();
  });

  it('after merges and unmerges: a group shrinking to MAX_GROUP and growing past it again, a name filled', async () => {
    const sam0 = await id('sam0@big.example');
    const sam1 = await id('sam1@big.example');
    const { mergeId } = await call(db.core, 'developers:merge', { intoId: sam0, fromId: sam1 });
    const pairs = await expectReference();
    const team = (await call(db.core, 'merges:list-suggestions', { limit: 500 })).filter((s) => s.a.displayName === 'Sam Lee');
    expect(team.length).toBeGreaterThan(0);
    expect(pairs).toBeGreaterThan(300);
    await call(db.core, 'developers:unmerge', { mergeId });
    await expectReference();
    // The nameless record takes Nora's name: it joins her name groups.
    await call(db.core, 'developers:merge', { intoId: await id('nameless@omega.example'), fromId: await id('github:nora-n') });
    await call(db.core, 'developers:merge', { intoId: await id('github:taro-y'), fromId: await id('connpass:taro-y') });
    await expectReference();
  });

  it('after profile edits: name, primary email, organization', async () => {
    // An initial agrees with Harper: the local part is no longer contradicted.
    await call(db.core, 'developers:update', { developerId: await id('anderson_h@epsilon.example'), displayName: 'H Anderson' });
    await call(db.core, 'developers:update', { developerId: await id('same1@one.example'), primaryEmail: 'ryo.mori@theta.example' });
    await call(db.core, 'developers:update', { developerId: await id('kenji.sato@gamma.example'), organization: 'Acme 株式会社' });
    await call(db.core, 'developers:update', { developerId: await id('taro@bar.example'), organization: '' });
    await call(db.core, 'developers:update', { developerId: await id('kenji.sato@alpha.example'), displayName: '' });
    await expectReference();
  });

  it('after organization merges (a domain taken) and renames', async () => {
    const orgs = await queryRows<{ org_id: string; name: string }>(db.url, 'select org_id, name from organizations');
    const org = (name: string) => orgs.find((o) => o.name === name)!.org_id;
    await call(db.core, 'organizations:merge', { intoId: org('X Corp'), fromId: org('x-corp.example') });
    await expectReference();
    await call(db.core, 'organizations:rename', { orgId: org('Acme 株式会社'), name: 'Acme Holdings' });
    await expectReference();
  });
});
