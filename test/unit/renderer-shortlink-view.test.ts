/**
 * The short-link form without React: which fields it refuses before a call
 * (the core checks again), what it sends (empty fields clear, an empty key
 * is generated), and the final URL it previews, which is the core's own.
 */
import { describe, expect, it } from 'vitest';
import type { Shortlink } from '../../src-shared/contract/shortlinks';
import { previewFinalUrl, shortlinkDraft, shortlinkErrors, shortlinkInput } from '../../src-renderer/src/pages/shortlinks/shortlink-view';

const link: Shortlink = {
  shortlinkId: '00000000-0000-4000-8000-000000000001',
  key: 'talk1',
  targetUrl: 'https://example.com/t?a=1',
  finalUrl: 'https://example.com/t?a=1&utm_source=s',
  shortUrl: null,
  campaignId: null,
  campaignName: null,
  resourceId: null,
  resourceTitle: null,
  utmSource: 's',
  utmMedium: null,
  utmCampaign: null,
  utmContent: null,
  createdAt: '2026-01-01T00:00:00.000Z',
};

describe('short-link form', () => {
  it('starts from the link, and empty for a new one', () => {
    expect(shortlinkDraft(link)).toMatchObject({ key: 'talk1', targetUrl: 'https://example.com/t?a=1', utmSource: 's', utmMedium: '' });
    expect(shortlinkDraft(null)).toMatchObject({ key: '', targetUrl: '', campaignId: '' });
  });

  it('refuses an empty or non-http target and a malformed typed key; an empty key is fine', () => {
    const draft = shortlinkDraft(null);
    expect(shortlinkErrors(draft)).toEqual({ targetUrl: 'targetEmpty' });
    expect(shortlinkErrors({ ...draft, targetUrl: 'javascript:alert(1)' })).toEqual({ targetUrl: 'targetInvalid' });
    expect(shortlinkErrors({ ...draft, targetUrl: 'https://example.com', key: 'a b' })).toEqual({ key: 'keyInvalid' });
    expect(shortlinkErrors({ ...draft, targetUrl: ' https://example.com ', key: ' Spring-26 ' })).toEqual({});
  });

  it('sends trimmed values, nulls for empty fields, and no key when none is typed', () => {
    const draft = { ...shortlinkDraft(link), key: '', utmSource: '  ', utmMedium: ' qr ', campaignId: '' };
    expect(shortlinkInput(draft)).toEqual({
      targetUrl: 'https://example.com/t?a=1',
      campaignId: null,
      resourceId: null,
      utmSource: null,
      utmMedium: 'qr',
      utmCampaign: null,
      utmContent: null,
    });
    expect(shortlinkInput({ ...draft, key: ' k2 ' }).key).toBe('k2');
  });

  it('previews the final URL the core will store, or nothing while the target is no URL', () => {
    expect(previewFinalUrl({ ...shortlinkDraft(link), utmCampaign: 'spring 26' })).toBe(
      'https://example.com/t?a=1&utm_source=s&utm_campaign=spring%2026',
    );
    expect(previewFinalUrl({ ...shortlinkDraft(link), targetUrl: 'example.com' })).toBeNull();
  });
});
