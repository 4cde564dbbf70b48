/**
 * Rows of the app's own formats (activities, developers, campaigns, budgets) through the
 * row parser: records built, values normalised, every bad cell reported.
 */
import { describe, expect, it } from 'vitest';
import { at, codes, errors, record, row } from '../helpers/rows';

/** An activity row with the required fields, for the activity tests to add to. */
const click = { occurred_at: '2024-05-01 10:00', action: 'Click', source: 'Web' };

describe('activities', () => {
  it('builds a full record', () => {
    const r = record(
      row('activities', {
        ...click,
        provider: 'GitHub',
        handle: '@OctoCat',
        email: ' Octo@Example.com ',
        display_name: '山田 太郎',
        organization: 'Example',
        resource_category: 'Blog',
        resource_title: 'Hello',
        resource_url: 'https://example.com/hello',
        resource_external_id: 'post-1',
        resource_group: 'tech-blog',
        campaign: 'Spring',
        source_ref: 'ga:123',
        utm_source: 'x',
        utm_medium: 'social',
        utm_campaign: 'spring24',
        'Browser Language': 'ja',
        'empty extra': ' ',
      }),
    );
    expect(r).toStrictEqual({
      kind: 'activity',
      line: 7,
      occurredAt: at('2024-05-01T01:00:00Z'),
      action: 'click',
      source: 'web',
      sourceRef: 'ga:123',
      actor: {
        provider: 'github',
        handle: 'octocat',
        externalUserId: 'octocat',
        email: 'octo@example.com',
        displayName: '山田 太郎',
        organization: 'Example',
      },
      resource: { category: 'blog', title: 'Hello', url: 'https://example.com/hello', externalId: 'post-1', group: 'tech-blog' },
      campaign: 'Spring',
      utmSource: 'x',
      utmMedium: 'social',
      utmCampaign: 'spring24',
      metadata: { 'Browser Language': 'ja' },
    });
  });

  it('keeps the case of a handle on a case-sensitive service as its external id', () => {
    const r = record(row('activities', { ...click, provider: 'slack', handle: 'Haru.T' }));
    expect(r.kind === 'activity' && r.actor).toStrictEqual({ provider: 'slack', handle: 'Haru.T', externalUserId: 'Haru.T' });
  });

  it('prefers an explicit external id, kept exactly unless it is the handle of a case-insensitive service', () => {
    const opaque = record(row('activities', { ...click, provider: 'github', external_user_id: 'MDQ6VXNlcjU4MzIzMQ==', handle: 'OctoCat' }));
    expect(opaque.kind === 'activity' && opaque.actor).toStrictEqual({
      provider: 'github',
      externalUserId: 'MDQ6VXNlcjU4MzIzMQ==',
      handle: 'octocat',
    });
    const handleAsId = record(row('activities', { ...click, provider: 'x', external_user_id: 'JackD', handle: '@jackd' }));
    expect(handleAsId.kind === 'activity' && handleAsId.actor).toStrictEqual({ provider: 'x', externalUserId: 'jackd', handle: 'jackd' });
  });

  it('accepts an anonymous actor and a bare URL as a link', () => {
    const r = record(row('activities', { ...click, anon_id: 'c-42', resource_url: 'https://ex.com/a' }));
    expect(r.kind === 'activity' && [r.actor, r.resource]).toStrictEqual([
      { anonId: 'c-42' },
      { category: 'link', url: 'https://ex.com/a' },
    ]);
  });

  it('takes source and campaign from the options when the row has none, the row winning otherwise', () => {
    const cells = { occurred_at: '2024-05-01T10:00:00Z', action: 'view', email: 'a@example.com', source: '', campaign: '' };
    const r = record(row('activities', cells, { source: 'Form', campaign: 'Launch' }));
    expect(r.kind === 'activity' && [r.source, r.campaign]).toStrictEqual(['form', 'Launch']);
    const own = record(row('activities', { ...cells, source: 'ga', campaign: 'Own' }, { source: 'form', campaign: 'Launch' }));
    expect(own.kind === 'activity' && [own.source, own.campaign]).toStrictEqual(['ga', 'Own']);
  });

  it('lists every bad column of a row with its raw value', () => {
    const outcome = row('activities', {
      occurred_at: '2024-02-30 10:00',
      action: '',
      source: 'web',
      email: 'not-an-email',
      resource_title: 'Talk',
      resource_url: 'example.com/talk',
    });
    expect(outcome.status).toBe('error');
    expect(errors(outcome)).toStrictEqual([
      { line: 7, column: 'occurred_at', reason: 'day 30 does not exist in 2024-02', value: '2024-02-30 10:00' },
      { line: 7, column: 'action', reason: 'action is required', value: '' },
      { line: 7, column: 'email', reason: expect.stringMatching(/not an email/), value: 'not-an-email' },
      { line: 7, column: 'resource_url', reason: expect.stringMatching(/not a URL/), value: 'example.com/talk' },
    ]);
  });

  it('requires a category for a resource without URL', () => {
    const outcome = row('activities', { ...click, email: 'a@example.com', resource_title: 'Talk' });
    // On the column whose value asks for the category, so the table shows that value (issue 11, defect 1).
    expect(errors(outcome)).toStrictEqual([
      { line: 7, column: 'resource_title', reason: 'resource_category is required when resource_title is given', value: 'Talk' },
    ]);
    expect(codes(outcome)).toStrictEqual([{ code: 'companion-required', params: { field: 'resource_category', when: 'resource_title' } }]);
  });

  it('reports a row without actor as a whole-row error', () => {
    const outcome = row('activities', { ...click, display_name: 'Haru', email: '' });
    expect(errors(outcome)).toStrictEqual([
      { line: 7, column: '', reason: expect.stringMatching(/^no actor/), value: '2024-05-01 10:00,Click,Web,Haru,' },
    ]);
  });

  it('reports a missing actor beside other errors, but not beside a bad email', () => {
    expect(errors(row('activities', { ...click, occurred_at: 'soon', email: '' })).map((e) => e.column)).toStrictEqual(['occurred_at', '']);
    expect(errors(row('activities', { ...click, occurred_at: 'soon', email: 'nobody' })).map((e) => e.column)).toStrictEqual([
      'occurred_at',
      'email',
    ]);
  });

  it('needs a provider with a handle or an external id', () => {
    const outcome = row('activities', { ...click, handle: 'haru', provider: '' });
    expect(errors(outcome)).toStrictEqual([{ line: 7, column: 'provider', reason: 'provider is required with handle', value: '' }]);
  });

  it('needs a source when neither the row nor the import gives one', () => {
    const outcome = row('activities', { occurred_at: '2024-05-01', action: 'view', email: 'a@example.com', source: '' });
    expect(errors(outcome).map((e) => e.column)).toStrictEqual(['source']);
  });

  it('reports cells damaged in decoding', () => {
    const outcome = row('activities', { ...click, email: 'a@example.com', display_name: '山\uFFFD' });
    expect(errors(outcome)).toStrictEqual([
      { line: 7, column: 'display_name', reason: expect.stringMatching(/encoding/), value: '山\uFFFD' },
    ]);
  });
});

