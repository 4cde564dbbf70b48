/**
 * Rows of the known exports (connpass participants, GitHub stargazers, Slack members)
 * through the row parser: mapped to activities, skips and errors reported.
 */
import { describe, expect, it } from 'vitest';
import { at, errors, record, row } from '../helpers/rows';

describe('connpass', () => {
  const base = {
    参加枠名: '一般枠',
    ユーザー名: 'Haru_T',
    表示名: 'はる',
    参加ステータス: '参加者',
    出欠ステータス: '',
    更新日時: '2019年7月13日 13時02分',
    受付番号: '1234567',
    'Q1: 所属': 'Example',
    'Q2: 空欄': '',
  };
  const options = { fileName: 'event_123456_participants.csv', eventTitle: 'Tech Night #1' };

  it('turns a participant into a register activity on the event', () => {
    expect(record(row('connpass', base, options))).toStrictEqual({
      kind: 'activity',
      line: 7,
      occurredAt: at('2019-07-13T04:02:00Z'),
      action: 'register',
      source: 'connpass',
      actor: { provider: 'connpass', externalUserId: 'haru_t', handle: 'haru_t', displayName: 'はる' },
      resource: { category: 'event', title: 'Tech Night #1', externalId: '123456', url: 'https://connpass.com/event/123456/' },
      metadata: { 参加枠名: '一般枠', 受付番号: '1234567', 'Q1: 所属': 'Example' },
    });
  });

  it('maps statuses to attend and cancel', () => {
    const action = (cells: Record<string, string>) => {
      const r = record(row('connpass', { ...base, ...cells }, options));
      return r.kind === 'activity' ? r.action : undefined;
    };
    expect(action({ 出欠ステータス: '出席' })).toBe('attend');
    expect(action({ 参加ステータス: 'キャンセル', 出欠ステータス: '出席' })).toBe('cancel');
    expect(action({ 参加ステータス: '補欠' })).toBe('waitlist');
    expect(action({ 参加ステータス: '参加キャンセル' })).toBe('cancel');
    expect(action({ 参加ステータス: '参加' })).toBe('register');
    expect(action({ 出欠ステータス: '未出席' })).toBe('register');
  });

  it('reads a participant without any status column as a registration', () => {
    const { 参加ステータス: _p, 出欠ステータス: _a, ...noStatus } = base;
    const r = record(row('connpass', noStatus, options));
    expect(r.kind === 'activity' && [r.action, r.occurredAt]).toStrictEqual(['register', at('2019-07-13T04:02:00Z')]);
  });

  it('dates an attendance by 出席日時 when the export has it, else by 更新日時', () => {
    const attended = { ...base, 出欠ステータス: '出席', 出席日時: '2019/07/20 19:05' };
    const r = record(row('connpass', attended, options));
    expect(r.kind === 'activity' && [r.action, r.occurredAt]).toStrictEqual(['attend', at('2019-07-20T10:05:00Z')]);
    const registered = record(row('connpass', { ...attended, 出欠ステータス: '' }, options));
    expect(registered.kind === 'activity' && registered.occurredAt).toBe(at('2019-07-13T04:02:00Z'));
    const blank = record(row('connpass', { ...attended, 出席日時: '' }, options));
    expect(blank.kind === 'activity' && blank.occurredAt).toBe(at('2019-07-13T04:02:00Z'));
    expect(errors(row('connpass', { ...attended, 出席日時: 'yesterday' }, options))).toEqual([
      expect.objectContaining({ column: '出席日時', value: 'yesterday' }),
    ]);
  });

  it('keeps 利用開始日 on the connpass account, not in the activity', () => {
    const r = record(row('connpass', { ...base, 利用開始日: '2015/04/01' }, options));
    expect(r.kind === 'activity' && [r.actor.attributes, r.metadata['利用開始日']]).toStrictEqual([
      { member_since: '2015-04-01' },
      undefined,
    ]);
    expect(errors(row('connpass', { ...base, 利用開始日: 'long ago' }, options))).toEqual([
      expect.objectContaining({ column: '利用開始日', value: 'long ago' }),
    ]);
  });

  it('skips deleted users', () => {
    expect(row('connpass', { ...base, ユーザー名: '(退会ユーザー)', 表示名: '(退会ユーザー)' }, options)).toStrictEqual({
      status: 'skipped',
      line: 7,
      reason: expect.stringMatching(/退会ユーザー/),
    });
  });

  it('takes the event from the options and the date from the event when 更新日時 is blank', () => {
    const r = record(row('connpass', { ...base, 更新日時: '' }, { eventId: '42', eventDate: '2024-06-01 19:00', campaign: 'Meetups' }));
    expect(r.kind === 'activity' && [r.occurredAt, r.resource, r.campaign]).toStrictEqual([
      at('2024-06-01T10:00:00Z'),
      { category: 'event', externalId: '42', url: 'https://connpass.com/event/42/' },
      'Meetups',
    ]);
  });

  it('lists all errors', () => {
    expect(errors(row('connpass', { ...base, ユーザー名: '', 参加ステータス: '', 更新日時: '昨日' }, options))).toStrictEqual([
      { line: 7, column: 'ユーザー名', reason: expect.stringMatching(/required/), value: '' },
      { line: 7, column: '参加ステータス', reason: expect.stringMatching(/required/), value: '' },
      { line: 7, column: '更新日時', reason: expect.stringMatching(/expected a date/), value: '昨日' },
    ]);
  });

  it('refuses to start without an event', () => {
    expect(() => row('connpass', base, { fileName: 'participants.csv' })).toThrow(/event id or title/);
  });
});

