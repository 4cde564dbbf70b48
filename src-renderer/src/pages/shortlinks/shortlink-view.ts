/**
 * The short-link form without React: the draft from a link, what is wrong
 * with each field (the core checks again and names the problem), the input
 * for the channel, and the final URL the draft would make.
 */
import type { ChannelInput } from '../../../../src-shared/contract/index';
import type { Shortlink } from '../../../../src-shared/contract/shortlinks';
import { finalUrl, targetProblem, TYPED_KEY } from '../../../../src-shared/shortlinks';

export interface ShortlinkDraft {
  key: string;
  targetUrl: string;
  campaignId: string;
  resourceId: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
  utmContent: string;
}

export const UTM_FIELDS = ['utmSource', 'utmMedium', 'utmCampaign', 'utmContent'] as const;

export function shortlinkDraft(link: Shortlink | null): ShortlinkDraft {
  return {
    key: link?.key ?? '',
    targetUrl: link?.targetUrl ?? '',
    campaignId: link?.campaignId ?? '',
    resourceId: link?.resourceId ?? '',
    utmSource: link?.utmSource ?? '',
    utmMedium: link?.utmMedium ?? '',
    utmCampaign: link?.utmCampaign ?? '',
    utmContent: link?.utmContent ?? '',
  };
}

export type ShortlinkErrors = Partial<Record<'key' | 'targetUrl', 'targetEmpty' | 'targetInvalid' | 'keyInvalid'>>;

export function shortlinkErrors(draft: ShortlinkDraft): ShortlinkErrors {
  const errors: ShortlinkErrors = {};
  const target = draft.targetUrl.trim();
  if (target === '') errors.targetUrl = 'targetEmpty';
  else if (targetProblem(target)) errors.targetUrl = 'targetInvalid';
  const key = draft.key.trim();
  if (key !== '' && !TYPED_KEY.test(key)) errors.key = 'keyInvalid';
  return errors;
}

/** The channel's input: empty fields clear (null); an empty key is generated on a new link and left as it is on an edit. */
export function shortlinkInput(draft: ShortlinkDraft): ChannelInput<'shortlinks:create'> {
  const text = (value: string) => value.trim() || null;
  const key = draft.key.trim();
  return {
    ...(key !== '' ? { key } : {}),
    targetUrl: draft.targetUrl.trim(),
    campaignId: draft.campaignId || null,
    resourceId: draft.resourceId || null,
    utmSource: text(draft.utmSource),
    utmMedium: text(draft.utmMedium),
    utmCampaign: text(draft.utmCampaign),
    utmContent: text(draft.utmContent),
  };
}

/** The final URL of the draft, or null while its target is not a URL. */
export function previewFinalUrl(draft: ShortlinkDraft): string | null {
  const target = draft.targetUrl.trim();
  if (target === '' || targetProblem(target)) return null;
  return finalUrl(target, {
    utm_source: draft.utmSource.trim(),
    utm_medium: draft.utmMedium.trim(),
    utm_campaign: draft.utmCampaign.trim(),
    utm_content: draft.utmContent.trim(),
  });
}

/** A PNG answered as base64, as a Blob to save. */
export function base64Blob(base64: string, type: string): Blob {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Blob([bytes], { type });
}
