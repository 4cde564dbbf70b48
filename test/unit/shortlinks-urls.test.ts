/**
 * Short-link keys and URLs: the generated key's alphabet and length, typed
 * key rules, the final URL's UTM merge (existing query kept byte for byte,
 * a UTM in the target replaced, values encoded, fragment kept), target and
 * domain validation.
 */
import { describe, expect, it } from 'vitest';
import { GENERATED_KEY_LENGTH, generateKey, KEY_ALPHABET, keyProblem } from '../../src-main/core/shortlinks/keys';
import { finalUrl, normaliseDomain, shortUrl, targetProblem } from '../../src-shared/shortlinks';

describe('keys', () => {
  it('has no look-alike characters and no upper case in its alphabet', () => {
    for (const c of '01oOlIi') expect(KEY_ALPHABET).not.toContain(c);
    expect(KEY_ALPHABET).toMatch(/^[a-z2-9]+$/);
    expect(new Set(KEY_ALPHABET).size).toBe(KEY_ALPHABET.length);
  });

  it('generates 8 characters of the alphabet, each drawn from the random source', () => {
    for (let i = 0; i < 200; i++) {
      const key = generateKey();
      expect(key).toHaveLength(GENERATED_KEY_LENGTH);
      for (const c of key) expect(KEY_ALPHABET).toContain(c);
    }
    const draws: number[] = [];
    const key = generateKey((max) => {
      draws.push(max);
      return draws.length - 1;
    });
    expect(draws).toEqual(Array(8).fill(KEY_ALPHABET.length));
    expect(key).toBe(KEY_ALPHABET.slice(0, 8));
    expect(new Set(Array.from({ length: 50 }, () => generateKey())).size).toBe(50);
  });

  it('accepts typed keys of letters, digits, - and _ (2 to 64) and names what is wrong otherwise', () => {
    for (const ok of ['DevFest-2026', 'ab', 'a_b', 'x'.repeat(64)]) expect(keyProblem(ok)).toBeNull();
    for (const bad of ['a', 'x'.repeat(65), 'a b', 'a/b', 'a.b', '東京', 'a%20', 'a$b', '']) {
      expect(keyProblem(bad)).toContain(`"${bad}"`);
    }
  });
});

describe('final URL', () => {
  const utm = { utm_source: 'slides', utm_medium: 'qr', utm_campaign: 'devfest 2026', utm_content: 'a&b=c/東京' };

  it('appends the UTM parameters, encoded, in a fixed order', () => {
    expect(finalUrl('https://example.com/docs', utm)).toBe(
      'https://example.com/docs?utm_source=slides&utm_medium=qr&utm_campaign=devfest%202026&utm_content=a%26b%3Dc%2F%E6%9D%B1%E4%BA%AC',
    );
  });

  it('keeps the existing query as it was, replaces a UTM the target already has, and keeps the fragment', () => {
    expect(finalUrl('https://example.com/p?a=1+2&flag&utm_source=old&b=%20x#top', { utm_source: 'new' })).toBe(
      'https://example.com/p?a=1+2&flag&b=%20x&utm_source=new#top',
    );
    // A UTM spelled with an escape in the target is the same parameter.
    expect(finalUrl('https://example.com/?utm%5Fmedium=x&y=1', { utm_medium: 'qr' })).toBe('https://example.com/?y=1&utm_medium=qr');
  });

  it('leaves the target alone when no UTM value is set (empty ones ignored), and keeps UTMs the link does not set', () => {
    expect(finalUrl('https://example.com/a?utm_source=keep#f', {})).toBe('https://example.com/a?utm_source=keep#f');
    expect(finalUrl('https://example.com/a?utm_source=keep', { utm_source: '', utm_medium: null, utm_content: 'c' })).toBe(
      'https://example.com/a?utm_source=keep&utm_content=c',
    );
    expect(finalUrl('http://example.com', null)).toBe('http://example.com/');
  });

  it('refuses targets that are not absolute http(s) URLs, saying why', () => {
    expect(targetProblem('https://example.com/x')).toBeNull();
    expect(targetProblem('http://localhost:3000/x')).toBeNull();
    expect(targetProblem('javascript:alert(1)')).toContain('not javascript:');
    expect(targetProblem('ftp://example.com/')).toContain('not ftp:');
    expect(targetProblem('example.com/x')).toContain('https://');
    expect(targetProblem(`https://example.com/${'x'.repeat(2048)}`)).toContain('2048');
  });
});

describe('short URL and domain', () => {
  it('is https://<domain>/<key>, or null without a domain', () => {
    expect(shortUrl('go.example.com', 'abc')).toBe('https://go.example.com/abc');
    expect(shortUrl(null, 'abc')).toBeNull();
  });

  it('stores a host name in lower case (IDN as punycode) and refuses anything else', () => {
    expect(normaliseDomain(' Go.Example.COM ')).toEqual({ domain: 'go.example.com' });
    expect(normaliseDomain('go.example.com.')).toEqual({ domain: 'go.example.com' });
    expect(normaliseDomain('短縮.example.jp')).toEqual({ domain: 'xn--s7y86k.example.jp' });
    for (const bad of [
      'https://go.example.com',
      'go.example.com/x',
      'go.example.com:8080',
      'localhost',
      'a b.com',
      '-x.example.com',
      '1.2.3.4',
      '',
      'user@go.example.com',
    ]) {
      expect(normaliseDomain(bad), bad).toHaveProperty('problem');
    }
  });
});
