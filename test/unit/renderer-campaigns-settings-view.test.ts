import { describe, expect, it } from 'vitest';
import type { Budget, Campaign } from '../../src-shared/contract/campaigns';
import type { Settings } from '../../src-shared/contract/settings';
import {
  budgetErrors,
  budgetFields,
  budgetRestoreInput,
  campaignDraft,
  campaignErrors,
  campaignInput,
  fieldMessage,
  lookbackChoices,
} from '../../src-renderer/src/pages/campaigns/campaign-view';
import { parseAmount } from '../../src-renderer/src/lib/form-values';
import { funnelDevelopersInput, funnelInput } from '../../src-renderer/src/pages/funnel/funnel-view';
import {
  actionRows,
  newActionError,
  settingsChanges,
  settingsDraft,
  settingsErrors,
  timeZoneOptions,
} from '../../src-renderer/src/pages/settings/settings-view';

const draft = { name: 'Tokyo Meetup', channel: '', utmCampaign: '', startDate: '', endDate: '', budgetTotal: '' };

describe('campaign form', () => {
  it('needs a name of at most 200 characters', () => {
    expect(campaignErrors({ ...draft, name: '  ' })).toEqual({ name: 'required' });
    expect(campaignErrors({ ...draft, name: 'x'.repeat(201) })).toEqual({ name: 'tooLong' });
    expect(campaignErrors(draft)).toEqual({});
    expect(campaignErrors({ ...draft, utmCampaign: 'x'.repeat(201) })).toEqual({ utmCampaign: 'tooLong' });
  });

  it('checks dates, their order, and the planned budget', () => {
    expect(campaignErrors({ ...draft, startDate: '2025-05-10', endDate: '2025-05-01' })).toEqual({ endDate: 'beforeStart' });
    expect(campaignErrors({ ...draft, startDate: '2025-02-30' })).toEqual({ startDate: 'invalid' });
    expect(campaignErrors({ ...draft, budgetTotal: 'lots' })).toEqual({ budgetTotal: 'invalid' });
    expect(campaignErrors({ ...draft, budgetTotal: '-5' })).toEqual({ budgetTotal: 'negative' });
    expect(campaignErrors({ ...draft, budgetTotal: '¥1,200,000' })).toEqual({});
  });

  it('sends blanks as null so that an edit can clear a field', () => {
    expect(
      campaignInput({ ...draft, channel: ' event ', utmCampaign: ' tokyo_meetup ', budgetTotal: '460,000', startDate: '2024-04-15' }),
    ).toEqual({
      name: 'Tokyo Meetup',
      channel: 'event',
      utmCampaign: 'tokyo_meetup',
      startDate: '2024-04-15',
      endDate: null,
      budgetTotal: 460000,
    });
  });

  it('starts an edit from the campaign', () => {
    const campaign = { name: 'X', channel: null, startDate: '2024-04-15', endDate: null, budgetTotal: 0 } as Campaign;
    expect(campaignDraft(campaign)).toEqual({
      name: 'X',
      channel: '',
      utmCampaign: '',
      startDate: '2024-04-15',
      endDate: '',
      budgetTotal: '0',
    });
  });

  it('reads amounts as people type them', () => {
    expect(parseAmount('１２０，０００')).toBe(120000);
    expect(parseAmount('87,000円')).toBe(87000);
    expect(parseAmount('$1,234.50')).toBe(1234.5);
    expect(parseAmount('12e3')).toBeNull();
    expect(parseAmount('')).toBeNull();
  });

  it('picks the message for each field’s error', () => {
    expect(fieldMessage('spentAt', 'invalid')).toEqual({ key: 'invalidDate', max: 0 });
    expect(fieldMessage('currency', 'invalid').key).toBe('invalidCurrency');
    expect(fieldMessage('amount', 'invalid').key).toBe('invalidAmount');
    expect(fieldMessage('memo', 'tooLong')).toEqual({ key: 'tooLong', max: 1000 });
  });
});

describe('budget form', () => {
  const ok = { category: 'venue', amount: '159,000', currency: 'jpy', spentAt: '2024-04-16', memo: ' 会場費 ' };

  it('validates every field', () => {
    expect(budgetErrors(ok)).toEqual({});
    expect(budgetErrors({ ...ok, category: '', amount: '', currency: 'yen!', spentAt: '' })).toEqual({
      category: 'required',
      amount: 'required',
      currency: 'invalid',
      spentAt: 'required',
    });
    expect(budgetErrors({ ...ok, amount: '-1' })).toEqual({ amount: 'negative' });
  });

  it('sends trimmed values, an upper-case currency and a null memo when blank', () => {
    expect(budgetFields(ok)).toEqual({ category: 'venue', amount: 159000, currency: 'JPY', spentAt: '2024-04-16', memo: '会場費' });
    expect(budgetFields({ ...ok, memo: ' ' }).memo).toBeNull();
  });

  it('puts a deleted entry back with budgets:create', () => {
    const deleted: Budget = {
      budgetId: 'b',
      campaignId: 'c',
      category: 'venue',
      amount: 159000,
      currency: 'JPY',
      spentAt: '2024-04-16T00:00:00.000Z',
      source: 'spreadsheet',
      memo: null,
    };
    expect(budgetRestoreInput(deleted)).toEqual({
      campaignId: 'c',
      category: 'venue',
      amount: 159000,
      currency: 'JPY',
      spentAt: '2024-04-16',
      memo: null,
    });
  });
});

