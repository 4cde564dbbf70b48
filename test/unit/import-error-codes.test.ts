/**
 * Import errors as codes with params (issue 11, defect 2): one catalogue, an
 * English text per code that the core and the CLI keep, a Japanese one the
 * renderer shows in the table and in the downloaded CSV, and no reason the
 * core makes up outside the catalogue.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { describeImportProblem, importErrorCodes, importErrorText, isImportErrorCode } from '../../src-shared/import-errors';
import en from '../../src-renderer/src/i18n/en';
import ja from '../../src-renderer/src/i18n/ja';
import { errorReason } from '../../src-renderer/src/pages/import/error-reason';
import { errorsToCsv } from '../../src-renderer/src/pages/import/error-csv';
import { raggedRow } from '../../src-main/core/imports/parse/rows';
import type { RowOutcome } from '../../src-main/core/imports/types';
import { row } from '../helpers/rows';
import { connpass } from '../../src-main/core/imports/formats/connpass';
import type { ImportProblem } from '../../src-shared/import-errors';

const i18n = createInstance();
await i18n.init({ lng: 'ja', resources: { en: { translation: en }, ja: { translation: ja } }, interpolation: { escapeValue: false } });
const tJa = i18n.getFixedT('ja');
const tEn = i18n.getFixedT('en');

/** Bad rows of every format, between them most of the catalogue's row codes. */
const badRows: RowOutcome[] = [
  row(
    'activities',
    { occurred_at: '2024-02-30', action: '', email: 'nobody', resource_title: 'Talk', resource_url: 'nope' },
    { source: 'x' },
  ),
  row('activities', { occurred_at: '2024-05-01', action: 'click', email: 'a@example.com', resource_title: 'Talk' }, { source: 'x' }),
  row('activities', { occurred_at: 'soon', action: 'click', source: 'web', handle: 'a b' }),
  row('activities', { occurred_at: '2024-05-01', action: 'click', source: '', display_name: 'Nobody' }),
  row('activities', { occurred_at: '2024-13-01 25:00', action: 'click', email: 'a@example.com' }, { source: 'web' }),
  row('developers', { display_name: 'Haru', consent_analytics: 'maybe' }),
  row('developers', { email: 'a b@example.com', github: ' ' }),
  row('campaigns', { name: '', start_date: '2024-05-03', end_date: '2024-05-01', budget_total: '-5' }),
  row('budgets', { campaign: 'Ads', category: 'food', amount: '1,23', currency: 'JP', spent_at: '0001-01-01' }),
  row('budgets', { campaign: 'Ads', amount: '¥1,000', currency: 'USD', spent_at: 'someday' }),
  row('budgets', { campaign: 'Ads', amount: '1.234567', spent_at: '2024-05-01' }),
  row('github-stars', { login: '', id: 'abc', starred_at: 'soon' }),
  row('slack-members', { userid: '', username: 'x', email: 'x' }),
  row('connpass', { 参加枠名: 'A', ユーザー名: '', 表示名: 'A', 参加ステータス: '', 更新日時: '昨日' }, { eventId: '1' }),
  raggedRow(['a', 'b'], 3, 9, ','),
];
const rowErrors = badRows.flatMap((o) => (o.status === 'error' ? o.errors : []));

describe('the catalogue of import errors', () => {
  it('has English and Japanese text for every code, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();
    for (const code of importErrorCodes) {
      expect(en.imports.rowErrors[code], code).toBe(importErrorText[code]);
      const japanese = ja.imports.rowErrors[code];
      expect(japanese, code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
      expect(placeholders(japanese), code).toEqual(placeholders(importErrorText[code]));
    }
    expect(Object.keys(ja.imports.rowErrors).sort()).toEqual([...importErrorCodes].sort());
  });

  it('is where every row error of the core comes from: a known code, its params, and its English text as the reason', () => {
    expect(rowErrors.length).toBeGreaterThan(25);
    for (const error of rowErrors) {
      expect(isImportErrorCode(error.code), JSON.stringify(error)).toBe(true);
      expect(error.reason).toBe(describeImportProblem(error));
      expect(error.reason, JSON.stringify(error)).not.toMatch(/\{\{/);
    }
    expect(new Set(rowErrors.map((e) => e.code)).size).toBeGreaterThan(20);
  });

  it('leaves no free-text reason in the core: problems are made only from codes', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
      });
    const offenders: string[] = [];
    for (const file of files('src-main/core/imports')) {
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // A skipped row's reason (a bot, a deleted user) is no error; anything else with a written reason is.
          // A code such as 'not-text' has no space; a sentence does.
          if (/\breason: ['`][^'`]*\s/.test(line) && !line.includes("status: 'skipped'"))
            offenders.push(`${file}:${i + 1}: ${line.trim()}`);
          if (/\b(fail|failField|failRow)\(\s*['`][^'`]*\s/.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
          if (/problems\.push\(\s*['`]/.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});

describe('errors in the UI language', () => {
  const companion = { code: 'companion-required', params: { field: 'resource_category', when: 'resource_title' }, reason: 'x' };

  it('translates a code with its params, in Japanese and in English', () => {
    expect(errorReason(tJa, companion)).toBe('resource_title があるときは resource_category が必須です');
    expect(errorReason(tEn, companion)).toBe('resource_category is required when resource_title is given');
    const datetime = rowErrors.find((e) => e.code === 'datetime')!;
    expect(errorReason(tJa, datetime)).toMatch(/^日時として読めません/);
  });

  it('translates an option that cannot be read whole: its label and the inner problem too', () => {
    const problems: ImportProblem[] = [];
    connpass.setup!(
      { columns: new Map(), options: { eventId: '1', eventDate: 'next friday' }, zone: 'Asia/Tokyo', filePath: 'x.csv', now: 0 },
      problems,
    );
    const problem = { ...problems[0]!, reason: describeImportProblem(problems[0]!) };
    expect(problem.code).toBe('option-invalid');
    expect(problem.reason).toMatch(/^event date "next friday": expected a date/);
    const ja = errorReason(tJa, problem);
    expect(ja).toMatch(/^イベント日時「next friday」を読めません: 日時として読めません/);
    expect(ja).not.toMatch(/expected|event date/);
    expect(errorReason(tEn, problem)).toMatch(/^Event date and time "next friday": expected a date/);
  });

  it('shows the stored English reason of an older job (no code) or of a code it does not know', () => {
    expect(errorReason(tJa, { reason: 'action is required' })).toBe('action is required');
    expect(errorReason(tJa, { code: 'from-the-future', params: {}, reason: 'a newer reason' })).toBe('a newer reason');
  });

  it('writes the downloaded CSV in the UI language', () => {
    const csv = errorsToCsv([{ line: 7, column: 'resource_title', ...companion, value: 'Talk' }], ['行番号', '列', '理由', '値'], (error) =>
      errorReason(tJa, error),
    );
    expect(csv).toContain('7,resource_title,resource_title があるときは resource_category が必須です,Talk');
  });
});
