import { describe, expect, it, vi } from 'vitest';
import { profileUrl } from '../../src-main/core/developers/profile';
import { isKnownServiceUrl, linkDecision, openExternalLink } from '../../src-main/external-links';

describe('links the app makes', () => {
  it('recognises every profile link the core generates, and its event and repository links', () => {
    const generated = [
      profileUrl('github', 'taro-y', null),
      profileUrl('x', '@taro_y', null),
      profileUrl('twitter', 'taro_y', null),
      profileUrl('connpass', 'taro_y', null),
      'https://connpass.com/event/123456/', // imports/formats/connpass.ts
      'https://github.com/example/drm', // imports/formats/github-stars.ts
    ];
    for (const url of generated) {
      expect(url).not.toBeNull();
      expect(isKnownServiceUrl(url!), url!).toBe(true);
      expect(linkDecision(url!)).toBe('open');
    }
  });

  it('does not take a look-alike for one: other hosts, credentials, ports, queries, fragments, deeper paths', () => {
    for (const url of [
      'https://github.com.evil.example/taro',
      'https://evil.example/github.com/taro',
      'https://gіthub.com/taro', // Cyrillic і
      'https://taro@github.com/taro',
      'https://github.com:8443/taro',
      'https://github.com/taro?tab=repositories',
      'https://github.com/taro#readme',
      'https://github.com/a/b/c',
      'https://github.com/',
      'https://connpass.com/event/abc/',
      'https://connpass.com/search/',
      'http://github.com/taro',
    ]) {
      expect(isKnownServiceUrl(url), url).toBe(false);
    }
  });

  it('asks about any other https link and refuses everything else', () => {
    expect(linkDecision('https://example.com/some/page?utm_source=x')).toBe('confirm');
    expect(linkDecision('https://github.com/taro?tab=stars')).toBe('confirm');
    for (const url of [
      'http://example.com/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'data:text/html,hi',
      'mailto:a@example.com',
      'not a url',
      '',
    ]) {
      expect(linkDecision(url), url).toBe('refuse');
    }
  });
});

describe('openExternalLink', () => {
  it('opens known links without asking, asks for others, and opens only what the user accepts', async () => {
    const openExternal = vi.fn(async (_href: string) => undefined);
    const confirm = vi.fn(async (href: string) => href.includes('accept'));
    const deps = { openExternal, confirm };
    expect(await openExternalLink('https://github.com/taro', deps)).toBe(true);
    expect(confirm).not.toHaveBeenCalled();
    expect(await openExternalLink('https://example.com/refuse', deps)).toBe(false);
    expect(await openExternalLink('https://example.com/accept', deps)).toBe(true);
    expect(await openExternalLink('javascript:alert(1)', deps)).toBe(false);
    expect(confirm.mock.calls.map(([href]) => href)).toEqual(['https://example.com/refuse', 'https://example.com/accept']);
    expect(openExternal.mock.calls.map(([href]) => href)).toEqual(['https://github.com/taro', 'https://example.com/accept']);
  });
});