describe('lookback choices', () => {
  it('offers the usual lookback windows plus the current one', () => {
    expect(lookbackChoices(30)).toEqual([7, 14, 30, 60, 90, 180, 365]);
    expect(lookbackChoices(45)).toEqual([7, 14, 30, 45, 60, 90, 180, 365]);
  });
});

describe('funnel inputs', () => {
  it('leaves out filters that are not set', () => {
    const period = { from: '2025-01-01', to: '2025-02-01' };
    expect(funnelInput(period, { campaignId: null, source: null })).toEqual(period);
    const input = funnelInput(period, { campaignId: 'c', source: 'web' });
    expect(funnelDevelopersInput(input, { stage: 'adoption', mode: 'reached', page: 2 }, 50)).toEqual({
      ...period,
      campaignId: 'c',
      source: 'web',
      stageKey: 'adoption',
      mode: 'reached',
      page: 2,
      pageSize: 50,
    });
  });
});

const settings: Settings = {
  timeZone: 'Asia/Tokyo',
  timeZoneSetting: null,
  machineTimeZone: 'Asia/Tokyo',
  language: null,
  conversionStage: 'adoption',
  valuePerConversion: null,
  valueCurrency: 'JPY',
  attributionModel: 'linear',
  lookbackDays: 30,
  stages: [
    { key: 'awareness', title: 'Awareness', order: 1 },
    { key: 'adoption', title: 'Adoption', order: 3 },
    { key: 'engagement', title: 'Engagement', order: 2 },
  ],
  actions: [
    { action: 'signup', stageKey: 'adoption', activities: 5 },
    { action: 'rsvp', stageKey: null, activities: 2 },
    { action: 'view', stageKey: 'awareness', activities: 50 },
    { action: 'attend', stageKey: 'engagement', activities: 9 },
    { action: 'webinar_view', stageKey: null, activities: 12 },
    { action: 'click', stageKey: 'awareness', activities: 80 },
  ],
};

describe('settings', () => {
  it('lists mapped actions in funnel order, then unmapped ones by frequency', () => {
    expect(actionRows(settings).map((a) => a.action)).toEqual(['click', 'view', 'attend', 'signup', 'webinar_view', 'rsvp']);
  });

  it('sends only what changed', () => {
    const d = settingsDraft(settings);
    expect(settingsChanges(settings, d)).toEqual({});
    expect(
      settingsChanges(settings, { ...d, valuePerConversion: '50,000', lookbackDays: '14', timeZoneSetting: 'UTC', valueCurrency: 'usd' }),
    ).toEqual({
      valuePerConversion: 50000,
      lookbackDays: 14,
      timeZoneSetting: 'UTC',
      valueCurrency: 'USD',
    });
    const withValue = { ...settings, valuePerConversion: 50000, timeZoneSetting: 'UTC' };
    expect(settingsChanges(withValue, { ...settingsDraft(withValue), valuePerConversion: '', timeZoneSetting: '' })).toEqual({
      valuePerConversion: null,
      timeZoneSetting: null,
    });
  });

  it('validates the value, currency and lookback', () => {
    const d = settingsDraft(settings);
    expect(settingsErrors(d)).toEqual({});
    expect(settingsErrors({ ...d, valuePerConversion: 'abc', valueCurrency: 'JP', lookbackDays: '0' })).toEqual({
      valuePerConversion: 'invalid',
      valueCurrency: 'invalid',
      lookbackDays: 'invalid',
    });
    expect(settingsErrors({ ...d, valuePerConversion: '-3', lookbackDays: '366' })).toEqual({
      valuePerConversion: 'negative',
      lookbackDays: 'invalid',
    });
  });

  it('refuses a blank, too long or already mapped new action, accepts an unmapped one', () => {
    const rows = actionRows(settings);
    expect(newActionError(' ', rows)).toBe('empty');
    expect(newActionError('x'.repeat(101), rows)).toBe('tooLong');
    expect(newActionError('click', rows)).toBe('exists');
    expect(newActionError('webinar_view', rows)).toBeNull();
    expect(newActionError('hackathon_submit', rows)).toBeNull();
  });

  it('offers every zone, UTC and a saved zone the engine lacks', () => {
    expect(timeZoneOptions(['Europe/Berlin', 'Asia/Tokyo'], 'Asia/Calcutta')).toEqual([
      'Asia/Calcutta',
      'Asia/Tokyo',
      'Europe/Berlin',
      'UTC',
    ]);
  });
});
