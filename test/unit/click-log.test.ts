/**
 * Click logs: the combined access-log line parser on ordinary and nasty
 * lines (escaped quotes both ways, \x bytes, IPv6, the common format without
 * referrer and agent, bad dates, torn lines), the path → key rule, and the
 * click-log CSV's rows: skips with the log's line number and their reason.
 */
import { describe, expect, it } from 'vitest';
import { firstPathSegment, parseCombinedLine, parseLogTime, unescapeLogField } from '../../src-main/core/imports/parse/combined-log';
import { at, record, row } from '../helpers/rows';

describe('combined log lines', () => {
  it('reads an ordinary line, without its address', () => {
    const line = parseCombinedLine(
      '203.0.113.9 - - [18/Apr/2026:10:15:00 +0900] "GET /devfest?x=1 HTTP/1.1" 302 0 "https://r.example/" "Mozilla/5.0"',
    );
    expect(line).toEqual({
      time: Date.parse('2026-04-18T01:15:00Z'),
      method: 'GET',
      target: '/devfest?x=1',
      status: 302,
      referrer: 'https://r.example/',
      userAgent: 'Mozilla/5.0',
    });
    expect(JSON.stringify(line)).not.toContain('203.0.113.9');
  });

  it('unescapes Apache and nginx quoting, and \\x bytes as UTF-8', () => {
    expect(unescapeLogField('a \\"b\\" \\\\ c')).toBe('a "b" \\ c');
    expect(unescapeLogField('\\x22q\\x22 \\xE6\\x9D\\xB1\\xE4\\xBA\\xAC')).toBe('"q" 東京');
    expect(unescapeLogField('tab\\there')).toBe('tab\there');
    expect(unescapeLogField('東京 ok')).toBe('東京 ok');
    const apache = parseCombinedLine(
      '::1 - "weird user" [01/Jan/2026:00:00:00 -0500] "GET /k HTTP/1.1" 200 12 "-" "He said \\"hi\\" \\\\o/"',
    );
    expect(apache).toMatchObject({ time: Date.parse('2026-01-01T05:00:00Z'), referrer: null, userAgent: 'He said "hi" \\o/' });
    const nginx = parseCombinedLine('2001:db8::1 - - [01/Jan/2026:00:00:00 +0000] "GET /k\\x22x HTTP/1.1" 302 - "-" "\\x22bot\\x22"');
    expect(nginx).toMatchObject({ target: '/k"x', userAgent: '"bot"' });
  });

  it('reads the common format and extra fields after the agent', () => {
    expect(parseCombinedLine('1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET /k HTTP/1.0" 200 5')).toMatchObject({
      referrer: null,
      userAgent: null,
    });
    expect(parseCombinedLine('1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET /k HTTP/1.0" 200 5 "-" "ua" 0.003 "x"')).toMatchObject({
      userAgent: 'ua',
    });
  });

  it('refuses what is no log line', () => {
    for (const bad of [
      '',
      'hello world',
      '1.2.3.4 - - [31/Feb/2026:00:00:00 +0000] "GET /k HTTP/1.1" 200 5 "-" "ua"',
      '1.2.3.4 - - [01/Foo/2026:00:00:00 +0000] "GET /k HTTP/1.1" 200 5 "-" "ua"',
      '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET /k HTTP/1.1 200 5 "-" "ua"',
      '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET /k HTTP/1.1" 2000 5 "-" "ua"',
      '1.2.3.4 - - [01/Jan/2026:00:00:00 +0000] "GET /k HTTP/1.1" 200 5 "-" "unterminated',
    ]) {
      expect(parseCombinedLine(bad), bad).toBeUndefined();
    }
    expect(parseLogTime('01/Jan/2026:00:00:00')).toBeUndefined();
  });

  it('takes the first path segment as the key', () => {
    expect(firstPathSegment('/devfest')).toBe('devfest');
    expect(firstPathSegment('/devfest/more?x#y')).toBe('devfest');
    expect(firstPathSegment('/dev%66est')).toBe('devfest');
    expect(firstPathSegment('https://go.example/devfest?x')).toBe('devfest');
    expect(firstPathSegment('/')).toBeUndefined();
    expect(firstPathSegment('*')).toBeUndefined();
    expect(firstPathSegment('/%E0%A4%A')).toBeUndefined();
  });
});

describe('click-log rows', () => {
  it('turns a row into a click', () => {
    expect(
      record(
        row('shortlink-clicks', {
          timestamp: '2026-04-18T10:15:00+09:00',
          key: '/devfest',
          click_id: 'abc',
          referrer: '',
          user_agent: 'UA',
        }),
      ),
    ).toStrictEqual({ kind: 'click', line: 7, key: 'devfest', occurredAt: at('2026-04-18T01:15:00Z'), clickId: 'abc', userAgent: 'UA' });
  });

  it('skips other methods, error statuses and unreadable lines, with the log line and why', () => {
    const base = { timestamp: '2026-04-18T01:15:00Z', key: 'devfest', line: '42' };
    expect(row('shortlink-clicks', { ...base, method: 'POST', status: '302' })).toEqual({
      status: 'skipped',
      line: 42,
      reason: 'POST request, not a click',
    });
    expect(row('shortlink-clicks', { ...base, method: 'GET', status: '404' })).toMatchObject({ status: 'skipped', reason: 'answered 404' });
    expect(row('shortlink-clicks', { ...base, skip: 'not a combined log line' })).toMatchObject({ status: 'skipped', line: 42 });
    expect(row('shortlink-clicks', { ...base, method: 'GET', status: '301' })).toMatchObject({ status: 'ok' });
  });

  it('requires a time and a key', () => {
    expect(row('shortlink-clicks', { timestamp: 'soon', key: '' })).toMatchObject({ status: 'error' });
  });
});
