/**
 * Merge suggestions on a real database: each rule of DESIGN.md (Japanese
 * names in full- and half-width forms included), nothing for unrelated
 * people or shared free-mail domains, and dismiss/snooze remembered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MergeSuggestion } from '../../src-shared/contract/merges';
import { useCoreOnTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call, callError, developerId } from '../helpers/merges';
import { makeTempDir } from '../helpers/temp';

const dir = makeTempDir('merges');
const db = useCoreOnTestDatabase();
afterAll(() => dir.remove());

const DEVELOPERS = [
  'display_name,email,organization,tags,github,connpass',
  // same handle on two providers (0.9)
  'Taro Handle,,,,taro-y,',
  'T. Y.,,,,,Taro-Y',
  // same normalised name, same organization (0.8): a full-width space against a half-width one
  '山田 太郎,yamada@foo.example,Acme 株式会社,,,',
  '山田　太郎,taro@bar.example,Acme 株式会社,,,',
  // same normalised name, same company domain (0.7): full-width letters against ASCII
  'ＹＡＭＡＤＡ Taro,t.yamada@corp.example,,,,',
  'yamada taro,yamada.t@corp.example,,,,',
  // same email local part across domains (0.6)
  'Kenji Sato,kenji.sato@alpha.example,,,,',
  'K Sato,kenji.sato@beta.example,,,,',
  // two rules on one pair: handle and local part (1 - 0.1 × 0.4 = 0.96)
  'Mika Ito,mika.ito@gamma.example,,,mikai,',
  'Mika I.,mika.ito@delta.example,,,,mikai',
  // none of these: same name on a free-mail domain, generic and short local parts, unrelated people
  'Suzuki Hanako,hanako.s@gmail.com,,,,',
  'suzuki hanako,h.suzuki@gmail.com,,,,',
  'Info One,info@one.example,,,,',
  'Info Two,info@two.example,,,,',
  'Ab One,ab@one.example,,,,',
  'Ab Two,ab@two.example,,,,',
  'Alice,alice@one.example,Acme 株式会社,,,',
  'Bob,bob@two.example,Acme 株式会社,,,',
  // a local part the names contradict (issue 11): two people, however alike their addresses
  '木村 誠,kimura_m@epsilon.example,,,,',
  'Misaki Kimura,kimura_m@zeta.example,,,,',
  'Hannah Anderson,anderson_h@epsilon.example,,,,',
  'Harper Anderson,anderson_h@zeta.example,,,,',
  // the same pairs with a second rule: the contradicted local part still counts, weakly (1 - 0.1 × 0.7 = 0.93)
  'Ryo Mori,ryo.mori@epsilon.example,,,ryom,',
  '森 亮,ryo.mori@zeta.example,,,,ryom',
];

type Pair = [string, string];
const key = (s: MergeSuggestion) => [s.a.developerId, s.b.developerId].sort().join('|');
const pairKey = (p: Pair) => [...p].sort().join('|');

let ids: Record<string, string>;
let handlePair: Pair, nameOrgPair: Pair, nameDomainPair: Pair, localPair: Pair, mikaPair: Pair, moriPair: Pair;

beforeAll(async () => {
  const file = writeCsv(dir.path, 'developers.csv', DEVELOPERS.join('\n') + '\n');
  const job = await importFile(db.core, file, { type: 'developers' });
  expect(job).toMatchObject({ status: 'succeeded', rejected: 0 });
  ids = {};
  for (const k of [
    'github:taro-y',
    'connpass:taro-y',
    'yamada@foo.example',
    'taro@bar.example',
    't.yamada@corp.example',
    'yamada.t@corp.example',
    'kenji.sato@alpha.example',
    'kenji.sato@beta.example',
    'mika.ito@gamma.example',
    'mika.ito@delta.example',
    'ryo.mori@epsilon.example',
    'ryo.mori@zeta.example',
  ]) {
    ids[k] = await developerId(db.url, k);
  }
  handlePair = [ids['github:taro-y']!, ids['connpass:taro-y']!];
  nameOrgPair = [ids['yamada@foo.example']!, ids['taro@bar.example']!];
  nameDomainPair = [ids['t.yamada@corp.example']!, ids['yamada.t@corp.example']!];
  localPair = [ids['kenji.sato@alpha.example']!, ids['kenji.sato@beta.example']!];
  mikaPair = [ids['mika.ito@gamma.example']!, ids['mika.ito@delta.example']!];
  moriPair = [ids['ryo.mori@epsilon.example']!, ids['ryo.mori@zeta.example']!];
});

const suggestions = () => call(db.core, 'merges:list-suggestions', {});

describe('merge suggestions', () => {
  it('finds each rule once, best score first, and nothing for unrelated people or free mail', async () => {
    const list = await suggestions();
    expect(list.map((s) => [key(s), s.score])).toEqual([
      [pairKey(mikaPair), 0.96],
      [pairKey(moriPair), 0.93],
      [pairKey(handlePair), 0.9],
      [pairKey(nameOrgPair), 0.8],
      [pairKey(nameDomainPair), 0.7],
      [pairKey(localPair), 0.6],
    ]);
  });

  it('scores a local part below the threshold when the names contradict it (木村 誠 / Misaki Kimura, Hannah / Harper Anderson)', async () => {
    const names = (await suggestions()).map((s) => [s.a.displayName, s.b.displayName].sort().join(' / '));
    expect(names).not.toContain('Misaki Kimura / 木村 誠');
    expect(names).not.toContain('Hannah Anderson / Harper Anderson');
    // An initial agrees with the name it abbreviates: Kenji Sato / K Sato stays at 0.6 (above).
    expect(names).toContain('K Sato / Kenji Sato');
  });

  it('gives each pair its evidence and a side-by-side summary', async () => {
    const byKey = new Map((await suggestions()).map((s) => [key(s), s]));
    const handle = byKey.get(pairKey(handlePair))!;
    expect(handle.evidence).toEqual([
      { rule: 'same_handle', detail: expect.stringMatching(/connpass:taro-y = github:taro-y|github:taro-y = connpass:taro-y/) },
    ]);
    const accounts = [...handle.a.accounts, ...handle.b.accounts].sort((x, y) => x.provider.localeCompare(y.provider));
    expect(accounts).toEqual([
      { provider: 'connpass', handle: 'taro-y' },
      { provider: 'github', handle: 'taro-y' },
    ]);

    const nameOrg = byKey.get(pairKey(nameOrgPair))!;
    expect(nameOrg.evidence.map((e) => e.rule)).toEqual(['same_name_org']);
    expect(nameOrg.evidence[0]!.detail).toContain('Acme 株式会社');
    expect([nameOrg.a.displayName, nameOrg.b.displayName].sort()).toEqual(['山田 太郎', '山田　太郎']);
    expect(nameOrg.a).toMatchObject({ organization: 'Acme 株式会社' });

    const nameDomain = byKey.get(pairKey(nameDomainPair))!;
    expect(nameDomain.evidence).toEqual([{ rule: 'same_name_domain', detail: expect.stringContaining('@corp.example') }]);
    expect([nameDomain.a.primaryEmail, nameDomain.b.primaryEmail].sort()).toEqual(['t.yamada@corp.example', 'yamada.t@corp.example']);

    expect(byKey.get(pairKey(localPair))!.evidence).toEqual([{ rule: 'same_email_local', detail: expect.stringContaining('kenji.sato@') }]);
    // Several rules on one pair: all evidence, strongest first.
    expect(byKey.get(pairKey(mikaPair))!.evidence.map((e) => e.rule)).toEqual(['same_handle', 'same_email_local']);
  });

  it('honours the limit', async () => {
    const two = await call(db.core, 'merges:list-suggestions', { limit: 2 });
    expect(two.map(key)).toEqual([pairKey(mikaPair), pairKey(moriPair)]);
    const error = await callError(db.core, 'merges:list-suggestions', { limit: 501 });
    expect(error.code).toBe('BAD_INPUT');
  });

  it('forgets a dismissed pair for good, and records the decision', async () => {
    expect(await call(db.core, 'merges:dismiss', { a: localPair[1], b: localPair[0] })).toEqual({ dismissed: true });
    expect((await suggestions()).map(key)).not.toContain(pairKey(localPair));
    // Twice is once.
    await call(db.core, 'merges:dismiss', { a: localPair[0], b: localPair[1] });
    const rows = await queryRows<{ into_developer_id: string; from_developer_id: string; evidence: { action: string } }>(
      db.url,
      `select into_developer_id, from_developer_id, evidence from developer_merge_logs where evidence->>'action' = 'dismiss'`,
    );
    expect(rows).toEqual([
      { into_developer_id: [...localPair].sort()[0], from_developer_id: [...localPair].sort()[1], evidence: { action: 'dismiss' } },
    ]);
    // A dismissal hides nobody: both still appear in lists (they are not merged away).
    expect((await suggestions()).length).toBe(5);
  });

  it('hides a snoozed pair until the date, then shows it again', async () => {
    const { until } = await call(db.core, 'merges:snooze', { a: nameDomainPair[0], b: nameDomainPair[1], days: 30 });
    const days = (Date.parse(until) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);
    expect((await suggestions()).map(key)).not.toContain(pairKey(nameDomainPair));
    // Time passes: the snooze ends.
    await queryRows(
      db.url,
      `update developer_merge_logs set evidence = jsonb_set(evidence, '{until}', to_jsonb('2000-01-01T00:00:00.000Z'::text))
        where evidence->>'action' = 'snooze'`,
    );
    expect((await suggestions()).map(key)).toContain(pairKey(nameDomainPair));
  });

  it('refuses decisions about one developer or unknown ones', async () => {
    expect((await callError(db.core, 'merges:dismiss', { a: handlePair[0], b: handlePair[0] })).code).toBe('BAD_INPUT');
    const unknown = await callError(db.core, 'merges:snooze', { a: handlePair[0], b: '00000000-0000-4000-8000-000000000000', days: 1 });
    expect(unknown.code).toBe('NOT_FOUND');
    expect((await callError(db.core, 'merges:snooze', { a: handlePair[0], b: handlePair[1], days: 0 })).code).toBe('BAD_INPUT');
  });

  it('leaves out a merged pair and the merged-away developer, and brings them back on unmerge', async () => {
    const { mergeId } = await call(db.core, 'developers:merge', { intoId: handlePair[0], fromId: handlePair[1] });
    const after = await suggestions();
    expect(after.map(key)).not.toContain(pairKey(handlePair));
    expect(after.flatMap((s) => [s.a.developerId, s.b.developerId])).not.toContain(handlePair[1]);
    await call(db.core, 'developers:unmerge', { mergeId });
    expect((await suggestions()).map(key)).toContain(pairKey(handlePair));
  });
});
