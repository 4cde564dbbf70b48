import { describe, expect, it } from 'vitest';
import { connpassEventIdFromFileName } from '../../src-main/core/imports/formats/connpass';
import { formatOf, importFormats } from '../../src-main/core/imports/formats/index';
import { normaliseHeader, recognisePreset, suggestMapping, uniqueHeaders } from '../../src-main/core/imports/parse/headers';
import { describeImportProblem } from '../../src-shared/import-errors';
import { createRowContext, ImportSetupError, resolveMapping } from '../../src-main/core/imports/parse/row-context';

describe('normaliseHeader', () => {
  it('ignores case, width, spaces, _ and -', () => {
    for (const h of ['Occurred At', 'occurred-at', 'OCCURRED_AT', 'occurredAt', 'ｏｃｃｕｒｒｅｄ＿ａｔ', ' occurred  at ']) {
      expect(normaliseHeader(h)).toBe('occurredat');
    }
    expect(normaliseHeader('メール アドレス')).toBe('メールアドレス');
  });
});

describe('suggestMapping', () => {
  it('matches the template headers whatever their spelling', () => {
    expect(suggestMapping('activities', ['Occurred At', 'action', 'Source', 'E-Mail', 'utm-campaign', 'note'])).toEqual({
      occurred_at: 'Occurred At',
      action: 'action',
      source: 'Source',
      email: 'E-Mail',
      utm_campaign: 'utm-campaign',
    });
    expect(suggestMapping('activities', ['occurred-at', 'ACTION'])).toEqual({ occurred_at: 'occurred-at', action: 'ACTION' });
  });

  it('matches Japanese aliases', () => {
    expect(suggestMapping('activities', ['日時', 'アクション', 'メールアドレス', '氏名', '所属', 'キャンペーン'])).toEqual({
      occurred_at: '日時',
      action: 'アクション',
      email: 'メールアドレス',
      display_name: '氏名',
      organization: '所属',
      campaign: 'キャンペーン',
    });
    expect(suggestMapping('developers', ['名前', 'メール', '会社', 'タグ'])).toEqual({
      display_name: '名前',
      email: 'メール',
      organization: '会社',
      tags: 'タグ',
    });
    expect(suggestMapping('budgets', ['キャンペーン', 'カテゴリ', '金額', '通貨', '支出日', 'メモ'])).toEqual({
      campaign: 'キャンペーン',
      category: 'カテゴリ',
      amount: '金額',
      currency: '通貨',
      spent_at: '支出日',
      memo: 'メモ',
    });
    expect(suggestMapping('developers', ['表示名', 'GitHub'])).toEqual({ display_name: '表示名', github: 'GitHub' });
  });

  it('prefers a header named like the field over an alias, and gives each header to one field', () => {
    expect(suggestMapping('activities', ['name', 'display_name'])).toEqual({ display_name: 'display_name' });
    const m = suggestMapping('activities', ['date', 'occurred_at', 'action']);
    expect(m.occurred_at).toBe('occurred_at');
    expect(Object.values(m).filter((h) => h === 'date')).toHaveLength(0);
  });

  it('finds connpass columns by name in any order and leaves survey columns unmapped', () => {
    expect(
      suggestMapping('connpass', ['受付番号', '更新日時', 'ユーザー名', '参加ステータス', '所属を教えてください', '表示名', '参加枠名']),
    ).toEqual({
      receipt_number: '受付番号',
      updated_at: '更新日時',
      username: 'ユーザー名',
      participation_status: '参加ステータス',
      display_name: '表示名',
      ticket_name: '参加枠名',
    });
  });
});

