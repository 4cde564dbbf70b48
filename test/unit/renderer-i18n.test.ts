import { describe, expect, it } from 'vitest';
import en from '../../src-renderer/src/i18n/en';
import ja from '../../src-renderer/src/i18n/ja';
import { detectLanguage } from '../../src-renderer/src/i18n/language';

/** Every leaf as `path → value`, so key sets and values can be compared across languages. */
function leaves(tree: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'object' && value !== null) {
      for (const [p, v] of leaves(value, path)) out.set(p, v);
    } else {
      out.set(path, value);
    }
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  const english = leaves(en);
  const japanese = leaves(ja);

  it('have exactly the same keys in Japanese as in English', () => {
    expect([...japanese.keys()].sort()).toEqual([...english.keys()].sort());
  });

  it('have no empty or non-string values', () => {
    for (const [lang, table] of [
      ['en', english],
      ['ja', japanese],
    ] as const) {
      for (const [key, value] of table) {
        expect(typeof value, `${lang}:${key}`).toBe('string');
        expect((value as string).trim(), `${lang}:${key}`).not.toBe('');
      }
    }
  });

  it('use the same interpolation placeholders in both languages', () => {
    for (const [key, value] of english) {
      expect(placeholders(japanese.get(key) as string), key).toEqual(placeholders(value as string));
    }
  });

  it('name the pages as a Japanese product would', () => {
    expect(ja.nav).toEqual({
      overview: '概要',
      developers: '開発者',
      organizations: '組織',
      merges: '統合候補',
      campaigns: 'キャンペーン',
      shortlinks: '短縮リンク',
      resources: 'リソース',
      funnel: 'ファネル',
      import: 'インポート',
      settings: '設定',
      status: 'ステータス',
    });
    expect(ja.status.tables).toBe('テーブル');
  });
});

describe('detectLanguage', () => {
  it('follows an explicit, stored choice first', () => {
    expect(detectLanguage('en', ['ja-JP'])).toBe('en');
    expect(detectLanguage('ja', ['en-US'])).toBe('ja');
  });

  it('ignores a stored value that is not a language we ship', () => {
    expect(detectLanguage('fr', ['ja'])).toBe('ja');
  });

  it('maps any Japanese OS language to Japanese', () => {
    expect(detectLanguage(null, ['ja'])).toBe('ja');
    expect(detectLanguage(null, ['ja-JP', 'en-US'])).toBe('ja');
    expect(detectLanguage(null, ['JA-jp'])).toBe('ja');
  });

  it('takes the first shipped language in the user’s order, else English', () => {
    expect(detectLanguage(null, ['fr-FR', 'ja-JP'])).toBe('ja');
    expect(detectLanguage(null, ['en-GB', 'ja'])).toBe('en');
    expect(detectLanguage(null, ['de-DE', 'fr'])).toBe('en');
    expect(detectLanguage(null, [])).toBe('en');
  });
});
