/**
 * The identity folds exist twice, in TypeScript (query side, imports) and in
 * SQL (set-based writers): on the same text they must give the same key, or
 * a search typed by a user misses what the database stored.
 */
import { describe, expect, it } from 'vitest';
import {
  emailKey,
  emailKeySql,
  fold,
  foldAsciiFastSql,
  foldSql,
  nameKey,
  nameKeySql,
  searchKey,
  searchKeySql,
} from '../../src-main/core/identity/normalise';
import { useClientOnTestDatabase } from '../helpers/database';

const SAMPLES = [
  'ＹＡＭＡＤＡ Taro',
  'Taro Yamada',
  'ﾀﾛｳ',
  '山田　太郎',
  'taro\tyamada\n',
  '  Taro.Yamada@Example.COM ',
  'ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ',
  'Ünïcödé Straße',
  '',
  '①②③',
];

const db = useClientOnTestDatabase();

/** Each sample folded by `sql` in the database, in order. */
async function inSql(sql: (expr: string) => string): Promise<string[]> {
  const { rows } = await db.client.query<{ key: string }>(
    `select ${sql('s.v')} as key from unnest($1::text[]) with ordinality as s(v, n) order by s.n`,
    [SAMPLES],
  );
  return rows.map((r) => r.key);
}

describe('identity folds', () => {
  it('fold and the name key agree between TypeScript and SQL', async () => {
    expect(await inSql(foldSql)).toEqual(SAMPLES.map(fold));
    expect(await inSql(nameKeySql)).toEqual(SAMPLES.map(nameKey));
    expect(nameKey('ＹＡＭＡＤＡ Taro')).toBe('yamadataro');
    expect(nameKey('山田　太郎')).toBe('山田太郎');
  });

  it('the search key takes its ASCII shortcut without changing a key', async () => {
    expect(await inSql(searchKeySql)).toEqual(SAMPLES.map(searchKey));
    expect(searchKey('ＴＡＲＯ')).toBe('taro');
  });

  it('the fold with the ASCII shortcut gives every text the fold', async () => {
    expect(await inSql(foldAsciiFastSql)).toEqual(SAMPLES.map(fold));
    expect(await inSql(foldAsciiFastSql)).toEqual(await inSql(foldSql));
  });

  it('emails fold as identity resolution compares them', async () => {
    expect(await inSql(emailKeySql)).toEqual(SAMPLES.map(emailKey));
    expect(emailKey('ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toBe('taro@example.com');
  });
});