describe('developers', () => {
  it('splits tags, normalises handles and consent', () => {
    const r = record(
      row('developers', {
        display_name: '佐藤 花子',
        email: 'Hanako@Example.jp',
        organization: 'Example 株式会社',
        tags: ' speaker; jp ;;speaker；community ',
        github: '@Hanako-S',
        x: 'https://x.com/HanakoS',
        slack: 'Hanako',
        discord: '',
        connpass: 'hanako',
        consent_analytics: 'いいえ',
      }),
    );
    expect(r).toStrictEqual({
      kind: 'developer',
      line: 7,
      displayName: '佐藤 花子',
      email: 'hanako@example.jp',
      organization: 'Example 株式会社',
      tags: ['speaker', 'jp', 'community'],
      handles: [
        { provider: 'github', handle: 'hanako-s' },
        { provider: 'x', handle: 'hanakos' },
        { provider: 'slack', handle: 'Hanako' },
        { provider: 'connpass', handle: 'hanako' },
      ],
      consentAnalytics: false,
    });
  });

  it('lists all errors and needs an email or a handle', () => {
    expect(errors(row('developers', { display_name: 'Haru', email: 'haru@', consent_analytics: 'maybe' }))).toStrictEqual([
      { line: 7, column: 'email', reason: expect.any(String), value: 'haru@' },
      { line: 7, column: 'consent_analytics', reason: expect.stringMatching(/yes\/no/), value: 'maybe' },
    ]);
    expect(errors(row('developers', { email: '', github: 'a b', consent_analytics: 'maybe' })).map((e) => e.column)).toStrictEqual([
      'github',
      'consent_analytics',
    ]);
    expect(errors(row('developers', { email: '', consent_analytics: 'maybe' })).map((e) => e.column)).toStrictEqual([
      'consent_analytics',
      '',
    ]);
    expect(errors(row('developers', { display_name: 'Haru', organization: 'Ex' }))).toStrictEqual([
      { line: 7, column: '', reason: expect.stringMatching(/email or a handle/), value: 'Haru,Ex' },
    ]);
  });
});