describe('github-stars', () => {
  it('keys the account by the lower-cased login, keeping the numeric id in metadata', () => {
    const withId = record(
      row('github-stars', { login: 'OctoCat', id: '583231', starred_at: '2024-05-01T10:00:00Z', repo: 'Example/Repo' }),
    );
    expect(withId).toStrictEqual({
      kind: 'activity',
      line: 7,
      occurredAt: at('2024-05-01T10:00:00Z'),
      action: 'star',
      source: 'github',
      actor: { provider: 'github', externalUserId: 'octocat', handle: 'octocat' },
      resource: { category: 'repo', title: 'Example/Repo', externalId: 'example/repo', url: 'https://github.com/Example/Repo' },
      metadata: { github_id: '583231' },
    });
    const noId = record(row('github-stars', { username: 'OctoCat', starred_at: '2024-05-01T10:00:00Z' }));
    expect(noId.kind === 'activity' && [noId.actor, noId.resource]).toStrictEqual([
      { provider: 'github', externalUserId: 'octocat', handle: 'octocat' },
      undefined,
    ]);
  });

  it('lists all errors', () => {
    expect(errors(row('github-stars', { login: '', id: 'abc', starred_at: 'soon' })).map((e) => [e.column, e.value])).toStrictEqual([
      ['login', ''],
      ['id', 'abc'],
      ['starred_at', 'soon'],
    ]);
  });
});

describe('slack-members', () => {
  const member = {
    username: 'haru',
    email: 'Haru@Example.com',
    status: 'Member',
    userid: 'U024BE7LH',
    fullname: 'Haru Tanaka',
    displayname: '',
  };

  it('turns a member into a join with a stable source_ref', () => {
    expect(record(row('slack-members', member, { occurredAt: '2024-04-01T00:00:00Z' }))).toStrictEqual({
      kind: 'activity',
      line: 7,
      occurredAt: at('2024-04-01T00:00:00Z'),
      action: 'join',
      source: 'slack',
      sourceRef: 'join:U024BE7LH',
      actor: { provider: 'slack', externalUserId: 'U024BE7LH', handle: 'haru', email: 'haru@example.com', displayName: 'Haru Tanaka' },
      metadata: { status: 'Member' },
    });
  });

  it('defaults the date to the import start and prefers the display name', () => {
    const r = record(row('slack-members', { ...member, displayname: 'はる' }, {}, undefined, at('2025-01-02T03:04:05Z')));
    expect(r.kind === 'activity' && [r.occurredAt, r.actor.displayName]).toStrictEqual([at('2025-01-02T03:04:05Z'), 'はる']);
  });

  it('skips bots and reports a missing user id', () => {
    expect(row('slack-members', { ...member, status: 'Bot' }).status).toBe('skipped');
    expect(errors(row('slack-members', { ...member, userid: '', email: 'x' })).map((e) => e.column)).toStrictEqual(['userid', 'email']);
  });
});
