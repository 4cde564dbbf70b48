import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  normaliseEmail,
  normaliseHandle,
  parseAmount,
  parseBoolean,
  parseDate,
  parseTimestamp,
  resolveZone,
  type Parsed,
} from '../../src-main/core/imports/parse/values';

const iso = (p: Parsed<number>) => (p.ok ? new Date(p.value).toISOString() : `error: ${p.reason}`);
const tokyo = (text: string) => iso(parseTimestamp(text, 'Asia/Tokyo'));

describe('parseTimestamp', () => {
  it.each([
    ['2024-05-01T10:00:00Z', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T10:00:00z', '2024-05-01T10:00:00.000Z'],
    ['2024-05-01T10:00:00+09:00', '2024-05-01T01:00:00.000Z'],
    ['2024-05-01T10:00:00-0530', '2024-05-01T15:30:00.000Z'],
    ['2024-05-01T10:00:00.123Z', '2024-05-01T10:00:00.123Z'],
    // Sub-millisecond digits are truncated, never rounded up.
    ['2024-05-01T10:00:00.9999+00:00', '2024-05-01T10:00:00.999Z'],
    ['2024-05-01T10:00', '2024-05-01T01:00:00.000Z'],
    ['2024-05-01 10:00', '2024-05-01T01:00:00.000Z'],
    ['2024-05-01 10:00:30', '2024-05-01T01:00:30.000Z'],
    ['2024-05-01', '2024-04-30T15:00:00.000Z'],
    ['2024/05/01 10:00', '2024-05-01T01:00:00.000Z'],
    ['2024/5/1 9:05:07', '2024-05-01T00:05:07.000Z'],
    ['2024/5/1', '2024-04-30T15:00:00.000Z'],
    ['2019年7月13日 13時02分', '2019-07-13T04:02:00.000Z'],
    ['2019年7月13日 13時02分05秒', '2019-07-13T04:02:05.000Z'],
    ['2019年7月13日', '2019-07-12T15:00:00.000Z'],
    ['2019年7月13日(土) 13:02', '2019-07-13T04:02:00.000Z'],
    ['２０２４－０５－０１　１０：００', '2024-05-01T01:00:00.000Z'],
    ['２０２４／５／１', '2024-04-30T15:00:00.000Z'],
    ['２０１９年７月１３日　１３時０２分', '2019-07-13T04:02:00.000Z'],
    ['  2024-05-01 10:00  ', '2024-05-01T01:00:00.000Z'],
  ])('reads %s in Asia/Tokyo as %s', (text, expected) => {
    expect(tokyo(text)).toBe(expected);
  });

  it('reads a time without zone in the zone it is given', () => {
    expect(iso(parseTimestamp('2024-05-01 10:00', 'UTC'))).toBe('2024-05-01T10:00:00.000Z');
    expect(iso(parseTimestamp('2024-07-01 10:00', 'America/New_York'))).toBe('2024-07-01T14:00:00.000Z');
    expect(iso(parseTimestamp('2024-01-01 10:00', 'America/New_York'))).toBe('2024-01-01T15:00:00.000Z');
  });

  it('ignores the import zone when the text carries an offset', () => {
    expect(iso(parseTimestamp('2024-05-01T10:00:00+09:00', 'America/New_York'))).toBe('2024-05-01T01:00:00.000Z');
  });

  it.each([
    ['2024-02-30', /day 30 does not exist/],
    ['2023-02-29 10:00', /day 29 does not exist/],
    ['2024-13-01', /month 13/],
    ['2024-05-01 24:00', /time of day/],
    ['2024-05-01 10:60', /time of day/],
    ['2024年2月30日 10時00分', /day 30/],
    ['01/05/2024', /expected a date and time/],
    ['yesterday', /expected a date and time/],
    ['', /expected a date and time/],
  ])('rejects %s', (text, reason) => {
    const parsed = parseTimestamp(text, 'Asia/Tokyo');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });

  it('moves a time skipped by DST forward', () => {
    expect(iso(parseTimestamp('2024-03-10 02:30', 'America/New_York'))).toBe('2024-03-10T07:30:00.000Z');
    expect(iso(parseTimestamp('2024-03-10 01:59', 'America/New_York'))).toBe('2024-03-10T06:59:00.000Z');
    expect(iso(parseTimestamp('2024-03-10 03:00', 'America/New_York'))).toBe('2024-03-10T07:00:00.000Z');
  });

  // Lord Howe Island moves its clocks by 30 minutes, inside an hour: the case
  // where remembering one offset per wall-clock hour would go wrong.
  it.each([
    ['America/New_York', ['2024-03-10', '2024-11-03']],
    ['Australia/Lord_Howe', ['2024-10-06', '2024-04-07']],
  ])('agrees with luxon around DST changes in %s, in any order (per-hour cache)', (zone, days) => {
    const walls: string[] = [];
    for (const day of days) {
      for (let minute = 0; minute < 4 * 60; minute += 5)
        walls.push(`${day} ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`);
    }
    const luxon = (wall: string) => DateTime.fromFormat(wall, 'yyyy-MM-dd HH:mm', { zone }).toMillis();
    const byParser = (order: string[]) => order.map((wall) => [wall, parseTimestamp(wall, zone)]);
    const byLuxon = (order: string[]) => order.map((wall) => [wall, { ok: true, value: luxon(wall) }]);
    for (const order of [[...walls].reverse(), walls, [...walls].sort((a, b) => a.slice(-2).localeCompare(b.slice(-2)))]) {
      expect(byParser(order)).toEqual(byLuxon(order));
    }
  });

  // The per-day cache: every day of two years, at hours and minutes that move from day to day,
  // in zones with DST changes at 02:00, at midnight, by 30 minutes, and none.
  it.each(['America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Europe/London', 'Asia/Tokyo'])(
    'agrees with luxon on every day of two years in %s (per-day cache)',
    (zone) => {
      const walls: string[] = [];
      for (let day = 0; day < 731; day++) {
        const date = new Date(Date.UTC(2023, 0, 1 + day)).toISOString().slice(0, 10);
        for (const hour of [day % 24, (day * 7 + 3) % 24, 0, 23])
          walls.push(`${date} ${String(hour).padStart(2, '0')}:${String((day * 13) % 60).padStart(2, '0')}`);
      }
      const luxon = (wall: string) => DateTime.fromFormat(wall, 'yyyy-MM-dd HH:mm', { zone }).toMillis();
      const wrong = walls.filter((wall) => {
        const parsed = parseTimestamp(wall, zone);
        return !parsed.ok || parsed.value !== luxon(wall);
      });
      expect(wrong).toEqual([]);
    },
  );

  it('accepts leap days that exist', () => {
    expect(iso(parseTimestamp('2024-02-29', 'UTC'))).toBe('2024-02-29T00:00:00.000Z');
  });

  it('rejects an unknown zone', () => {
    const parsed = parseTimestamp('2024-05-01 10:00', 'Asia/Nowhere');
    expect(parsed).toEqual({
      ok: false,
      code: 'unknown-zone',
      params: { zone: 'Asia/Nowhere' },
      reason: expect.stringMatching(/unknown time zone/),
    });
  });
});

describe('resolveZone', () => {
  it('validates IANA names and defaults to the machine zone', () => {
    expect(resolveZone('Asia/Tokyo')).toEqual({ ok: true, value: 'Asia/Tokyo' });
    expect(resolveZone('UTC')).toEqual({ ok: true, value: 'UTC' });
    expect(resolveZone('Tokyo').ok).toBe(false);
    expect(resolveZone(undefined)).toEqual({ ok: true, value: Intl.DateTimeFormat().resolvedOptions().timeZone });
  });
});

describe('parseDate', () => {
  it.each([
    ['2024-05-01', '2024-05-01'],
    ['2024/5/1', '2024-05-01'],
    ['2024/5/1 0:00', '2024-05-01'],
    ['2024年5月1日', '2024-05-01'],
    ['２０２４－０５－０１', '2024-05-01'],
  ])('%s → %s', (text, expected) => {
    expect(parseDate(text)).toEqual({ ok: true, value: expected });
  });

  it('rejects impossible and unknown forms', () => {
    expect(parseDate('2024-02-30').ok).toBe(false);
    expect(parseDate('May 1st').ok).toBe(false);
  });

  it('takes the dates the reports take: 1970-01-01 to 2099-12-31', () => {
    expect(parseDate('1970-01-01')).toEqual({ ok: true, value: '1970-01-01' });
    expect(parseDate('2099-12-31')).toEqual({ ok: true, value: '2099-12-31' });
    expect(parseDate('0001-01-01')).toEqual({
      ok: false,
      code: 'year-range',
      params: { day: '0001-01-01' },
      reason: 'the date 0001-01-01 is outside the range the app keeps (from 1970-01-01 to 2099-12-31)',
    });
    expect(parseDate('1969-12-31').ok).toBe(false);
    expect(parseDate('2100-01-01').ok).toBe(false);
    expect(parseTimestamp('0001-01-01T00:00:00Z', 'UTC').ok).toBe(false);
    expect(parseTimestamp('2100-01-01 00:00', 'Asia/Tokyo').ok).toBe(false);
    expect(parseTimestamp('2099-12-31 23:59', 'Asia/Tokyo').ok).toBe(true);
  });
});

describe('parseAmount', () => {
  it.each([
    ['1234', { value: '1234' }],
    ['1234.5', { value: '1234.5' }],
    ['1234.50', { value: '1234.50' }],
    ['1,234', { value: '1234' }],
    ['1,234,567.89', { value: '1234567.89' }],
    ['¥1,234', { value: '1234', currency: 'JPY' }],
    ['￥1,234', { value: '1234', currency: 'JPY' }],
    ['1,234円', { value: '1234', currency: 'JPY' }],
    ['JPY 1,234', { value: '1234', currency: 'JPY' }],
    ['12.50 USD', { value: '12.50', currency: 'USD' }],
    ['１，２３４円', { value: '1234', currency: 'JPY' }],
    ['-500', { value: '-500' }],
    ['−500', { value: '-500' }],
    ['-¥500', { value: '-500', currency: 'JPY' }],
    ['0012', { value: '12' }],
    ['-0', { value: '0' }],
    // Beyond float precision: exact because it never becomes a number.
    ['999999999999.9999', { value: '999999999999.9999' }],
    ['1,000,000,000,000', { value: '1000000000000' }],
    ['-1000000000000.0000', { value: '-1000000000000.0000' }],
    ['1.23450000', { value: '1.23450000' }],
  ])('%s', (text, expected) => {
    expect(parseAmount(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['1,23', '12,34,567', '1.234,5', 'abc', '', '¥', '1 234', '¥1,234 USD', '1e5'])('rejects %j', (text) => {
    expect(parseAmount(text).ok).toBe(false);
  });

  it.each([
    ['1000000000000.0001', 'an amount larger than 1,000,000,000,000 (either sign)'],
    ['-1000000000001', 'an amount larger than 1,000,000,000,000 (either sign)'],
    ['12345678901234567890.12', 'an amount larger than 1,000,000,000,000 (either sign)'],
    ['1.23456', 'an amount more than 4 decimal places'],
  ])('refuses %s: out of bounds', (text, reason) => {
    expect(parseAmount(text)).toMatchObject({ ok: false, reason });
  });
});

describe('parseBoolean', () => {
  it.each(['true', 'TRUE', 'yes', 'Y', '1', 'はい', '同意', '同意する', 'opt-in', '１'])('%s is true', (text) => {
    expect(parseBoolean(text)).toEqual({ ok: true, value: true });
  });
  it.each(['false', 'No', '0', 'いいえ', '拒否', '同意しない', 'opt-out'])('%s is false', (text) => {
    expect(parseBoolean(text)).toEqual({ ok: true, value: false });
  });
  it('rejects anything else', () => {
    expect(parseBoolean('maybe').ok).toBe(false);
    expect(parseBoolean('').ok).toBe(false);
  });
});

describe('normaliseEmail', () => {
  it('trims, folds width and case', () => {
    expect(normaliseEmail('  Taro.Yamada@Example.COM ')).toEqual({ ok: true, value: 'taro.yamada@example.com' });
    expect(normaliseEmail('ｔａｒｏ＠ｅｘａｍｐｌｅ．ｃｏｍ')).toEqual({ ok: true, value: 'taro@example.com' });
  });
  it.each(['taro', '@example.com', 'taro@', 'a@b@c', 'taro yamada@example.com'])('rejects %j', (text) => {
    expect(normaliseEmail(text).ok).toBe(false);
  });
});

describe('normaliseHandle', () => {
  it('lower-cases case-insensitive services and strips @', () => {
    expect(normaliseHandle('github', ' @Octo-Cat ')).toEqual({ ok: true, value: 'octo-cat' });
    expect(normaliseHandle('x', '@JackDorsey')).toEqual({ ok: true, value: 'jackdorsey' });
    expect(normaliseHandle('twitter', 'Foo')).toEqual({ ok: true, value: 'foo' });
    expect(normaliseHandle('connpass', 'Haru_Tanaka')).toEqual({ ok: true, value: 'haru_tanaka' });
  });
  it('keeps the case of other services', () => {
    expect(normaliseHandle('slack', '@Haru.Tanaka')).toEqual({ ok: true, value: 'Haru.Tanaka' });
    expect(normaliseHandle('discord', 'Haru')).toEqual({ ok: true, value: 'Haru' });
  });
  it('reduces profile URLs to the user name', () => {
    expect(normaliseHandle('github', 'https://github.com/OctoCat/')).toEqual({ ok: true, value: 'octocat' });
    expect(normaliseHandle('x', 'https://twitter.com/Foo')).toEqual({ ok: true, value: 'foo' });
    expect(normaliseHandle('connpass', 'https://connpass.com/user/haru/')).toEqual({ ok: true, value: 'haru' });
  });
  it('rejects blanks and spaces inside', () => {
    expect(normaliseHandle('github', ' @ ').ok).toBe(false);
    expect(normaliseHandle('github', 'octo cat').ok).toBe(false);
  });
});