describe('campaigns', () => {
  it('builds a campaign', () => {
    expect(
      record(
        row('campaigns', {
          name: 'DevFest',
          channel: 'event',
          start_date: '2024/5/1',
          end_date: '2024年5月3日',
          budget_total: '¥1,500,000',
          utm_campaign: 'devfest',
        }),
      ),
    ).toStrictEqual({
      kind: 'campaign',
      line: 7,
      name: 'DevFest',
      channel: 'event',
      startDate: '2024-05-01',
      endDate: '2024-05-03',
      budgetTotal: '1500000',
      utmCampaign: 'devfest',
    });
  });

  it('lists all errors', () => {
    expect(
      errors(row('campaigns', { name: '', start_date: '2024-05-03', end_date: '2024-05-01', budget_total: '-5' })).map((e) => e.column),
    ).toStrictEqual(['name', 'end_date', 'budget_total']);
  });
});

describe('budgets', () => {
  it('builds a budget entry with defaults', () => {
    expect(
      record(
        row('budgets', {
          campaign: 'DevFest',
          category: '',
          amount: '1,234円',
          currency: '',
          spent_at: '2024/5/1',
          memo: '懇親会',
          source: 'csv',
        }),
      ),
    ).toStrictEqual({
      kind: 'budget',
      line: 7,
      campaign: 'DevFest',
      category: 'other',
      amount: '1234',
      currency: 'JPY',
      spentAt: '2024-05-01',
      memo: '懇親会',
      source: 'csv',
    });
  });

  it('accepts Japanese categories and a currency column', () => {
    const r = record(row('budgets', { キャンペーン: 'Ads', カテゴリ: '広告費', 金額: '12.50', 通貨: 'usd', 支出日: '2024-05-01' }));
    expect(r.kind === 'budget' && [r.category, r.amount, r.currency]).toStrictEqual(['ad', '12.50', 'USD']);
  });

  it('lists all errors', () => {
    expect(
      errors(row('budgets', { campaign: 'Ads', category: 'food', amount: '1,23', currency: 'JPY', spent_at: '2024-02-30' })).map((e) => [
        e.column,
        e.value,
      ]),
    ).toStrictEqual([
      ['category', 'food'],
      ['amount', '1,23'],
      ['spent_at', '2024-02-30'],
    ]);
    expect(errors(row('budgets', { campaign: 'Ads', amount: '¥1,000', currency: 'USD', spent_at: '2024-05-01' }))).toStrictEqual([
      { line: 7, column: 'currency', reason: "currency USD contradicts the amount's JPY", value: 'USD' },
    ]);
    expect(errors(row('budgets', { campaign: '', amount: '', spent_at: '' })).map((e) => e.column)).toStrictEqual([
      'campaign',
      'amount',
      'spent_at',
    ]);
  });
});
