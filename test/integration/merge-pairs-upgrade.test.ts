/**
 * Upgrading a database with people in it, at 0004, to the migration that adds
 * derived.merge_keys and merge_pairs: the start that applies it fills them
 * from the existing data, so the merge suggestions answer as before the
 * update (the reference computation), and the tables equal a rebuild.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../src-main/core';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { checksumDifferences, derivedChecksums } from '../../bench/checksums';
import { rebuiltChecksums } from '../../bench/merges-pairs';
import { referenceSuggestions } from '../../bench/suggestions-reference';
import { createTestDatabase } from '../helpers/database';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call } from '../helpers/merges';
import { DERIVED_V3_MIGRATION, undoDerivedV3Migration } from '../helpers/older-schema';
import { makeTempDir } from '../helpers/temp';
import { shippedMigrationsFrom } from '../helpers/migrations';

let url: string;
let drop: () => Promise<void>;
let core: Core | undefined;
const dir = makeTempDir('merge-pairs-upgrade');

const DEVELOPERS = [
  'display_name,email,organization,github,connpass',
  'Taro Handle,,,taro-y,',
  'T. Y.,,,,Taro-Y',
  '山田 太郎,yamada@foo.example,Acme 株式会社,,',
  '山田　太郎,taro@bar.example,Acme 株式会社,,',
  'Kenji Sato,kenji.sato@alpha.example,,,',
  'K Sato,kenji.sato@beta.example,,,',
];

beforeAll(async () => {
  ({ url, drop } = await createTestDatabase());
  const first = await startCore({ databaseUrl: url });
  try {
    const job = await importFile(first, writeCsv(dir.path, 'developers.csv', DEVELOPERS.join('\n') + '\n'), { type: 'developers' });
    expect(job).toMatchObject({ status: 'succeeded', rejected: 0 });
  } finally {
    await first.stop();
  }
  await undoDerivedV3Migration(url);
});
afterAll(async () => {
  await core?.stop();
  await drop?.();
  dir.remove();
});

describe('the start that adds merge_keys and merge_pairs', () => {
  it('fills them from the existing people: the suggestions are what they were', async () => {
    expect(await queryRows(url, "select to_regclass('derived.merge_pairs') as t")).toEqual([{ t: null }]);
    core = await startCore({ databaseUrl: url });
    expect(core.migrationsApplied).toEqual(shippedMigrationsFrom(DERIVED_V3_MIGRATION));
    expect(await queryRows(url, 'select count(*)::int as n from derived.merge_pairs')).toEqual([{ n: 3 }]);
    const client = new pg.Client(url);
    await client.connect();
    try {
      const expected = await referenceSuggestions(client, DEFAULT_TENANT, 100);
      expect(expected.map((s) => s.score)).toEqual([0.9, 0.8, 0.6]);
      expect(await call(core, 'merges:list-suggestions', {})).toEqual(expected);
      expect(checksumDifferences(await rebuiltChecksums(client, DEFAULT_TENANT), await derivedChecksums(client, DEFAULT_TENANT))).toEqual(
        [],
      );
    } finally {
      await client.end();
    }
  });
});
