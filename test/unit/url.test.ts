import { describe, expect, it } from 'vitest';
import { parseUrl } from '../../src-shared/url';

describe('parseUrl', () => {
  it('answers the URL new URL would, relative ones against the base', () => {
    expect(parseUrl('https://example.com/a?b=1')?.href).toBe('https://example.com/a?b=1');
    expect(parseUrl('/auth/me', 'http://127.0.0.1:8080')?.href).toBe('http://127.0.0.1:8080/auth/me');
  });

  it('answers null where new URL throws', () => {
    expect(parseUrl('not a url')).toBeNull();
    expect(parseUrl('')).toBeNull();
    expect(parseUrl('/relative')).toBeNull();
    expect(parseUrl('https://exa mple.com/')).toBeNull();
  });
});
