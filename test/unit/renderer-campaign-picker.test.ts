/**
 * The import's campaign option as a picker (issue 11, section 3): the
 * existing campaigns as the field's suggestions, and a hint that says whether
 * the name typed is one of them or a new campaign the import creates.
 */
import { createElement } from 'react';
import { describe, expect, it } from 'vitest';
import { testI18n, markupWith } from '../helpers/i18n';
import type { Campaign } from '../../src-shared/contract/campaigns';
import { CampaignPicker } from '../../src-renderer/src/pages/import/CampaignPicker';
import en from '../../src-renderer/src/i18n/en';

const i18n = await testI18n('en');

const campaign = (name: string, channel: string | null, startDate: string | null) =>
  ({ campaignId: `id-${name}`, name, channel, startDate }) as Campaign;
const campaigns = [campaign('Tokyo Meetup 2024-05', 'event', '2024-05-01'), campaign('Spring Ads', null, null)];

const render = (value: string) => markupWith(i18n, createElement(CampaignPicker, { id: 'c', value, campaigns, onChange: () => undefined }));
const hintOf = (html: string) => /data-testid="campaign-hint">([^<]*)</.exec(html)![1];

describe('CampaignPicker', () => {
  it('offers every campaign by name, with its channel and start as the detail, in a list the field names', () => {
    const html = render('');
    expect(html).toContain('list="c-list"');
    expect(html).toMatch(/<datalist id="c-list"[^>]*>/);
    expect(html).toContain('<option value="Tokyo Meetup 2024-05">event · 2024-05-01</option>');
    expect(html).toContain('<option value="Spring Ads"></option>');
    expect(hintOf(html)).toBe(en.imports.options.campaignHint);
  });

  it('says whether the name is an existing campaign or a new one', () => {
    expect(hintOf(render('Spring Ads'))).toBe(en.imports.options.campaignKnown);
    expect(hintOf(render(' Spring Ads '))).toBe(en.imports.options.campaignKnown);
    expect(hintOf(render('Autumn Ads'))).toBe(en.imports.options.campaignNew);
  });
});
