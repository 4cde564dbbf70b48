/**
 * Upgrading a database with people in it, at 0004, to the migration that adds
 * derived.merge_keys and merge_pairs: the start that applies it fills them
 * from the existing data, so the merge suggestions answer as before the
 * update (the reference computation), and the tables equal a rebuild.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TENANT } from '../../src-main/core/db/seed';
import { checksumDifferences, derivedChecksums } from '../../bench/checksums';
import { rebuiltChecksums } from '../../bench/merges-pairs';
import { referenceSuggestions } from '../../bench/suggestions-reference';
import { importFile, queryRows, writeCsv } from '../helpers/imports';
import { call } from '../helpers/merges';
import { shippedMigrationsFrom } from '../helpers/migrations';
import { useOlderDatabase } from '../helpers/older-database';
import { DERIVED_V3_MIGRATION, undoDerivedV3Migration } from '../helpers/older-schema';

const DEVELOPERS = [
  'display_name,email,organization,github,connpass',
  'Taro Handle,,,taro-y,',
  'T. Y.,,,,Taro-Y',
  '山田 太郎,yamada@foo.example,Acme 株式会社,,',
  '山田　太郎,taro@bar.example,Acme 株式会社,,',
  'Kenji Sato,kenji.sato@alpha.example,,,',
  'K Sato,kenji.sato@beta.example,,,',
];

const older = useOlderDatabase('merge-pairs-upgrade', {
  load: async (core, dir) => {
    const job = await importFile(core, writeCsv(dir, 'developers.csv', DEVELOPERS.join('\n') + '\n'), { type: 'developers' });
    expect(job).toMatchObject({ status: 'succeeded', rejected: 0 });
  },
  undo: undoDerivedV3Migration,
});

describe('the start that adds merge_keys and merge_pairs', () => {
  it('fills them from the existing people: the suggestions are what they were', async () => {
    const { url, start } = older();
    expect(await queryRows(url, "select to_regclass('derived.merge_pairs') as t")).toEqual([{ t: null }]);
    const core = await start();
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
