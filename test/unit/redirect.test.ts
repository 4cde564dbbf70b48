/**
 * The redirect server's pure parts: the token bucket per client, the key a
 * path names, the click-id cookie and drm_cid parameter, the visitor's
 * language, and the click batcher (a burst is one write, a flush writes
 * what is pending, a failed write is reported and the next batch still goes).
 */
import { describe, expect, it } from 'vitest';
import { createClickBatcher } from '../../src-main/core/shortlinks/click-batch';
import { clickDedupKey, isBot, type Click } from '../../src-main/core/shortlinks/clicks';
import { clickIdFromCookie, firstLanguage, keyOfPath, newClickId, withClickId } from '../../src-main/redirect/answer';
import { createRateLimiter } from '../../src-main/redirect/rate-limit';

describe('rate limiter', () => {
  it('allows a burst, then refuses with the seconds until the next token, per client', () => {
    const limiter = createRateLimiter({ burst: 3, perSecond: 0.5 });
    expect([0, 0, 0].map((_, i) => limiter.take('a', 1000 + i))).toEqual([0, 0, 0]);
    expect(limiter.take('a', 1003)).toBe(2);
    expect(limiter.take('b', 1003)).toBe(0);
    // Two seconds later one token is back, and only one.
    expect(limiter.take('a', 3003)).toBe(0);
    expect(limiter.take('a', 3004)).toBeGreaterThan(0);
  });

  it('forgets a client whose bucket is full again once many are tracked', () => {
    const limiter = createRateLimiter({ burst: 1, perSecond: 1 });
    for (let i = 0; i < 100_000; i++) limiter.take(`c${i}`, 0);
    expect(limiter.size()).toBe(100_000);
    limiter.take('late', 10_000);
    expect(limiter.size()).toBe(1);
  });
});

describe('redirect answers', () => {
  it('reads a key from a path and nothing else', () => {
    expect(keyOfPath('/devfest')).toBe('devfest');
    expect(keyOfPath('/devfest?x=1')).toBe('devfest');
    expect(keyOfPath('/Dev_fest-2')).toBe('Dev_fest-2');
    for (const bad of ['/', '/a', '/a/b', '/%E0%A4%A', '/../etc', '/key%2Fmore', '//evil.example', `/${'a'.repeat(65)}`, 'devfest']) {
      expect(keyOfPath(bad)).toBeUndefined();
    }
  });

  it('takes back only a click id of ours from the Cookie header', () => {
    const id = newClickId();
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newClickId()).not.toBe(id);
    expect(clickIdFromCookie(`a=1; drm_cid=${id}; b=2`)).toBe(id);
    expect(clickIdFromCookie('drm_cid=<script>')).toBeUndefined();
    expect(clickIdFromCookie('xdrm_cid=AAAAAAAAAAAAAAAAAAAAAA')).toBeUndefined();
    expect(clickIdFromCookie(undefined)).toBeUndefined();
  });

  it('appends drm_cid keeping the query byte for byte and the fragment last', () => {
    expect(withClickId('https://e.com/p?q=a%20b&utm_source=x#top', 'ID')).toBe('https://e.com/p?q=a%20b&utm_source=x&drm_cid=ID#top');
    expect(withClickId('https://e.com/', 'ID')).toBe('https://e.com/?drm_cid=ID');
    expect(withClickId('https://e.com/?drm_cid=old&k=1', 'ID')).toBe('https://e.com/?k=1&drm_cid=ID');
  });

  it('takes the first well-formed language tag', () => {
    expect(firstLanguage('ja-JP,ja;q=0.9')).toBe('ja-JP');
    expect(firstLanguage('en;q=0.8')).toBe('en');
    expect(firstLanguage('*')).toBeNull();
    expect(firstLanguage(undefined)).toBeNull();
  });

  it('marks well-known crawlers and not browsers', () => {
    expect(isBot('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')).toBe(true);
    expect(isBot('Slackbot-LinkExpanding 1.0')).toBe(true);
    expect(isBot('curl/8.5.0')).toBe(true);
    expect(isBot('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 Safari/605.1.15')).toBe(false);
    expect(isBot(null)).toBe(false);
  });

  it('gives a click the same dedup key on every delivery and another one at another instant', () => {
    const at = new Date('2026-04-01T00:00:00Z');
    expect(clickDedupKey('t', 'l', at, 'c')).toBe(clickDedupKey('t', 'l', new Date(at), 'c'));
    expect(clickDedupKey('t', 'l', at, 'c')).not.toBe(clickDedupKey('t', 'l', new Date(at.getTime() + 1), 'c'));
    expect(clickDedupKey('t', 'l', at, null, 'x')).not.toBe(clickDedupKey('t', 'l', at, null, 'y'));
  });
});

const click = (n: number): Click => ({
  shortlinkId: 'l',
  occurredAt: new Date(n),
  clickId: null,
  referrer: null,
  userAgent: null,
  lang: null,
  dedupKey: String(n),
});

describe('click batcher', () => {
  it('writes a full batch at once, the rest on flush, one write at a time', async () => {
    const writes: number[][] = [];
    const batcher = createClickBatcher({
      write: async (clicks) => void writes.push(clicks.map((c) => c.occurredAt.getTime())),
      onError: () => undefined,
      maxClicks: 3,
      intervalMs: 3_600_000,
    });
    for (let i = 0; i < 5; i++) batcher.add(click(i));
    expect(batcher.pending()).toBe(2);
    await batcher.flush();
    expect(writes).toEqual([
      [0, 1, 2],
      [3, 4],
    ]);
    expect(batcher.pending()).toBe(0);
  });

  it('reports a failed batch and keeps writing the next ones', async () => {
    const lost: number[] = [];
    let calls = 0;
    const batcher = createClickBatcher({
      write: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database stopped');
      },
      onError: (_error, n) => lost.push(n),
      intervalMs: 3_600_000,
    });
    batcher.add(click(1));
    batcher.add(click(2));
    await batcher.flush();
    batcher.add(click(3));
    await batcher.flush();
    expect(lost).toEqual([2]);
    expect(calls).toBe(2);
  });

  it('writes by itself after the interval', async () => {
    let written = 0;
    const batcher = createClickBatcher({ write: async (c) => void (written += c.length), onError: () => undefined, intervalMs: 5 });
    batcher.add(click(1));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(written).toBe(1);
  });
});