describe('recognisePreset', () => {
  it.each([
    [['参加枠名', 'ユーザー名', '表示名', '利用ID', '参加ステータス', '出欠ステータス', '更新日時', '受付番号'], 'connpass'],
    [['受付番号', 'ユーザー名', '参加ステータス', '参加枠名'], 'connpass'],
    // The three shapes connpass exports (issue 11, defect 18): with survey questions, and without any status.
    [['参加枠名', 'ユーザー名', '表示名', 'コメント', '参加ステータス', '出欠ステータス', '更新日時', '受付番号'], 'connpass'],
    [
      [
        '参加枠名',
        'ユーザー名',
        '表示名',
        '利用開始日',
        'コメント',
        '参加ステータス',
        '出欠ステータス',
        '出席日時',
        'Q1',
        'Q2',
        '更新日時',
        '受付番号',
      ],
      'connpass',
    ],
    [['参加枠名', 'ユーザー名', '所属を教えてください', '今回の目的', '更新日時', '受付番号'], 'connpass'],
    [['login', 'id', 'starred_at', 'repo'], 'github-stars'],
    [['username', 'starred_at'], 'github-stars'],
    [['username', 'email', 'status', 'billing-active', 'has-2fa', 'has-sso', 'userid', 'fullname', 'displayname'], 'slack-members'],
    [['campaign', 'category', 'amount', 'currency', 'spent_at', 'memo'], 'budgets'],
    [['キャンペーン', '金額', '支出日'], 'budgets'],
    [['name', 'channel', 'start_date', 'end_date', 'budget_total', 'utm_campaign'], 'campaigns'],
    [['キャンペーン名', '開始日'], 'campaigns'],
    [['display_name', 'email', 'organization', 'tags', 'github', 'x'], 'developers'],
    [['氏名', 'メール', '所属'], 'developers'],
    [['email', 'github'], 'developers'],
    [['occurred_at', 'action', 'source', 'email'], 'activities'],
    [['Occurred At', 'Action', 'E-mail'], 'activities'],
    [['日時', 'アクション', 'メール'], 'activities'],
  ])('%j → %s', (headers, type) => {
    expect(recognisePreset(headers)).toBe(type);
  });

  it('does not take a timed file for developers or campaigns', () => {
    expect(recognisePreset(['occurred_at', 'display_name', 'email'])).toBeUndefined();
    expect(recognisePreset(['occurred_at', 'name', 'channel'])).toBeUndefined();
    expect(recognisePreset(['action', 'email', 'github'])).toBeUndefined();
  });

  it('returns undefined for an unknown header set', () => {
    expect(recognisePreset(['foo', 'bar', 'baz'])).toBeUndefined();
    expect(recognisePreset([])).toBeUndefined();
  });

  it('recognises a connpass export from its file name', () => {
    expect(recognisePreset(['ユーザー名', '表示名'], 'event_123456_participants.csv')).toBe('connpass');
    expect(recognisePreset(['ユーザー名', '表示名'], 'participants.csv')).toBeUndefined();
    expect(connpassEventIdFromFileName('/tmp/x/event_123456_participants.csv')).toBe('123456');
    expect(connpassEventIdFromFileName('C:\\Users\\haru\\Downloads\\event_42_participants (1).csv')).toBe('42');
    expect(connpassEventIdFromFileName('event_abc_participants.csv')).toBeUndefined();
  });
});

describe('uniqueHeaders', () => {
  it('trims, names blanks by position and numbers repeats', () => {
    expect(uniqueHeaders([' email ', '', 'メモ', 'メモ', 'メモ'])).toEqual(['email', 'column 2', 'メモ', 'メモ (2)', 'メモ (3)']);
  });
});

describe('the fields of each format', () => {
  it('describes every import type with its required fields', () => {
    for (const format of importFormats()) expect(format.fields.length).toBeGreaterThan(0);
    const required = (type: string) =>
      formatOf(type)
        .fields.filter((f) => f.required)
        .map((f) => f.name);
    expect(required('activities')).toEqual(['occurred_at', 'action']);
    expect(required('budgets')).toEqual(['campaign', 'amount', 'spent_at']);
    expect(required('campaigns')).toEqual(['name']);
    expect(required('github-stars')).toEqual(['login', 'starred_at']);
  });
});

describe('resolveMapping', () => {
  const headers = ['Occurred At', 'action', 'email'];

  it('finds mapped headers exactly or by the same normalisation', () => {
    const { columns, problems } = resolveMapping('activities', { occurred_at: 'occurred_at', action: 'action', email: 'email' }, headers, {
      source: 'web',
    });
    expect(problems).toEqual([]);
    expect(columns.get('occurred_at')).toBe('Occurred At');
  });

  it('uses the suggestion for an empty mapping', () => {
    const { columns } = resolveMapping('activities', {}, headers, { source: 'web' });
    expect([...columns.entries()]).toEqual([
      ['occurred_at', 'Occurred At'],
      ['action', 'action'],
      ['email', 'email'],
    ]);
  });

  it('lists every problem at once', () => {
    const { problems } = resolveMapping('activities', { occurred_at: 'when', colour: 'email' }, headers);
    expect(problems.map(describeImportProblem)).toEqual([
      'the file has no column "when" (mapped to occurred_at)',
      '"colour" is not a field of activities imports',
      'no column for the required field occurred_at',
      'no column for the required field action',
      'no column for source and no source given for the import',
    ]);
  });

  it('createRowContext throws them together, with a bad zone', () => {
    const input = {
      type: 'activities' as const,
      mapping: { action: 'action' },
      options: { timezone: 'Mars/Base' },
      filePath: '/tmp/a.csv',
    };
    const thrown = (() => {
      try {
        createRowContext(input, headers);
      } catch (err) {
        return err;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(ImportSetupError);
    expect((thrown as ImportSetupError).problems.map(describeImportProblem)).toEqual([
      'no column for the required field occurred_at',
      'no column for source and no source given for the import',
      'unknown time zone "Mars/Base" (use an IANA name such as Asia/Tokyo)',
    ]);
  });

  it('keeps unmapped headers for metadata', () => {
    const ctx = createRowContext(
      { type: 'activities', mapping: { occurred_at: 'Occurred At', action: 'action' }, options: { source: 'web' }, filePath: '/tmp/a.csv' },
      headers,
    );
    expect(ctx.unmapped).toEqual(['email']);
  });
});
