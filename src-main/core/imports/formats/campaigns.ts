/** The app's campaigns template (issue 3): one row per campaign; a re-import updates it by name. */
import { resolveCampaigns } from '../load/entity-resolve';
import { accepted, dropUndefined, type RowReader } from '../parse/row-reader';
import { parseAmount, parseDate } from '../parse/values';
import type { RowOutcome } from '../types';
import { defineFormat, field } from './format';
import { occurredAt } from './shared';

export function campaignRow(r: RowReader): RowOutcome {
  const name = r.require('name');
  const startDate = r.parse('start_date', parseDate);
  const endDate = r.parse('end_date', parseDate);
  if (startDate !== undefined && endDate !== undefined && endDate < startDate) r.failField('end_date', 'end-before-start');
  const budget = r.parse('budget_total', parseAmount);
  if (budget?.value.startsWith('-')) r.failField('budget_total', 'negative', { field: 'budget_total' });
  if (r.failed || name === undefined) return r.failure();
  return accepted(
    dropUndefined({
      kind: 'campaign' as const,
      line: r.line,
      name,
      channel: r.get('channel'),
      startDate,
      endDate,
      budgetTotal: budget?.value,
      utmCampaign: r.get('utm_campaign'),
    }),
  );
}

export const campaigns = defineFormat({
  type: 'campaigns',
  label: 'Campaigns (app template)',
  shortLabel: 'Campaigns',
  fields: [
    field('name', ['campaign', 'campaign_name', 'キャンペーン', 'キャンペーン名', '施策名'], true),
    field('channel', ['チャネル', 'チャンネル']),
    field('start_date', ['start', 'starts_at', '開始日']),
    field('end_date', ['end', 'ends_at', '終了日']),
    field('budget_total', ['budget', '予算', '総予算']),
    field('utm_campaign'),
  ],
  // A name and something only a campaign has; a timed file is activities (asked first) or nothing.
  detect: {
    rank: 60,
    test: (h) => !h.has(occurredAt) && h.all('name') && h.any('channel', 'start_date', 'budget_total', 'utm_campaign'),
  },
  options: ['timezone'],
  load: { kind: 'entity', resolve: resolveCampaigns },
  tables: ['campaigns'],
  template: true,
  example: {
    name: 'Tokyo Meetup 2026',
    channel: 'event',
    start_date: '2026-04-01',
    end_date: '2026-04-30',
    budget_total: '300000',
    utm_campaign: 'tokyo-meetup-2026',
  },
  primaryCount: 'campaigns',
  keepsUnmapped: false,
  actorFieldSets: [],
  row: campaignRow,
});
